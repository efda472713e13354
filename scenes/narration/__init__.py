"""The lecture's voice: its words (the script), numbers for speech, the synthetic or
recorded narration of each step, and the subtitles timed to it."""

from __future__ import annotations

__all__: list[str] = []
