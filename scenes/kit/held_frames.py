"""Held frames almost free: a frame that repeats the last one is not converted again.

Most of the lecture's frames hold a picture while it is being talked about (a
``wait``, the hold at the end of a step). Manim 0.22 hands a hold to its segment
encoder as one frame and a repeat count, but the encoder builds a new
``VideoFrame`` from the RGBA pixels for every repeat, and the encoder converts
each to YUV again: a held second cost as much as a drawn one, less the drawing.

:func:`install` replaces :meth:`VideoSegmentEncoder.write_frame` with one that
converts a picture once, to the stream's own pixel format, and sends that same
frame for every repeat (and for the next call too, when its pixels are equal:
the tail of an eased animation often draws the same picture twice). Only the
timestamp changes; the encoder copies what it is given, so the frames it writes
are the ones it would have written. A variable-frame-rate hold (one frame shown
for seconds) would cost even less, but whether PowerPoint and hardware players
honour one could not be checked, so every frame is still written, at constant rate.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import av
import numpy as np
from manim.scene.video_segment_encoder import VideoSegmentEncoder

__all__ = ["install", "installed"]

_ORIGINAL = VideoSegmentEncoder.write_frame


def _write_frame(self: VideoSegmentEncoder, pixels: np.ndarray, *, repeat: int = 1) -> None:
    """Encode ``pixels`` ``repeat`` times at consecutive timestamps, converted once."""
    self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    state: dict[str, Any] = self.__dict__.setdefault("_held", {})
    stream = self._stream
    assert isinstance(stream, av.VideoStream)  # Manim made it with a video codec
    try:
        last = state.get("pixels")
        if last is None or not np.array_equal(last, pixels):
            rgba = av.VideoFrame.from_ndarray(pixels, format="rgba")
            state["frame"] = rgba.reformat(format=stream.pix_fmt)
            state["pixels"] = pixels
        frame = state["frame"]
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def install() -> None:
    """Make every segment encoder made from now on convert a held picture once."""
    VideoSegmentEncoder.write_frame = _write_frame  # type: ignore[method-assign]


def installed() -> bool:
    """Whether :func:`install` is in effect (Manim's own ``write_frame`` is not)."""
    return VideoSegmentEncoder.write_frame is not _ORIGINAL
