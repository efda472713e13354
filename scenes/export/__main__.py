"""``python -m scenes.export lecture|slides``: what ``make lecture`` and ``make slides`` run."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from scenes.config import ConfigError

from . import lecture, slides
from .catalogue import CHAPTERS, PROJECT_ROOT, ExportError, select
from .options import ExportOptions
from .quality import quality


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.export",
        description="Render the whole lecture as one video, or its steps as slides.",
    )
    parser.add_argument("what", choices=("lecture", "slides"))
    parser.add_argument(
        "--quality", default="h", help="Manim quality flag: l, m, h (default, 1080p60), p or k"
    )
    parser.add_argument(
        "--scenes",
        default="",
        help="only these scene files, e.g. 'layers relu' (default: all, in lecture order: "
        + " ".join(c.name for c in CHAPTERS)
        + ")",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="scenes at once")
    parser.add_argument("--force", action="store_true", help="render even unchanged scenes")
    parser.add_argument("--out", type=Path, help="output folder (media/lecture or media/slides)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    start = time.perf_counter()
    try:
        chapters = select(args.scenes.replace(",", " ").split())
        q = quality(args.quality)
        if args.jobs < 1:
            raise ExportError(f"--jobs must be at least 1, not {args.jobs}")
        out = (args.out or PROJECT_ROOT / "media" / args.what).resolve()
        options = ExportOptions(q, out, args.jobs, args.force)
        if args.what == "lecture":
            made = lecture.make_lecture(chapters, options)
            print(lecture.summary(made, time.perf_counter() - start))
        else:
            deck = slides.make_slides(chapters, options)
            print(slides.summary(deck, time.perf_counter() - start))
    except (ExportError, ConfigError) as exc:
        print(f"make {args.what}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
