"""Whether a freshly rendered file is usable: a video that demuxes, subtitles that
parse, stills that decode.

Checked as a render is collected, so a broken render is that scene's failure,
named with its log, and not a crash in the join or the deck much later.
"""

from __future__ import annotations

from pathlib import Path

import av
import srt
from PIL import Image

from .catalogue import ExportError

__all__ = ["check_image", "check_subtitles", "check_video"]


def check_video(path: Path) -> float:
    """Demux every packet of ``path``'s video stream; return its length in seconds.

    Raises
    ------
    ExportError
        If the file cannot be read as a video, or has no frames.
    """
    packets, end = 0, 0
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise ExportError(f"{path}: has no video stream")
            stream = container.streams.video[0]
            for packet in container.demux(stream):
                if packet.dts is None:  # the demuxer's end-of-stream marker
                    continue
                if packet.pts is None:
                    raise ExportError(f"{path}: a frame has no timestamp")
                packets += 1
                end = max(end, packet.pts + (packet.duration or 0))
            base = stream.time_base
    except av.FFmpegError as exc:
        raise ExportError(f"{path}: not a readable video ({exc})") from exc
    duration = float(end * base) if base is not None else 0.0
    if packets == 0 or duration <= 0:
        raise ExportError(f"{path}: the video has no frames")
    return duration


def check_subtitles(path: Path) -> int:
    """Parse ``path`` as SRT; return how many captions it has.

    Raises
    ------
    ExportError
        If it is not UTF-8 text in SRT form.
    """
    try:
        return len(list(srt.parse(path.read_text(encoding="utf-8"))))
    except (OSError, ValueError, srt.SRTParseError) as exc:
        raise ExportError(f"{path}: not readable subtitles ({exc})") from exc


def check_image(path: Path) -> None:
    """Decode ``path`` in full.

    Raises
    ------
    ExportError
        If it is not a whole image.
    """
    try:
        with Image.open(path) as image:
            image.load()
    except (OSError, ValueError, SyntaxError) as exc:  # PIL reports bad chunks as SyntaxError
        raise ExportError(f"{path}: not a readable image ({exc})") from exc
