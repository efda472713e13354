"""``python -m scenes.export lecture|slides|present``: what ``make lecture|slides|present`` run.

Exit status: 0 done; 1 a scene failed to render (or the export could not finish;
a full disk is said as such, with where and how much is free); 2 bad input, said in
one ``error:`` line before anything renders; 128 + the signal's number when stopped
by SIGINT (130) or SIGTERM (143).

Nothing that imports Manim is imported before ``manim.cfg`` has been read here:
Manim parses that file as it is imported and fails with a traceback on a mistake
in it, which ``load_config`` reports as one line instead.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from scenes.config import ConfigError, load_config

from .catalogue import CHAPTERS, PROJECT_ROOT, Chapter, ExportError, ExportInputError, select
from .interrupt import Interrupted, deliver_after_publishing, raise_on_signals, signals_held

__all__ = ["BAD_INPUT", "FAILED", "main"]

FAILED, BAD_INPUT = 1, 2
PROG = "python -m scenes.export"


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake on the command line is one ``error:`` line too."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {message} (see {PROG} --help)", file=sys.stderr)
        raise SystemExit(BAD_INPUT)


def _folder(text: str) -> Path:
    """A folder option's value, absolute: refused when empty or blank, which ``Path``
    would read as ``.`` (the whole export, lock and build files included, in the current
    folder), or when it is a symbolic link that loops (``resolve`` raises)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{text!r} names no folder; give a folder's path")
    try:
        return Path(text).resolve()
    except (RuntimeError, OSError) as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is a symbolic link that loops back on itself; give a folder's path"
        ) from exc


def _parser(chapters: Sequence[Chapter]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Render the whole lecture as one video, or its steps as slides, or present "
        "it (every step a slide that plays its clip, from the lecture's parts).",
    )
    parser.add_argument("what", choices=("lecture", "slides", "present"))
    parser.add_argument(
        "--quality", default="h", help="Manim quality flag: l, m, h (default, 1080p60), p or k"
    )
    parser.add_argument(
        "--scenes",
        default="",
        help="only these scene files, e.g. 'layers relu' (default: all, in lecture order: "
        + " ".join(c.name for c in chapters)
        + ")",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="scenes at once")
    parser.add_argument("--force", action="store_true", help="render even unchanged scenes")
    parser.add_argument(
        "--out", type=_folder, help="output folder (media/lecture, media/slides or media/present)"
    )
    parser.add_argument(
        "--lecture",
        type=_folder,
        help="present: the lecture's folder, whose cached parts are reused (media/lecture)",
    )
    return parser


def _export(args: argparse.Namespace, chapters: Sequence[Chapter], out: Path) -> None:
    """Check the input, then make the lecture or the slides and print what was made."""
    start = time.perf_counter()
    config = load_config()  # before Manim is imported: see the module's docstring
    picked = select(args.scenes.replace(",", " ").split(), chapters)
    if args.jobs < 1:
        raise ExportInputError(f"--jobs must be at least 1, not {args.jobs}")
    from . import lecture, present, slides
    from .options import ExportOptions
    from .quality import quality

    options = ExportOptions(quality(args.quality), out, args.jobs, args.force, config=config)
    if args.what == "lecture":
        made = lecture.make_lecture(picked, options)
        with signals_held() as arrived:  # published: a signal now must not say otherwise
            print(lecture.summary(made, time.perf_counter() - start))
    elif args.what == "present":
        shown = present.make_present(picked, options, args.lecture)
        with signals_held() as arrived:
            print(present.summary(shown, time.perf_counter() - start))
    else:
        deck = slides.make_slides(picked, options)
        with signals_held() as arrived:
            print(slides.summary(deck, time.perf_counter() - start))
    deliver_after_publishing(arrived)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _failure(exc: BaseException, out: Path) -> str:
    """What went wrong; a full disk said as such, with where and how much is free."""
    from .parts import free_space, no_space, size_text

    cause = no_space(exc)
    if cause is None:
        return str(exc)
    where = Path(os.fsdecode(cause.filename)) if cause.filename else out
    free = free_space(where)
    space = "" if free is None else f" ({size_text(free)} free on its disk)"
    return f"out of disk space writing {where}{space}; free some space and run it again"


def main(argv: Sequence[str] | None = None, chapters: Sequence[Chapter] = CHAPTERS) -> int:
    """Run the export; return the exit status. ``chapters`` is for tests (fixture scenes)."""
    args = _parser(chapters).parse_args(argv)
    out = (args.out or PROJECT_ROOT / "media" / args.what).resolve()
    with raise_on_signals():
        try:
            _export(args, chapters, out)
        except KeyboardInterrupt as exc:  # SIGINT, or SIGTERM as Interrupted
            stop = exc if isinstance(exc, Interrupted) else Interrupted(signal.SIGINT)
            if stop.published:
                what = f"the new outputs in {out} had been published"
            else:
                what = f"renders stopped, previous outputs in {out} kept"
            print(f"error: interrupted by {stop.name}; {what}", file=sys.stderr)
            return 128 + stop.signum
        except (ExportInputError, ConfigError) as exc:
            print(f"error: {_one_line(exc)}", file=sys.stderr)
            return BAD_INPUT
        except (ExportError, OSError) as exc:
            print(f"error: {_failure(exc, out)}", file=sys.stderr)
            return FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main())
