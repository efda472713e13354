"""Join chapter videos into one MP4 with chapter markers, and their subtitles into one SRT.

The parts are remuxed, not re-encoded: they come from one Manim quality setting,
so their H.264 streams share every parameter and can follow one another as they are.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import av
import srt

from scenes.narration.audio import write_wav

from .catalogue import ExportError
from .soundtrack import add_audio_stream, has_audio, lecture_audio, write_audio
from .whole import whole

if TYPE_CHECKING:
    from av.container.core import Chapter  # a TypedDict of PyAV's stubs only

__all__ = ["ChapterMark", "join_videos", "merge_subtitles", "video_duration"]


@dataclass(frozen=True)
class ChapterMark:
    title: str
    start: float  # seconds into the lecture
    end: float


def video_duration(path: Path) -> float:
    """Length of the video stream in seconds, from its packets' timestamps."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        if container.duration is None:
            raise ExportError(f"{path}: the video's duration is not known")
        return container.duration / av.time_base


def _signature(stream: av.VideoStream) -> tuple:
    ctx = stream.codec_context
    return (
        ctx.name,
        ctx.width,
        ctx.height,
        ctx.pix_fmt,
        stream.time_base,
        bytes(ctx.extradata or b""),
    )


def join_videos(
    videos: Sequence[Path],
    titles: Sequence[str],
    target: Path,
    sounds: Sequence[Path | None] | None = None,
    keep_sound: Path | None = None,
) -> list[ChapterMark]:
    """Write ``videos`` one after another to ``target``, one titled chapter each.

    When any part has sound (the narration), the result gets one AAC track made
    from all of them, each part's sound at its chapter's start (``soundtrack``);
    ``sounds`` gives each part's sound as a file of its own instead (``None``: silent).
    ``keep_sound`` also keeps that track as a 16-bit WAV (when there is one): a later
    join that reads it encodes the sound once, where decoding the AAC and encoding it
    again would let the codec's overshoot at a sharp onset grow past full scale.
    The file appears under its name only once complete.
    """
    if not videos or len(videos) != len(titles):
        raise ValueError("join_videos needs one title per video, and at least one video")
    if sounds is not None and len(sounds) != len(videos):
        raise ValueError("join_videos needs one sound (or None) per video")
    partial = target.with_name(target.name + ".partial")
    marks: list[ChapterMark] = []
    chapters: list[Chapter] = []
    try:
        sources = list(videos) if sounds is None else list(sounds)
        sound = any(s is not None and has_audio(s) for s in sources)
    except av.FFmpegError as exc:
        raise ExportError(
            f"a part cannot be read as a video ({exc}); render again with --force"
        ) from exc
    try:
        with av.open(str(partial), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            out_stream, first = None, None
            offset = 0  # in the streams' common time base
            for number, (video, title) in enumerate(zip(videos, titles, strict=True)):
                try:
                    with av.open(str(video)) as part:
                        stream = part.streams.video[0]
                        if out_stream is None:
                            out_stream, first = (
                                out.add_stream_from_template(stream),
                                _signature(stream),
                            )
                            if sound:
                                add_audio_stream(out)
                        elif _signature(stream) != first:
                            raise ExportError(
                                f"{video} was encoded differently from {videos[0]} (another "
                                "quality or Manim version?); render it again with --force"
                            )
                        end = offset
                        for packet in part.demux(stream):
                            if packet.dts is None:  # the demuxer's end-of-stream marker
                                continue
                            if packet.pts is None:
                                raise ExportError(
                                    f"{video}: a frame has no timestamp; render it again with "
                                    "--force"
                                )
                            packet.pts += offset
                            packet.dts += offset
                            end = max(end, packet.pts + (packet.duration or 0))
                            packet.stream = out_stream
                            out.mux(packet)
                        if stream.time_base is None:
                            raise ExportError(
                                f"{video}: the video has no time base; render it again with "
                                "--force"
                            )
                        base: Fraction = stream.time_base
                except av.FFmpegError as exc:  # a part damaged since it was checked
                    raise ExportError(
                        f"{video}: cannot be read as a video ({exc}); render it again with --force"
                    ) from exc
                chapters.append(
                    {"id": number + 1, "start": offset, "end": end, "time_base": base,
                     "metadata": {"title": title}}
                )  # fmt: skip
                marks.append(ChapterMark(title, float(offset * base), float(end * base)))
                offset = end
            if sound:
                track = lecture_audio(sources, [m.start for m in marks], marks[-1].end)
                write_audio(out, track)
                if keep_sound is not None:
                    write_wav(keep_sound, track)
            out.set_chapters(chapters)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return marks


def merge_subtitles(
    subtitles: Sequence[Path | None], marks: Sequence[ChapterMark], target: Path
) -> int:
    """One SRT for the lecture: each chapter's captions moved to where its video starts.

    Returns how many captions were written.
    """
    merged: list[srt.Subtitle] = []
    for path, mark in zip(subtitles, marks, strict=True):
        if path is None:
            continue
        shift = timedelta(seconds=mark.start)
        limit = timedelta(seconds=mark.end)
        try:
            captions = list(srt.parse(path.read_text(encoding="utf-8")))
        except (OSError, srt.SRTParseError) as exc:
            raise ExportError(f"{path}: cannot read its subtitles ({exc})") from exc
        for caption in captions:
            start, end = caption.start + shift, min(caption.end + shift, limit)
            if end > start:
                merged.append(srt.Subtitle(0, start, end, caption.content))
    with whole(target) as partial:
        partial.write_text(srt.compose(merged, reindex=True), encoding="utf-8")
    return len(merged)
