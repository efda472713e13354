"""Manim's own ``manim render``, plus each step's words: ``python -m scenes.export.video_worker``.

``make lecture`` renders every scene with this in place of ``python -m manim``:
``python -m scenes.export.video_worker WORDS.json render …`` runs Manim's command
line unchanged (same options, same output, same exit status), and writes each
step's id, headline and narration, in order, to ``WORDS.json`` as the scene passes
them (through ``LectureScene``'s ``step_recorder``, which costs no drawing). With
``--save_sections`` the steps' clips come out in the same order: ``make present``
takes its speaker notes from this file without running a scene again.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["WORDS_SHAPE", "main"]

#: One entry of the words file.
WORDS_SHAPE = {"section": str, "headline": str, "narration": (str, type(None))}


def _recording(words_file: Path) -> None:
    """Make every ``LectureScene`` made from now on report its steps' words to ``words_file``."""
    from scenes.kit.scene import LectureScene

    steps: list[dict[str, Any]] = []
    words_file.parent.mkdir(parents=True, exist_ok=True)
    words_file.write_text("[]\n", encoding="utf-8")

    def record(words: Any, scene: Any) -> None:
        steps.append(
            {"section": words.step_id, "headline": words.headline, "narration": words.narration}
        )
        text = json.dumps(steps, ensure_ascii=False, indent=2) + "\n"
        words_file.write_text(text, encoding="utf-8")

    original = LectureScene.__init__

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, step_recorder: Any = None, **kwargs: Any) -> None:
        original(self, *args, step_recorder=step_recorder or record, **kwargs)

    LectureScene.__init__ = __init__  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("usage: python -m scenes.export.video_worker WORDS.json render …", file=sys.stderr)
        raise SystemExit(2)
    _recording(Path(args[0]))
    from manim.__main__ import main as manim_main

    sys.argv = ["manim", *args[1:]]
    manim_main()


if __name__ == "__main__":
    main()
