"""scenes/layers.py against Manim's floor (one moving dot), in one run, and where time goes.

Run: ``.venv/bin/python benchmarks/bench_layers.py [--runs 3] [--quality h] [--profile]
[--field]``. Prints wall time per second of video for both scenes (medians of ``--runs``
alternating renders, so both see the same machine load) and their ratio; the
target is a ratio of at most 2 at -qh. ``--profile`` adds a cProfile of one
layers render (top functions by own time). ``--field`` only times one frame of the
784 input neurons moving (rows halfway to the column) drawn two ways: as 784 Manim
circles, and as the scene draws them (``scenes.kit.neuron_field``, one image).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
from statistics import median

from manim import tempconfig
from render_timing import ROOT, render_seconds

FLOOR = (ROOT / "benchmarks" / "floor_scene.py", "OneDot")
LAYERS = (ROOT / "scenes" / "layers.py", "NetworkLayers")


def profile_layers(quality: str, top: int = 25) -> str:
    import logging

    from scenes.layers import NetworkLayers

    logging.getLogger("manim").setLevel(logging.WARNING)  # keep the profile readable
    with (
        tempfile.TemporaryDirectory() as media,
        tempconfig(
            {
                "quality": quality,
                "media_dir": media,
                "disable_caching": True,
                "progress_bar": "none",
            }
        ),
    ):
        profiler = cProfile.Profile()
        profiler.enable()
        NetworkLayers().render()
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def time_field(quality: str, frames: int = 10) -> str:
    """Median milliseconds per frame to move and draw the 784 input neurons, both ways."""
    import time

    from manim import Circle, VGroup

    from lecture.inputs import load_inputs
    from network.data import IMAGE_SIDE
    from scenes.kit.camera import LectureCamera
    from scenes.kit.diagram import NEURON_STROKE
    from scenes.kit.grids import PixelGrid
    from scenes.kit.neuron_field import (
        NeuronField,
        column_centers,
        grid_centers,
        lagged,
        rows_to_column,
    )
    from scenes.layers import COLUMN_SPACING, ROW_LAG

    lines = []
    with tempconfig({"quality": quality}):
        lecture = load_inputs()
        palette, pixels = lecture.palette, lecture.digit.pixels
        grid = PixelGrid(pixels, palette, height=5.6)
        start, end = grid_centers(grid), column_centers(-3.35, 38.8, COLUMN_SPACING)
        camera = LectureCamera()
        circles = VGroup(
            *(
                Circle(radius=0.09)
                .set_stroke(palette.neuron_stroke, NEURON_STROKE)
                .set_fill(palette.neuron_fill, float(v))
                .move_to(p)
                for v, p in zip(pixels, start, strict=True)
            )
        )
        field = NeuronField(pixels, start, 0.09, palette, roundness=1.0)

        def move_circles(alpha: float) -> None:
            centers = rows_to_column(lagged(alpha, IMAGE_SIDE, ROW_LAG), start, end)
            for circle, p in zip(circles, centers, strict=True):
                circle.move_to(p)

        def move_field(alpha: float) -> None:
            field.centers = rows_to_column(lagged(alpha, IMAGE_SIDE, ROW_LAG), start, end)
            field.redraw()

        for name, mobject, move in (
            ("784 circles", circles, move_circles),
            ("one image (NeuronField)", field, move_field),
        ):
            times = []
            for frame in range(frames):
                begin = time.perf_counter()
                move(0.3 + 0.4 * frame / frames)
                camera.reset()
                camera.capture_mobjects([mobject])
                times.append(time.perf_counter() - begin)
            lines.append(f"  {name:>24}: {1000 * median(times):6.1f} ms per frame")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quality", default="h", help="Manim quality flag (h = 1080p60)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--field", action="store_true", help="only time the 784 input neurons")
    args = parser.parse_args()
    names = {"l": "low_quality", "m": "medium_quality", "h": "high_quality"}
    if args.field:
        print(f"the 784 input neurons moving, at -q{args.quality}:")
        print(time_field(names.get(args.quality, "high_quality")))
        return 0
    per_second: dict[str, list[float]] = {"floor": [], "layers": []}
    walls: dict[str, list[float]] = {"floor": [], "layers": []}
    durations: dict[str, float] = {}
    for run in range(args.runs):
        for name, (path, scene) in (("floor", FLOOR), ("layers", LAYERS)):
            wall, duration = render_seconds(path, scene, args.quality)
            walls[name].append(wall)
            per_second[name].append(wall / duration)
            durations[name] = duration
            print(f"run {run + 1} {name:>6}: {wall:6.1f} s wall for {duration:5.1f} s of video")
    print(f"\nmedians of {args.runs} runs at -q{args.quality}:")
    for name in walls:
        print(
            f"  {name:>6}: {median(walls[name]):6.1f} s wall, {durations[name]:5.1f} s video, "
            f"{median(per_second[name]):.2f} s per video second"
        )
    ratios = [
        lay / flo for lay, flo in zip(per_second["layers"], per_second["floor"], strict=True)
    ]
    print(f"  layers / floor: {median(ratios):.2f}× (target ≤ 2×)")
    if args.profile:
        print("\ncProfile of one layers render, by own time:\n")
        print(profile_layers(names.get(args.quality, "high_quality")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
