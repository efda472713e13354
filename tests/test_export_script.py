"""scenes/export/script_document.py (``make script``): every step's words, filled with the
configuration's values, in chapter order, as Markdown and PDF, with the file to record."""

from __future__ import annotations

from pathlib import Path

from export_helpers import ONE_STEP, TWO_STEPS, fixture_words
from fixtures.export_scenes import WORDS

from scenes.export.script_document import collect_steps, markdown, write_pdf


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
