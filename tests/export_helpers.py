"""What the export tests share: chapters made of the small fixture scenes."""

from __future__ import annotations

from pathlib import Path

from scenes.export.catalogue import Chapter

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "export_scenes.py"


def fixture_chapter(name: str, scene: str, title: str | None = None) -> Chapter:
    return Chapter(name, scene, title or f"Title of {name}", FIXTURE)


TWO_STEPS = fixture_chapter("two", "TwoSteps", "Two steps")
ONE_STEP = fixture_chapter("one", "OneStep", "One step")
BROKEN = fixture_chapter("broken", "Broken", "Broken")
