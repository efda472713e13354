"""Manim's quality presets by their one-letter flag, and the folder names they produce."""

from __future__ import annotations

from dataclasses import dataclass

from manim.constants import QUALITIES

from .catalogue import ExportInputError

__all__ = ["Quality", "quality"]


@dataclass(frozen=True)
class Quality:
    flag: str  # what follows -q on Manim's command line
    name: str  # Manim's config name, e.g. "high_quality"
    width: int
    height: int
    fps: int

    @property
    def folder(self) -> str:
        """The folder Manim renders into, e.g. 1080p60."""
        return f"{self.height}p{self.fps}"


def quality(flag: str) -> Quality:
    """The preset for ``flag`` (l, m, h, p or k); a clear error for anything else."""
    for name, preset in QUALITIES.items():
        if preset["flag"] and preset["flag"] == flag.strip().lower():
            return Quality(
                preset["flag"], name, preset["pixel_width"], preset["pixel_height"],
                preset["frame_rate"],
            )  # fmt: skip
    flags = ", ".join(p["flag"] for p in QUALITIES.values() if p["flag"])
    raise ExportInputError(
        f"unknown quality {flag!r}; use one of {flags} (h is 1080p60, l is 480p15)"
    )
