"""The lecture as text (issue 26): each step's description is made from the values the
network computes, the transcript page and its tagged PDF say every step in order, and
the descriptions track spans each step's picture."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pypdf
import pytest
import webvtt

from lecture.catalogue import CATALOGUE
from lecture.descriptions import describe, description_values
from lecture.inputs import load_inputs
from lecture.step import Step
from scenes.export.transcript import (
    TranscriptChapter,
    TranscriptStep,
    write_descriptions,
    write_transcript,
    write_transcript_pdf,
)
from scenes.narration.script import load_script


def test_a_description_names_what_the_network_computed() -> None:
    inputs = load_inputs()
    values = description_values(Step("answer", "answer"), inputs)
    trace = inputs.digit.trace
    order = np.argsort(-trace.output)
    assert values["answer"] == inputs.digit.prediction == order[0]
    assert values["second"] == order[1]
    assert values["activation"] == pytest.approx(trace.output[order[0]])
    assert values["lit"] == list(np.argsort(-trace.activations[1])[:3])
    assert values["lit_last"] == list(np.argsort(-trace.activations[-2])[:3])
    assert values["parameters"] == inputs.network.n_parameters == 13002
    said = {d.step_id: d.description for d in describe("layers", inputs)}
    answer = next(text for step, text in said.items() if step.startswith("layers.answer"))
    assert f"{values['activation']:.2f}" in answer and str(values["answer"]) in answer


def test_a_step_showing_its_own_digit_is_described_by_that_digit() -> None:
    inputs = load_inputs()
    said = describe("layers", inputs)
    more = [d.description for d in said if d.step_id.startswith("layers.more-answer")]
    from lecture.chapters.layers import plan

    shown = [s.shows.digit for s in plan(inputs).steps if s.beat == "more-answer"]
    assert len(more) == len(shown) >= 2
    for text, digit in zip(more, shown, strict=True):
        assert text is not None and f"{digit.trace.output[digit.prediction]:.2f}" in text


def test_every_step_of_every_lecture_in_the_sweep_is_described(sweep_cases) -> None:
    """Descriptions fill for any digit, image and network: none is missing, none fails."""
    for case in sweep_cases[::5]:
        for entry in CATALOGUE:
            for step in describe(entry.name, case.inputs):
                assert step.description, f"{case.name}: {step.step_id} has no description"


@pytest.mark.parametrize("script", sorted(Path("scenes/script").glob("*.toml")), ids=str)
def test_every_beat_of_the_lecture_has_a_description_in_every_script(script: Path) -> None:
    from importlib import import_module

    words = load_script(script)
    inputs = load_inputs()
    for entry in CATALOGUE:
        beats = {s.beat for s in import_module(f"lecture.chapters.{entry.name}").plan(inputs)}
        assert beats <= set(words.descriptions.get(entry.name, {})), entry.name


def _chapters() -> list[TranscriptChapter]:
    return [
        TranscriptChapter("First <chapter>", 0.0, (
            TranscriptStep("a.one", "One & only", "Said one.", "Shows one.", 0.0, 2.5),
            TranscriptStep("a.two", "Two", None, None, 2.5, 4.0),
        )),
        TranscriptChapter("Second", 4.0, (
            TranscriptStep("b.one", "Three", "Said three.", "Shows three.", 4.0, 7.25),
        )),
    ]  # fmt: skip


def test_the_descriptions_track_spans_each_step_with_its_description(tmp_path: Path) -> None:
    target = tmp_path / "d.vtt"
    assert write_descriptions(_chapters(), target) == 3
    cues = webvtt.read(str(target))
    assert [(c.start, c.end, c.text) for c in cues] == [
        ("00:00:00.000", "00:00:02.500", "Shows one."),
        ("00:00:02.500", "00:00:04.000", "Two"),  # no description: its headline
        ("00:00:04.000", "00:00:07.250", "Shows three."),
    ]


def test_the_transcript_says_every_step_in_order_in_the_script_language(tmp_path: Path) -> None:
    script = load_inputs().script
    page = tmp_path / "transcript.html"
    write_transcript(_chapters(), script, page, video="lecture.mp4", captions="lecture.vtt")
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{script.language}">' in text
    order = ["First &lt;chapter&gt;", "One &amp; only", "Shows one.", "Said one.", "Two",
             "Second", "Three", "Shows three.", "Said three."]  # fmt: skip
    after, places = text.index("</nav>"), []
    for words in order:
        places.append(text.index(words, places[-1] if places else after))
    assert places == sorted(places) and len(set(places)) == len(places)
    assert re.search(r'<track kind="captions" src="lecture.vtt" srclang="en"', text)
    assert re.search(r'<track kind="descriptions" src="lecture.descriptions.vtt"', text)
    assert text.count("<h2") == 3 and text.count("<h3>") == 3  # contents + two chapters


def test_the_transcript_pdf_is_tagged_with_language_outline_and_words(tmp_path: Path) -> None:
    script = load_inputs().script
    page = tmp_path / "transcript.html"
    write_transcript(_chapters(), script, page)
    pdf = tmp_path / "transcript.pdf"
    write_transcript_pdf(page, pdf)
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == script.language
    titles = [entry["/Title"] for entry in _flat(reader.outline)]
    assert "First <chapter> (0:00)" in titles and "Second (0:04)" in titles
    words = " ".join(p.extract_text() for p in reader.pages)
    assert "Shows three." in words and "Said one." in words


def _flat(outline: list) -> list:
    found = []
    for entry in outline:
        found += _flat(entry) if isinstance(entry, list) else [entry]
    return found


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_transcript_page_has_no_accessibility_violation(tmp_path: Path, language: str) -> None:
    """axe-core (WCAG 2.0/2.1 A and AA) on the transcript with its player, in English and
    in German; a real lecture's words and descriptions."""
    from browser import axe_violations, headless_chromium

    script = load_script(Path(f"scenes/script/{language}.toml"))
    described = {d.step_id: d.description or "" for d in describe("layers", load_inputs())}
    steps = tuple(
        TranscriptStep(step, "Headline", "Narration.", text, 2.0 * n, 2.0 * n + 2)
        for n, (step, text) in enumerate(described.items())
    )
    page = tmp_path / "transcript.html"
    chapters = [TranscriptChapter(script.title("layers"), 0.0, steps)]
    write_transcript(chapters, script, page, video="lecture.mp4", captions="lecture.vtt")
    with headless_chromium(tmp_path / "profile") as driver:
        driver.get(page.as_uri())
        assert driver.find_element("tag name", "html").get_attribute("lang") == language
        assert axe_violations(driver) == []
