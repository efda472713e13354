"""make slides: a still per step without encoding video, then a PDF and a PPTX with notes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from export_helpers import BROKEN, TWO_STEPS, copy_export, fixture_words, snapshot
from fixtures.export_scenes import STEPS
from PIL import Image
from pptx import Presentation

from lecture.inputs import load_inputs
from scenes.export import slides as slides_export
from scenes.export.catalogue import CHAPTERS, ExportError
from scenes.export.options import ExportOptions
from scenes.export.publish import STAGING
from scenes.export.quality import quality
from scenes.export.slides import INDEX, make_slides, slide_name

HIGH = quality("h")
FUNCTION = next(c for c in CHAPTERS if c.name == "function")
FUNCTION_STEPS = 3


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        yield script


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("slides")
    return out, make_slides(
        [TWO_STEPS, FUNCTION], ExportOptions(HIGH, out, jobs=2, stream=io.StringIO())
    )


def test_one_full_hd_png_per_step_named_in_lecture_order(deck) -> None:
    _, result = deck
    names = [s.image.name for s in result.slides]
    assert names[:2] == ["01-two-square.png", "02-two-moved.png"]
    assert len(names) == len(STEPS) + FUNCTION_STEPS
    assert all(re.fullmatch(r"\d\d-[a-z_]+-[a-z0-9-]+\.png", n) for n in names)
    for slide in result.slides:
        with Image.open(slide.image) as image:
            assert image.size == (1920, 1080)


def test_each_still_is_the_end_of_its_step(deck) -> None:
    _, result = deck
    highlight = np.array(load_inputs().palette.highlight.to_rgb()) * 255
    centre = (540, 960)  # (row, column) of the frame's middle
    left = (540, 960 - 4 * 1920 // 14)  # 4 units left, 14.22 units across 1920 px
    first, second = (np.asarray(Image.open(s.image).convert("RGB")) for s in result.slides[:2])
    assert np.allclose(first[centre], highlight, atol=2)
    assert not np.allclose(second[centre], highlight, atol=2)
    assert np.allclose(second[left], highlight, atol=2)


def test_pptx_has_a_slide_per_still_with_headline_and_narration_as_notes(deck) -> None:
    _, result = deck
    presentation = Presentation(str(result.pptx))
    assert len(presentation.slides) == len(result.slides)
    notes = [s.notes_slide.notes_text_frame.text for s in presentation.slides]
    # the fixture scenes' narration is their headline (export_helpers.fixture_words)
    assert notes[:2] == [f"{caption}\n\n{caption}" for _, caption in STEPS]
    assert all(len(n.split("\n\n")) == 2 for n in notes)  # headline, then what to say
    assert notes == [s.notes for s in result.slides]
    assert all(notes)
    assert presentation.slide_width * 9 == presentation.slide_height * 16


def test_pdf_has_a_page_per_still(deck) -> None:
    _, result = deck
    pages = re.findall(rb"/Type\s*/Page\b", result.pdf.read_bytes())
    assert len(pages) == len(result.slides)


def test_every_still_has_its_description_as_text_alternative(deck) -> None:
    """A real chapter's stills carry its steps' descriptions (a fixture's, its notes) as
    the PDF's tagged figures and the PPTX pictures' alt text; the PDF has the script's
    language and a chapter outline."""
    import pypdf

    from lecture.descriptions import describe

    _, result = deck
    said = [d.description for d in describe("function", load_inputs())]
    alternatives = [s.alternative for s in result.slides]
    assert alternatives[-FUNCTION_STEPS:] == said and all(said)
    assert alternatives[: len(STEPS)] == [s.notes for s in result.slides[: len(STEPS)]]
    presentation = Presentation(str(result.pptx))
    alts = [slide.shapes[0]._element.nvPicPr.cNvPr.get("descr") for slide in presentation.slides]
    assert alts == alternatives
    reader = pypdf.PdfReader(result.pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root
    figures = [
        node.get_object()["/Alt"]
        for node in _structure(root["/StructTreeRoot"])
        if node.get_object().get("/S") == "/Figure"
    ]
    assert figures == alternatives
    assert [o["/Title"] for o in reader.outline] == [TWO_STEPS.title, FUNCTION.title]


def _structure(node) -> list:
    """Every element of a PDF structure tree, in reading order."""
    node = node.get_object()
    kids = node.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    found = []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            found += [kid, *_structure(kid)]
    return found


def test_unchanged_scenes_are_reused_and_old_slides_replaced(deck) -> None:
    out, _ = deck
    again = make_slides([TWO_STEPS], ExportOptions(HIGH, out, jobs=1, stream=io.StringIO()))
    assert [o.status for o in again.outcomes] == ["cached"]
    assert sorted(p.name for p in out.glob("*.png")) == ["01-two-square.png", "02-two-moved.png"]


def test_a_failing_scene_leaves_the_previous_slides_alone(deck) -> None:
    out, _ = deck
    before = {p.name: p.read_bytes() for p in out.glob("*.p*")}
    with pytest.raises(ExportError, match="deliberately broken scene"):
        make_slides([TWO_STEPS, BROKEN], ExportOptions(HIGH, out, jobs=2, stream=io.StringIO()))
    assert {p.name: p.read_bytes() for p in out.glob("*.p*")} == before


def test_slide_names_are_safe_file_names() -> None:
    assert slide_name(7, "layers", "answer bundled digit #1524") == (
        "07-layers-answer-bundled-digit-1524.png"
    )
    assert slide_name(12, "relu", "???") == "12-relu-step.png"


def test_a_damaged_cached_still_is_rendered_again(deck, tmp_path: Path) -> None:
    out = copy_export(deck[0], tmp_path / "copy")
    still = out / "parts" / HIGH.folder / "two" / "01.png"
    still.write_bytes(still.read_bytes()[:1000])
    again = make_slides([TWO_STEPS], ExportOptions(HIGH, out, jobs=1, stream=io.StringIO()))
    assert [o.status for o in again.outcomes] == ["rendered"]
    with Image.open(again.slides[0].image) as image:
        image.load()


def test_an_export_stopped_in_its_last_phase_leaves_the_previous_set_whole(
    deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = copy_export(deck[0], tmp_path / "copy")
    before = snapshot(out)
    listed = json.loads((out / INDEX).read_text())["files"]
    assert listed and all(name in before for name in listed)

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(slides_export, "write_pptx", stopped)
    with pytest.raises(KeyboardInterrupt):
        make_slides([TWO_STEPS], ExportOptions(HIGH, out, jobs=1, stream=io.StringIO()))
    assert snapshot(out) == before  # the stills the index lists are all still there
    assert not (out / STAGING).exists()
