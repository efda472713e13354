"""scenes/export/fingerprint.py: a chapter's fingerprint covers every module its scene
imports (found by running the imports, not by reading a list), and nothing else."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lecture.inputs import load_inputs
from scenes.export.catalogue import CHAPTERS, PROJECT_ROOT
from scenes.export.fingerprint import fingerprint, import_closure, script_tables, sources
from scenes.narration.script import load_script

# Imports each chapter's scene file with every project module unloaded first, and
# lists the project files that importing it really loaded.
PROBE = """
import importlib.util, json, sys
from pathlib import Path
root = Path(sys.argv[1])
loaded = {}
for name, path in json.loads(sys.argv[2]).items():
    ours = [m for m in sys.modules if m.split(".")[0] in ("scenes", "network", "lecture")]
    for mod in ours + [m for m in sys.modules if m.startswith("_probe_")]:
        del sys.modules[mod]
    spec = importlib.util.spec_from_file_location("_probe_" + name, path)
    sys.modules[spec.name] = module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = [Path(m.__file__).resolve() for m in list(sys.modules.values())
             if getattr(m, "__file__", None)]
    loaded[name] = sorted(
        str(f) for f in files
        if f.is_relative_to(root) and not f.is_relative_to(Path(sys.prefix).resolve())
    )
print(json.dumps(loaded))
"""


@pytest.fixture(scope="module")
def runtime_imports() -> dict[str, set[Path]]:
    chapters = {c.name: str(c.path) for c in CHAPTERS}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(PROJECT_ROOT), json.dumps(chapters)],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
    )  # fmt: skip
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: {Path(p) for p in paths} for name, paths in loaded.items()}


def test_every_module_a_scene_loads_is_in_its_sources(runtime_imports) -> None:
    for chapter in CHAPTERS:
        loaded = runtime_imports[chapter.name]
        assert chapter.path.resolve() in loaded
        missing = loaded - set(sources(chapter))
        assert not missing, f"{chapter.name}: {sorted(map(str, missing))}"


def test_changing_any_module_a_scene_loads_changes_its_fingerprint(
    runtime_imports, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = load_inputs()
    original = Path.read_bytes
    for chapter in CHAPTERS:
        base = fingerprint(chapter, "video", "480p15", inputs)
        for module in sorted(runtime_imports[chapter.name]):

            def edited(self: Path, module: Path = module) -> bytes:
                data = original(self)
                return data + b"\n# edited\n" if self.resolve() == module else data

            monkeypatch.setattr(Path, "read_bytes", edited)
            changed = fingerprint(chapter, "video", "480p15", inputs)
            monkeypatch.setattr(Path, "read_bytes", original)
            assert changed != base, f"{chapter.name}: editing {module} went unnoticed"


def test_a_scene_does_not_depend_on_other_scenes_or_their_plans() -> None:
    """Editing one chapter (its scene or its plan in ``lecture.chapters``) re-renders
    that chapter only; each scene does load its own plan."""
    plans = PROJECT_ROOT / "lecture" / "chapters"
    own = {c.name: {c.path.resolve(), (plans / f"{c.name}.py").resolve()} for c in CHAPTERS}
    everyone = set().union(*own.values())
    for chapter in CHAPTERS:
        closure = set(import_closure(chapter.path))
        assert own[chapter.name] <= closure, f"{chapter.name} does not load its own plan"
        others = (everyone - own[chapter.name]) & closure
        assert not others, f"{chapter.name} imports {sorted(map(str, others))}"


def test_relative_imports_are_followed(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .. import helper\n")
    (package / "helper.py").write_text("")
    (package / "sub" / "leaf.py").write_text("def f():\n    from .sibling import x\n")
    (package / "sub" / "sibling.py").write_text("from ..helper import y\n")
    found = {
        p.relative_to(tmp_path).as_posix()
        for p in import_closure(package / "sub" / "leaf.py", tmp_path)
    }
    assert found == {
        "pkg/sub/leaf.py", "pkg/sub/sibling.py", "pkg/helper.py", "pkg/__init__.py",
        "pkg/sub/__init__.py",
    }  # fmt: skip


def _edited_script(tmp_path: Path, old: str, new: str):
    """The lecture's inputs with the script's first ``old`` replaced by ``new``."""
    inputs = load_inputs()
    text = inputs.script.path.read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / "edited.toml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dataclasses.replace(inputs, script=load_script(edited))


def _narration_of(scene: str) -> str:
    """The first line of a step's narration in the shipped script, to edit."""
    entry = next(iter(load_inputs().script.table(scene).values()))
    return next(line for line in entry["narration"].splitlines() if line.strip())


