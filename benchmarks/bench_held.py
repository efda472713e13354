"""Held frames: what one repeated 1080p60 frame costs to encode, Manim's way and ours.

Run: ``.venv/bin/python benchmarks/bench_held.py [--runs 5] [--frames 120]``.
Each run encodes the same lecture-like picture ``--frames`` times as one held frame
(``write_frame(pixels, repeat=N)``, as a ``wait`` does) through Manim's segment
encoder, once with Manim's own ``write_frame`` and once with ``scenes.kit.held_frames``,
one after the other, so the ratio compares like with like on a shared machine.
Target: a held frame costs a small fraction of a drawn one.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from statistics import median

import numpy as np
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.kit import held_frames

SPEC = VideoEncoderSpec(
    container_format="mp4", codec="libx264", pixel_format="yuv420p", width=1920,
    height=1080, frame_rate=Fraction(60), options=(("preset", "ultrafast"), ("crf", "23")),
)  # fmt: skip


def picture() -> np.ndarray:
    """The lecture's dark stage with a few lit shapes (flat colour, as Manim draws)."""
    pixels = np.empty((SPEC.height, SPEC.width, 4), np.uint8)
    pixels[...] = (11, 14, 20, 255)
    rng = np.random.default_rng(0)
    for _ in range(40):
        y, x = rng.integers(0, SPEC.height - 80), rng.integers(0, SPEC.width - 80)
        pixels[y : y + 60, x : x + 60, :3] = rng.integers(40, 255, 3)
    return pixels


def per_frame_ms(frames: int, pixels: np.ndarray, folder: Path) -> float:
    encoder = VideoSegmentEncoder(target=folder / "held.mp4", spec=SPEC)
    start = time.perf_counter()
    encoder.write_frame(pixels.copy(), repeat=frames)
    encoder.finish()
    return (time.perf_counter() - start) / frames * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frames", type=int, default=120)
    args = parser.parse_args()
    pixels = picture()
    manims, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            VideoSegmentEncoder.write_frame = held_frames._ORIGINAL  # type: ignore[method-assign]
            manims.append(per_frame_ms(args.frames, pixels, Path(tmp)))
            held_frames.install()
            ours.append(per_frame_ms(args.frames, pixels, Path(tmp)))
    m, o = median(manims), median(ours)
    print(f"held 1080p60 frame, median of {args.runs} runs of {args.frames} frames:")
    print(f"  Manim's write_frame: {m:6.2f} ms a frame")
    print(f"  held_frames:         {o:6.2f} ms a frame  ({o / m:.2f}× Manim's)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
