"""Manim's own ``manim render``, plus each step's words and clip reuse:
``python -m scenes.export.video_worker``.

``make lecture`` renders every scene with this in place of ``python -m manim``:
``python -m scenes.export.video_worker WORDS.json KEPT render …`` runs Manim's
command line unchanged (same options, same output, same exit status), and

- writes each step's id, headline, narration, clip key, sound, subtitles and whether
  the synthetic voice stood in for a missing recording, in order, to ``WORDS.json``
  as the scene passes them (through ``LectureScene``'s ``step_recorder``, which costs
  no drawing);
- skips drawing every step whose clip key ``KEPT`` lists (JSON: ``KEPT_SHAPE``; through
  ``step_reuse``): ``make lecture`` keeps that step's clip from the last render.

A step's key (:func:`step_key`) is the chapter's drawing fingerprint (everything
but the steps' own words, ``fingerprint(spoken=False)``) with the step's id, words
and narration: what that step's clip depends on. With ``--save_sections`` the
drawn steps' clips come out in the same order.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scenes.narration.narrator import StepAudio
    from scenes.narration.script import Words

__all__ = ["KEPT_SHAPE", "WORDS_SHAPE", "main", "step_key"]

#: One entry of the words file: what make lecture and make present need of a step.
WORDS_SHAPE = {
    "section": str,
    "headline": str,
    "narration": (str, type(None)),
    "key": str,
    "reused": bool,
    "sound": (str, type(None)),  # the step's narration clip (a WAV), from its first frame
    "said": [[(str, int, float)]],  # subtitles: text, start, end (seconds into the step)
    "fallback": bool,  # no recording for it (narration = recordings): the voice spoke it
}
#: The kept clips: the chapter's drawing fingerprint and the keys of the clips kept.
KEPT_SHAPE = {"drawing": str, "kept": [str]}


def step_key(drawing: str, words: Words, audio: StepAudio | None) -> str:
    """What one step's clip depends on, hashed: the rest of the chapter (``drawing``),
    the step's id, headline and narration (with its cue marks), and the sound and
    sentence timings it is drawn to."""
    said = None if audio is None else (audio.path.name, audio.seconds, audio.spans)
    marks = sorted(words.marks.items())
    payload = [
        drawing,
        words.step_id,
        words.headline,
        words.narration,
        marks,
        words.language,
        said,
    ]
    return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()


def _recording(words_file: Path, keeping: str) -> None:
    """Make every ``LectureScene`` made from now on report its steps to ``words_file``
    and keep the steps ``keeping`` lists."""
    from scenes.kit.scene import LectureScene

    kept = json.loads(keeping)
    drawing, reusable = str(kept["drawing"]), {str(k) for k in kept["kept"]}
    steps: list[dict[str, Any]] = []
    words_file.parent.mkdir(parents=True, exist_ok=True)
    words_file.write_text("[]\n", encoding="utf-8")

    def reuse(words: Words, audio: StepAudio | None) -> bool:
        return step_key(drawing, words, audio) in reusable

    def record(words: Words, scene: Any) -> None:
        audio = scene.step_audio
        steps.append({
            "section": words.step_id, "headline": words.headline, "narration": words.narration,
            "key": step_key(drawing, words, audio), "reused": scene.step_reused,
            "sound": None if audio is None else str(audio.path.resolve()),
            "said": [[text, round(a, 6), round(b, 6)] for text, a, b in scene.step_said],
            "fallback": audio is not None and audio.fallback,
        })  # fmt: skip
        text = json.dumps(steps, ensure_ascii=False, indent=2) + "\n"
        words_file.write_text(text, encoding="utf-8")

    original = LectureScene.__init__

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("step_recorder", record)
        kwargs.setdefault("step_reuse", reuse)
        original(self, *args, **kwargs)

    LectureScene.__init__ = __init__  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        print(
            "usage: python -m scenes.export.video_worker WORDS.json KEPT render …",
            file=sys.stderr,
        )
        raise SystemExit(2)
    _recording(Path(args[0]), args[1])
    from manim.__main__ import main as manim_main

    sys.argv = ["manim", *args[2:]]
    manim_main()


if __name__ == "__main__":
    main()
