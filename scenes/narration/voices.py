"""The narrator a lecture's configuration asks for: which voice, which recordings."""

from __future__ import annotations

from scenes.config import CONFIG_PATH, LectureConfig

from .narrator import Narrator
from .voice import Voice

__all__ = ["CACHE", "narrator_for"]

#: Synthesized sentences and step clips, shared by every render of the project.
CACHE = CONFIG_PATH.parent / "media" / "narration"


def narrator_for(config: LectureConfig) -> Narrator | None:
    """None when narration is off; else the voice, with the recordings if asked for."""
    if config.narration == "off":
        return None
    voice = Voice(config.voice_model, CACHE / "sentences")
    recordings = config.recordings if config.narration == "recordings" else None
    return Narrator(voice, CACHE / "clips", recordings)
