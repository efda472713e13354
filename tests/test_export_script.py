"""scenes/export/script_document.py (``make script``): every step's words, filled with the
configuration's values, in chapter order, as Markdown and PDF, with the file to record."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import ONE_STEP, TWO_STEPS, fixture_words
from fixtures.export_scenes import WORDS

from scenes.config import DEFAULTS
from scenes.export.catalogue import PROJECT_ROOT
from scenes.export.script_document import (
    ScriptEntry,
    check_words,
    collect_steps,
    markdown,
    recording_notes,
    write_pdf,
)
from scenes.narration.script import ScriptError, Words, load_script


def test_the_script_lists_every_step_in_order_with_its_recording(tmp_path: Path) -> None:
    with fixture_words(tmp_path) as script:
        entries = collect_steps([TWO_STEPS, ONE_STEP])
        words = load_script(script)
        text = markdown(entries, words)
        write_pdf(entries, tmp_path / "script.pdf", words)
    ids = [e.words.step_id for e in entries]
    assert ids == ["export_scenes.square", "export_scenes.moved", "export_scenes.only"]
    assert [e.chapter for e in entries] == [TWO_STEPS.title] * 2 + [ONE_STEP.title]
    assert [e.words.headline for e in entries] == [WORDS[i.split(".")[1]] for i in ids]
    # In the document, in that order, each with the file name to record it into.
    places = [text.index(f"`{i}` → record as `{i}.wav`") for i in ids]
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
    english = load_script(PROJECT_ROOT / DEFAULTS["script"])
    write_pdf([ScriptEntry("Layers", words)], tmp_path / "script.pdf", english)
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


#: A marker script: every text the document takes from [pages.script], and every word of
#: the steps and chapters, is a marker; the values stay placeholders.
MARKERS = """[meta]
language = "de"

[pages.script]
title = "QQTITLE"
intro = "QQINTRO {source} QQINTRO"
step = "{step} QQSTEP {file}"
total = "{steps} QQTOTAL {words:,}"

[demo.one]
headline = "QQ"
narration = "QQ."

[demo.two]
headline = "QQ"
narration = "QQ. QQ."
"""
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more of any script: a word


def words_of_its_own(text: str, allowed: list[str]) -> list[str]:
    """The words of ``text`` besides ``allowed`` (ids, file names, paths) and markers."""
    for known in sorted(allowed, key=len, reverse=True):
        text = text.replace(known, " ")
    return [w for w in _WORD.findall(text) if not w.startswith("QQ")]


def test_the_document_says_nothing_of_its_own_but_the_script_words(tmp_path: Path) -> None:
    """With a script whose texts are all markers, the Markdown and the PDF hold no other
    word than the markers, the step ids and file names, and the script's path; the PDF
    says it is in the script's language."""
    from pypdf import PdfReader

    path = tmp_path / "markers.toml"
    path.write_text(MARKERS, encoding="utf-8")
    script = load_script(path)
    steps = [
        ScriptEntry("QQCHAPTER", Words(f"demo.{k}", "QQ", "QQ.", "de")) for k in ("one", "two")
    ]
    allowed = [*(s.words.step_id for s in steps), *(s.recording for s in steps), str(path)]
    text = markdown(steps, script)
    for marker in ("QQTITLE", "QQINTRO", "QQSTEP", "QQTOTAL", "QQCHAPTER"):
        assert marker in text
    assert words_of_its_own(text, allowed) == [], text
    write_pdf(steps, tmp_path / "script.pdf", script)
    reader = PdfReader(tmp_path / "script.pdf")
    printed = "\n".join(page.extract_text() for page in reader.pages)
    for marker in ("QQTITLE", "QQSTEP", "QQTOTAL", "QQCHAPTER"):
        assert marker in printed
    assert words_of_its_own(printed, allowed) == [], printed
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata is not None and reader.metadata.title == "QQTITLE"


def test_a_script_without_the_document_words_is_one_line_before_any_scene_runs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "short.toml"
    path.write_text(MARKERS.replace('step = "{step} QQSTEP {file}"\n', ""), encoding="utf-8")
    with pytest.raises(ScriptError, match=r"\[pages.script\] step: missing"):
        check_words(load_script(path))
    english = PROJECT_ROOT / DEFAULTS["script"]
    copy = tmp_path / "en.toml"
    text = english.read_text(encoding="utf-8")
    copy.write_text(text[: text.index("[pages.script]")], encoding="utf-8")
    out = tmp_path / "script"
    done = subprocess.run(
        [sys.executable, "-m", "scenes.export.script_document", "--out", str(out)],
        cwd=PROJECT_ROOT, env={**os.environ, "LECTURE_SCRIPT": str(copy)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(errors) == 1, done.stderr
    assert errors[0].startswith(f"error: {copy}: [pages.script] title: missing")
    assert not out.exists()
