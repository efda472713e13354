"""scenes/export/script_document.py (``make script``): every step's words, filled with the
configuration's values, in chapter order, as Markdown and PDF, with the file to record."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import ONE_STEP, TWO_STEPS, fixture_words
from fixtures.export_scenes import WORDS

from scenes.export.script_document import (
    ScriptEntry,
    collect_steps,
    markdown,
    recording_notes,
    write_pdf,
)
from scenes.narration.script import Words, load_script


def test_the_script_lists_every_step_in_order_with_its_recording(tmp_path: Path) -> None:
    with fixture_words(tmp_path) as script:
        entries = collect_steps([TWO_STEPS, ONE_STEP])
        text = markdown(entries, script)
        write_pdf(entries, tmp_path / "script.pdf")
    ids = [e.words.step_id for e in entries]
    assert ids == ["export_scenes.square", "export_scenes.moved", "export_scenes.only"]
    assert [e.chapter for e in entries] == [TWO_STEPS.title] * 2 + [ONE_STEP.title]
    assert [e.words.headline for e in entries] == [WORDS[i.split(".")[1]] for i in ids]
    # In the document, in that order, each with the file name to record it into.
    places = [text.index(f"`{i}` → record `{i}.wav`") for i in ids]
    assert places == sorted(places)
    assert text.index(f"## {TWO_STEPS.title}") < places[0] < text.index(f"## {ONE_STEP.title}")
    pdf = (tmp_path / "script.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")


HEBREW_HEADLINE = "התשובה היא שלוש"
HEBREW_NARRATION = "הרשת קוראת שלוש, עם הפעלה של 0.77. זו התשובה שלה."


def test_right_to_left_words_keep_their_order_in_the_pdf(tmp_path: Path) -> None:
    """A Hebrew script: each line's letters laid out right to left (text shaping), so the
    text read back from the PDF is in the order it was written, numbers included."""
    from pypdf import PdfReader

    words = Words("layers.answer", HEBREW_HEADLINE, HEBREW_NARRATION, "he")
    write_pdf([ScriptEntry("Layers", words)], tmp_path / "script.pdf")
    text = " ".join(PdfReader(tmp_path / "script.pdf").pages[0].extract_text().split())
    for phrase in (HEBREW_HEADLINE, "הרשת קוראת שלוש", "0.77", "זו התשובה שלה"):
        assert phrase in text, text
    assert HEBREW_HEADLINE[::-1] not in text
    assert "layers.answer.wav" in text  # left-to-right text as it was


@pytest.mark.parametrize("fallback", ["voice", "error"])
def test_make_script_names_what_is_still_to_record_and_the_files_no_step_uses(
    tmp_path: Path, fallback: str
) -> None:
    script_file = tmp_path / "words.toml"
    script_file.write_text(
        '[meta]\nlanguage = "en"\n\n[demo.one]\nheadline = "h"\nnarration = "n"\n\n'
        '[demo.two]\nheadline = "h"\nnarration = "n"\n',
        encoding="utf-8",
    )
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "demo.one.WAV").write_bytes(b"")
    (folder / "demo.tow.wav").write_bytes(b"")
    steps = [ScriptEntry("Demo", Words(f"demo.{k}", "h", "n", "en")) for k in ("one", "two")]
    lines = recording_notes(steps, folder, fallback, load_script(script_file))
    assert len(lines) == 2 and all(line.startswith("warning: ") for line in lines)
    assert "demo.two" in lines[0] and "demo.one" not in lines[0] and str(folder) in lines[0]
    assert ("recordings_fallback = error asks" in lines[0]) == (fallback == "error")
    assert str(folder / "demo.tow.wav") in lines[1] and "closest step: demo.two" in lines[1]
