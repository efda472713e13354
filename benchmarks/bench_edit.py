"""An edit costs what it changes: ``make lecture`` after one sentence or one headline is
edited, and ``make present`` after ``make lecture``.

Run: ``.venv/bin/python benchmarks/bench_edit.py [--quality h] [--runs 3] [--chapter X]``
after ``make lecture`` (same quality) has rendered ``--lecture`` (default media/lecture).

Each run edits a copy of the configured script (``LECTURE_SCRIPT``): a sentence added
to one step's narration, then taken out again (each is one edited sentence), then
a word added to one step's headline and taken out again; ``make lecture`` runs after
each edit, as a lecturer would, and its wall time is printed. Then ``make present``
runs ``--runs`` times from the lecture. Targets on 2 cores at 1080p60: a sentence
≤ 90 s, a headline ≤ 3 min, make present ≤ 20 s. The last run leaves the lecture as
the unedited script renders it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from statistics import median

from scenes.config import load_config

ROOT = Path(__file__).resolve().parent.parent
ADDED_SENTENCE = " Take a moment with this."
ADDED_WORD = " again"


def export(what: str, args: argparse.Namespace, script: Path | None) -> float:
    """Wall time of ``python -m scenes.export WHAT`` as make runs it."""
    env = dict(os.environ)
    if script is not None:
        env["LECTURE_SCRIPT"] = str(script)
    command = [sys.executable, "-m", "scenes.export", what, "--quality", args.quality]
    command += (
        ["--lecture", str(args.lecture)] if what == "present" else ["--out", str(args.lecture)]
    )
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall


def edits(text: str, chapter: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(old, new) for one sentence added to the chapter's first narration, and for one
    word added to its shortest headline."""
    table = tomllib.loads(text)[chapter]
    first = next(iter(table.values()))["narration"].strip()
    sentence = first.splitlines()[0]
    headline = min((e["headline"] for e in table.values()), key=len)
    return (sentence, sentence + ADDED_SENTENCE), (
        f'headline = "{headline}"',
        f'headline = "{headline}{ADDED_WORD}"',
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", default="h")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chapter", default="weighted_sum")
    parser.add_argument("--lecture", type=Path, default=ROOT / "media" / "lecture")
    args = parser.parse_args()
    original = load_config().script.read_text(encoding="utf-8")
    sentence, headline = edits(original, args.chapter)
    walls: dict[str, list[float]] = {"sentence": [], "headline": [], "present": []}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "script.toml"
        script.write_text(original, encoding="utf-8")
        export("lecture", args, script)  # the lecture as the unedited words render it
        for run in range(args.runs):
            for kind, (old, new) in (("sentence", sentence), ("headline", headline)):
                assert original.count(old) == 1, f"cannot find one {old!r} to edit"
                for words in (original.replace(old, new), original):  # edit, then undo
                    script.write_text(words, encoding="utf-8")
                    walls[kind].append(export("lecture", args, script))
                    print(f"run {run + 1}: one {kind} edited in {args.chapter}, make lecture "
                          f"at {args.quality}: {walls[kind][-1]:6.1f} s")  # fmt: skip
        for run in range(args.runs):
            walls["present"].append(export("present", args, script))
            print(f"run {run + 1}: make present after make lecture: {walls['present'][-1]:6.1f} s")
    for kind, times in walls.items():
        print(f"median {kind:<9} {median(times):6.1f} s  (of {len(times)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
