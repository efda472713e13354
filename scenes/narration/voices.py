"""The narrator a lecture's configuration asks for: which voice, which recordings."""

from __future__ import annotations

from pathlib import Path

from .narrator import Narrator
from .voice import Voice

__all__ = ["CACHE", "narrator_for"]

#: Synthesized sentences and step clips, shared by every render of the project.
CACHE = Path(__file__).resolve().parents[2] / "media" / "narration"


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
