"""Every word the lecture draws comes from its script (issue 26): rendered with a script
whose every text is a marker, no scene draws any other word at the end of any step,
only numbers, symbols and formulas. A translation can then change every word."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from manim import MathTex, SingleStringMathTex, Text
from marker_script import MARKER, marker_script, words_not_from
from scene_helpers import dry_render

from lecture.catalogue import CATALOGUE
from scenes.config import DEFAULTS, PROJECT_ROOT


def _drawn_words(scene: Any) -> list[str]:
    """Each word (not the marker) in a text or formula the scene shows now."""
    found = []
    for top in scene.mobjects:
        for mob in top.get_family():
            if not any(p.has_points() for p in mob.get_family()):
                continue
            if isinstance(mob, Text):
                words = words_not_from(mob.text)
            elif isinstance(mob, (MathTex, SingleStringMathTex)):
                words = words_not_from(mob.tex_string, formula=True)
            else:
                continue
            shown = getattr(mob, "text", "")[:40]
            found += [f"{w!r} in {type(mob).__name__} {shown!r}" for w in words]
    return found


@pytest.fixture(scope="module")
def markers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = PROJECT_ROOT / DEFAULTS["script"]
    return marker_script(source, tmp_path_factory.mktemp("markers") / "markers.toml")


def test_the_marker_script_is_a_script_and_a_typed_word_is_found(markers: Path) -> None:
    from scenes.narration.script import load_script

    script = load_script(markers)
    assert set(script.titles.values()) == {MARKER}
    assert words_not_from(f"{MARKER} 16 neurons") == ["neurons"]
    assert words_not_from(r"\sigma(W a + b) \text{bias}", formula=True) == ["bias"]
    assert words_not_from(f"{MARKER}{MARKER} 0.77 × σ") == []


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.name)
def test_a_scene_draws_no_word_its_script_does_not_hold(
    entry: Any, markers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTURE_SCRIPT", str(markers))
    monkeypatch.setenv("LECTURE_NARRATION", "off")
    scene_class = getattr(importlib.import_module(f"scenes.{entry.name}"), entry.scene)
    typed: dict[str, list[str]] = {}

    def record(words: Any, scene: Any) -> None:
        if found := _drawn_words(scene):
            typed[words.step_id] = found

    dry_render(scene_class, step_recorder=record)
    assert not typed, "\n".join(f"{step}: {', '.join(w)}" for step, w in typed.items())


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.name)
def test_no_value_a_plan_fills_into_the_words_is_a_word_typed_in_code(
    entry: Any, markers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan's values reach the narration, which is spoken and subtitled but not drawn:
    a word among them (a colour's name, "a half", "almost zero") must come from the
    script as well, or a translation would say it in English."""
    from lecture.inputs import load_inputs

    monkeypatch.setenv("LECTURE_SCRIPT", str(markers))
    plan = importlib.import_module(f"lecture.chapters.{entry.name}").plan
    typed = {}
    for step in plan(load_inputs()).steps:
        values = dict(step.values)
        for note in step.notes.values():
            values.update({f"{note.name}.{k}": v for k, v in note.values.items()})
        for name, value in values.items():
            words = [w for text in _strings(value) for w in words_not_from(text)]
            if words:
                typed[f"{step.key}: {name}"] = words
    assert not typed, typed
