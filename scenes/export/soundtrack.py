"""The lecture's sound: every chapter's narration placed where its video starts.

Video is remuxed packet by packet, but AAC cannot be: each part's track starts
with encoder priming and ends on a 1024-sample frame, so packets laid end to end
would drift and click. The parts' audio is decoded instead, placed sample-exactly
at its chapter's start (silence where a chapter has none), and encoded once.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.narration.audio import SAMPLE_RATE, decoded, limited

__all__ = [
    "AUDIO_BITRATE",
    "add_audio_stream",
    "has_audio",
    "lecture_audio",
    "write_audio",
]

AUDIO_BITRATE = 128_000  # mono speech: transparent in AAC-LC
_BLOCK = 1024  # AAC-LC frame size


def has_audio(video: Path) -> bool:
    with av.open(str(video)) as container:
        return bool(container.streams.audio)


def lecture_audio(
    sources: Sequence[Path | None], starts: Sequence[float], end: float
) -> np.ndarray:
    """One track: part ``i``'s sound (a video's, or a sound file's; ``None`` is silent)
    from ``starts[i]`` seconds, cut at the next part's start, the whole exactly ``end``
    seconds long (to the sample)."""
    track = np.zeros(round(end * SAMPLE_RATE), dtype=np.float32)
    bounds = [*starts[1:], end]
    for source, start, stop in zip(sources, starts, bounds, strict=True):
        if source is None:
            continue
        sound = decoded(source)
        a, b = round(start * SAMPLE_RATE), round(stop * SAMPLE_RATE)
        piece = sound[: b - a]
        track[a : a + len(piece)] = piece
    return limited(track)  # decoding AAC can overshoot a peak; never encode one past it


def write_audio(container: av.container.OutputContainer, samples: np.ndarray) -> None:
    """Encode ``samples`` as AAC into ``container`` (its stream added beforehand)."""
    stream = container.streams.audio[0]
    for start in range(0, len(samples), _BLOCK):
        block = samples[start : start + _BLOCK].reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(block), format="flt", layout="mono"
        )
        frame.sample_rate, frame.pts = SAMPLE_RATE, start
        frame.time_base = Fraction(1, SAMPLE_RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def add_audio_stream(container: av.container.OutputContainer) -> None:
    stream = container.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
    stream.bit_rate = AUDIO_BITRATE
