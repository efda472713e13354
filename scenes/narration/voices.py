"""The narrator a lecture's configuration asks for: which voice, which recordings; and
whether it can speak the steps about to render (``check_narration``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .languages import language
from .narrator import Narrator
from .recordings import find_recording
from .script import Script
from .voice import Voice, VoiceError

if TYPE_CHECKING:
    from scenes.config import LectureConfig  # config imports the voice: types only here

__all__ = ["CACHE", "check_narration", "narrator_for"]

#: Synthesized sentences and step clips, shared by every render of the project.
CACHE = Path(__file__).resolve().parents[2] / "media" / "narration"
#: How many steps a refusal names before it counts the rest.
NAMED_STEPS = 5


def narrator_for(
    narration: str, voice_model: Path, recordings: Path, fallback: str = "voice"
) -> Narrator | None:
    """None when ``narration`` is ``"off"``; else the voice (a Piper model file), with
    the lecturer's ``recordings`` folder when ``narration`` is ``"recordings"``, and
    ``fallback`` (``[lecture] recordings_fallback``) for a step that has no recording."""
    if narration == "off":
        return None
    voice = Voice(voice_model, CACHE / "sentences")
    folder = recordings if narration == "recordings" else None
    return Narrator(voice, CACHE / "clips", folder, fallback=fallback)


def check_narration(config: LectureConfig, script: Script, step_ids: Iterable[str]) -> None:
    """Refuse, before anything renders, a narration that cannot speak ``step_ids``:

    - with ``recordings_fallback = error``, a step without a recording (every such step
      named, ``RecordingError``);
    - the synthetic voice speaking a language other than its own: a voice whose
      ``.onnx.json`` names another language than the script's ``[meta] language``, with
      ``narration = voice``, or with ``narration = recordings`` and a step without a
      recording that it would speak instead (``VoiceError``, naming both and the ways out).

    The one check for every entry point: ``manim render`` (a scene's steps), ``make
    lecture`` and ``make present`` (every chosen scene's). ``step_ids`` is read only
    when the recordings are asked for, so a caller may hand a generator that plans the
    chapters only then.
    """
    narrator = narrator_for(
        config.narration, config.voice_model, config.recordings, config.recordings_fallback
    )
    if narrator is None:
        return
    steps: list[str] | None = None
    if narrator.recordings is not None:
        steps = list(step_ids)
        narrator.check_steps(steps)  # recordings_fallback = error: every step recorded
        if narrator.fallback != "voice":
            return  # the voice never speaks
    spoken = narrator.voice.language()
    if spoken is None:  # a voice that names no language: nothing to compare
        return
    voice, words = language(spoken), language(script.language)
    if voice.speaks_as(words):
        return
    said = f"{config.origin('voice')} speaks {voice} but {config.origin('script')} is {words}"
    model = f"{words.base}_{words.region}-…" if words.region else f"{words.base}_…"
    bring = (
        f"bring a Piper voice for {words.english} (voice = path/to/{model}.onnx, with its "
        ".onnx.json)"
    )
    if narrator.recordings is None:
        raise VoiceError(
            f"{said}: {bring}, or record the steps (narration = recordings; make script lists "
            "them), or set narration = off"
        )
    unrecorded = [s for s in steps or [] if find_recording(narrator.recordings, s) is None]
    if not unrecorded:
        return
    named = ", ".join(unrecorded[:NAMED_STEPS])
    if len(unrecorded) > NAMED_STEPS:
        named += f" and {len(unrecorded) - NAMED_STEPS} more"
    raise VoiceError(
        f"{said}, and the voice would speak the {len(unrecorded)} step(s) with no recording in "
        f"{narrator.recordings} ({named}): record them (make script lists them), or {bring}, "
        "or set narration = off"
    )
