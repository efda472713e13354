"""make lecture and make slides from scratch: wall time against the lecture's length.

Run: ``.venv/bin/python benchmarks/bench_export.py [--quality h] [--runs 1] [--jobs 2]``.
Each run renders every scene afresh (``force``) into a temporary folder. Targets
on 2 cores: the lecture at 1080p60 in at most 1.5× its own duration; all slides
in at most 2 minutes.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from scenes.export.catalogue import CHAPTERS
from scenes.export.lecture import make_lecture
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.export.slides import make_slides


def folder_megabytes(folder: Path, pattern: str) -> float:
    return sum(f.stat().st_size for f in folder.glob(pattern)) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", default="h")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-slides", action="store_true")
    args = parser.parse_args()
    q = quality(args.quality)
    lecture_walls, slide_walls, ratios = [], [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            quiet = ExportOptions(q, Path(tmp), args.jobs, force=True, stream=io.StringIO())
            made = make_lecture(CHAPTERS, quiet)
            wall = time.perf_counter() - start
            lecture_walls.append(wall)
            ratios.append(wall / made.duration)
            size = made.video.stat().st_size / 1e6
            print(
                f"run {run + 1} lecture at {q.folder}: {wall:6.1f} s wall, {made.duration:6.1f} s "
                f"long ({wall / made.duration:.2f}×), {size:.1f} MB"
            )
            for outcome, mark in zip(made.outcomes, made.marks, strict=True):
                print(f"    {outcome.chapter.name:<13} {outcome.seconds:6.1f} s wall "
                      f"for {mark.end - mark.start:5.1f} s")  # fmt: skip
        if args.skip_slides:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            quiet = ExportOptions(quality("h"), Path(tmp), args.jobs, True, io.StringIO())
            deck = make_slides(CHAPTERS, quiet)
            wall = time.perf_counter() - start
            slide_walls.append(wall)
            print(
                f"run {run + 1} slides: {wall:6.1f} s wall, {len(deck.slides)} slides, "
                f"PNGs {folder_megabytes(Path(tmp), '*.png'):.1f} MB, "
                f"PDF {deck.pdf.stat().st_size / 1e6:.1f} MB, "
                f"PPTX {deck.pptx.stat().st_size / 1e6:.1f} MB"
            )
    print(f"\nmedians of {args.runs} run(s), {args.jobs} scenes at a time:")
    print(
        f"  lecture at {q.folder}: {median(lecture_walls):.1f} s wall, "
        f"{median(ratios):.2f}× its duration (target ≤ 1.5× at 1080p60)"
    )
    if slide_walls:
        print(f"  slides: {median(slide_walls):.1f} s wall (target ≤ 120 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