def test_editing_a_chapters_words_re_renders_that_chapter_only(tmp_path: Path) -> None:
    inputs = load_inputs()
    line = _narration_of("counting")
    edited = _edited_script(tmp_path, line, line + " Really.")
    for chapter in CHAPTERS:
        before = fingerprint(chapter, "video", "480p15", inputs)
        after = fingerprint(chapter, "video", "480p15", edited)
        assert (before != after) == (chapter.name == "counting"), chapter.name
        # what the rest of the chapter's pictures depend on does not hold the narration
        drawn = fingerprint(chapter, "video", "480p15", inputs, spoken=False)
        assert fingerprint(chapter, "video", "480p15", edited, spoken=False) == drawn


def test_a_note_is_drawn_so_it_changes_the_pictures(tmp_path: Path) -> None:
    inputs = load_inputs()
    chapter = next(c for c in CHAPTERS if c.name == "weighted_sum")
    note = next(
        (step, field)
        for step, entry in inputs.script.table("weighted_sum").items()
        for field in entry
        if field.startswith("note")
    )
    text = inputs.script.table("weighted_sum")[note[0]][note[1]]
    edited = _edited_script(tmp_path, text.strip(), text.strip() + " x")
    drawn = fingerprint(chapter, "video", "480p15", inputs, spoken=False)
    assert fingerprint(chapter, "video", "480p15", edited, spoken=False) != drawn


def test_words_a_plan_borrows_from_another_chapter_count(tmp_path: Path) -> None:
    """weighted_sum says how near to one an activation is with sigmoid_bias's words."""
    inputs = load_inputs()
    weighted = next(c for c in CHAPTERS if c.name == "weighted_sum")
    assert "sigmoid_bias" in script_tables(weighted, inputs)
    three = next(c for c in CHAPTERS if c.name == "three")
    assert script_tables(three, inputs) == ["three"]
    words = inputs.script.table("sigmoid_bias")["sigmoid"]
    field = next(f for f in words if f.startswith("note-"))
    edited = _edited_script(tmp_path, words[field].strip(), words[field].strip() + " x")
    assert fingerprint(weighted, "video", "480p15", edited) != fingerprint(
        weighted, "video", "480p15", inputs
    )


def test_a_colour_word_counts_for_the_chapters_that_say_it(tmp_path: Path) -> None:
    """``[words.colours]`` is read by the plans that name a colour: editing the palette's
    positive colour's word re-renders those chapters, and no other."""
    inputs = load_inputs()
    key = inputs.palette.positive_key
    word = inputs.script.vocabulary["colours"][key]
    edited = _edited_script(tmp_path, f'{key} = "{word}"', f'{key} = "{word} x"')
    assert edited.script.word("colours", key) == f"{word} x"
    saying = {"layers", "weighted_sum", "counting", "first_layer"}
    for chapter in CHAPTERS:
        says = "words.colours" in script_tables(chapter, inputs)
        assert says == (chapter.name in saying), chapter.name
        for spoken in (True, False):  # a colour's name is drawn too (a headline, a note)
            before = fingerprint(chapter, "video", "480p15", inputs, spoken=spoken)
            after = fingerprint(chapter, "video", "480p15", edited, spoken=spoken)
            assert (before != after) == says, (chapter.name, spoken)
