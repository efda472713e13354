"""The lecture's chapter list, scene selection, quality flags and fingerprints."""

from __future__ import annotations

import ast
import dataclasses
import shutil
from pathlib import Path

import pytest
from export_helpers import TWO_STEPS

from lecture.inputs import load_inputs
from scenes.config import load_config
from scenes.export.catalogue import CHAPTERS, ExportError, select
from scenes.export.fingerprint import fingerprint
from scenes.export.quality import quality


def test_every_scene_file_is_a_chapter_with_its_one_scene_class() -> None:
    files = sorted(p.stem for p in CHAPTERS[0].path.parent.glob("*.py") if p.stem != "config")
    files.remove("__init__")
    assert sorted(c.name for c in CHAPTERS) == files
    plans = CHAPTERS[0].path.parent.parent / "lecture" / "chapters"
    assert sorted(p.stem for p in plans.glob("*.py") if p.stem != "__init__") == files
    for chapter in CHAPTERS:
        tree = ast.parse(chapter.path.read_text(encoding="utf-8"))
        # One Scene, so `manim render scenes/<file>.py` needs no prompt (a file may also
        # define the named groups its pictures are made of).
        scenes = [
            n.name
            for n in tree.body
            if isinstance(n, ast.ClassDef)
            and any(isinstance(b, ast.Name) and b.id == "LectureScene" for b in n.bases)
        ]
        assert scenes == [chapter.scene]


def test_selection_keeps_lecture_order_and_rejects_unknown_names() -> None:
    assert [c.name for c in select(["relu", "three"])] == ["three", "relu"]
    assert select(None) == list(CHAPTERS)
    with pytest.raises(ExportError, match=r"unknown scene.*nope.*three plan layers"):
        select(["layers", "nope"])


def test_quality_flags() -> None:
    assert quality("h").folder == "1080p60"
    assert (quality("l").width, quality("l").height) == (854, 480)
    with pytest.raises(ExportError, match="unknown quality 'x'"):
        quality("x")


def test_fingerprint_follows_the_scene_file_config_and_quality(tmp_path: Path) -> None:
    config = load_config()
    inputs = load_inputs(config)
    copy = tmp_path / "scene.py"
    shutil.copyfile(TWO_STEPS.path, copy)
    chapter = dataclasses.replace(TWO_STEPS, path=copy)
    base = fingerprint(chapter, "video", "480p15", inputs)
    assert fingerprint(chapter, "video", "480p15", inputs) == base
    assert fingerprint(chapter, "video", "1080p60", inputs) != base
    assert fingerprint(chapter, "stills", "480p15", inputs) != base
    seven = load_inputs(dataclasses.replace(config, digit=7))
    assert fingerprint(chapter, "video", "480p15", seven) != base
    other = load_inputs(dataclasses.replace(config, palette="colorblind"))
    assert fingerprint(chapter, "video", "480p15", other) != base
    quiet = load_inputs(dataclasses.replace(config, narration="off"))
    assert fingerprint(chapter, "video", "480p15", quiet) != base
    copy.write_text(copy.read_text() + "\n# changed\n")
    assert fingerprint(chapter, "video", "480p15", inputs) != base


def test_a_chapter_without_a_title_in_the_script_stops_the_export_in_one_line(
    tmp_path, monkeypatch
) -> None:
    """A script with no ``[chapters]`` title for a chosen chapter is refused before
    anything renders, naming the chapter and the table."""
    import pytest

    from scenes.config import DEFAULTS, PROJECT_ROOT
    from scenes.export.catalogue import CHAPTERS, ExportInputError, check_titles

    english = (PROJECT_ROOT / DEFAULTS["script"]).read_text(encoding="utf-8")
    script = tmp_path / "script.toml"
    script.write_text(english.replace('relu = "Sigmoid vs ReLU"\n', ""), encoding="utf-8")
    monkeypatch.setenv("LECTURE_SCRIPT", str(script))
    check_titles([c for c in CHAPTERS if c.name != "relu"])
    with pytest.raises(ExportInputError, match=r"\[chapters\] has no title for relu"):
        check_titles(CHAPTERS)


def test_a_missing_title_leaves_no_output_folder_behind(tmp_path, monkeypatch) -> None:
    """The title is asked for before the output folder is made or locked."""
    import io

    import pytest

    from scenes.config import DEFAULTS, PROJECT_ROOT
    from scenes.export.catalogue import CHAPTERS, ExportInputError
    from scenes.export.options import ExportOptions
    from scenes.export.quality import quality
    from scenes.export.slides import make_slides

    english = (PROJECT_ROOT / DEFAULTS["script"]).read_text(encoding="utf-8")
    script = tmp_path / "script.toml"
    script.write_text(english.replace('relu = "Sigmoid vs ReLU"\n', ""), encoding="utf-8")
    monkeypatch.setenv("LECTURE_SCRIPT", str(script))
    out = tmp_path / "slides"
    options = ExportOptions(quality("l"), out, jobs=1, stream=io.StringIO())
    with pytest.raises(ExportInputError, match="no title for relu"):
        make_slides([c for c in CHAPTERS if c.name == "relu"], options)
    assert not out.exists()
