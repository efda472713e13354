"""The German lecture (issue 26): every chapter draws its German words within the frame,
each headline on one line, and the numbers it speaks are said in German."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from scene_helpers import render_in_frame

from lecture.catalogue import CATALOGUE
from lecture.inputs import load_inputs
from scenes.config import PROJECT_ROOT

GERMAN = PROJECT_ROOT / "scenes" / "script" / "de.toml"


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LECTURE_SCRIPT", str(GERMAN))
    monkeypatch.setenv("LECTURE_NARRATION", "off")
    return GERMAN


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.name)
def test_every_chapter_draws_its_german_words_in_the_frame(entry: Any, german: Path) -> None:
    """A headline too long for one line stops the render; a note leaving the frame or
    shrunk below the readable size fails ``render_in_frame``."""
    scene_class = getattr(importlib.import_module(f"scenes.{entry.name}"), entry.scene)
    _, words = render_in_frame(scene_class, cached=False)
    assert words and all(w.language == "de" for w in words.values())
    assert all(w.headline and w.narration for w in words.values())


def test_german_numbers_are_said_in_german(german: Path) -> None:
    inputs = load_inputs()
    assert inputs.script.language == "de"
    assert inputs.script.title("three") != load_inputs_english_title()
    from lecture.chapters.counting import plan

    step = next(s for s in plan(inputs).steps if s.beat == "total")
    words = inputs.script.words("counting", step.key, step.values)
    spoken = " ".join(said for _, said in words.sentences())
    assert "dreizehntausendzwei" in spoken.replace(" ", "").lower()


def load_inputs_english_title() -> str:
    from scenes.narration.script import load_script

    return load_script(PROJECT_ROOT / "scenes" / "script" / "en.toml").title("three")
