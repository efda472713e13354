"""What the export tests share: chapters made of the small fixture scenes, and helpers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fixtures.export_scenes import WORDS

from scenes.config import DEFAULTS
from scenes.export.catalogue import PROJECT_ROOT, Chapter

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "export_scenes.py"


def fixture_chapter(name: str, scene: str, title: str | None = None) -> Chapter:
    return Chapter(name, scene, title or f"Title of {name}", FIXTURE)


TWO_STEPS = fixture_chapter("two", "TwoSteps", "Two steps")
ONE_STEP = fixture_chapter("one", "OneStep", "One step")
BROKEN = fixture_chapter("broken", "Broken", "Broken")
SLOW = fixture_chapter("slow", "Slow", "Slow")


@contextmanager
def fixture_words(folder: Path) -> Iterator[Path]:
    """While open: a script with the fixture scenes' words, and narration off.

    The script is the lecture's own (some tests use a real scene) with the fixture
    file's steps added, written to ``folder``. Both are set in ``os.environ``, so the
    renders (subprocesses) see them too; narration off keeps the tests quick and
    makes each step's subtitle its headline.
    """
    script = folder / "script.toml"
    tables = "".join(
        f"\n[{FIXTURE.stem}.{key}]\nheadline = {json.dumps(text)}\n"
        f"narration = {json.dumps(text)}\n"
        for key, text in WORDS.items()
    )
    lecture = (PROJECT_ROOT / DEFAULTS["script"]).read_text(encoding="utf-8")
    script.write_text(lecture + tables, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_SCRIPT", str(script))
        patch.setenv("LECTURE_NARRATION", "off")
        yield script


def copy_export(source: Path, target: Path) -> Path:
    """A copy of an export's folder (deliverables and cached parts, not its build files),
    for a test that damages or interrupts it without disturbing the module's fixture."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build", "logs"))
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """The deliverables in ``folder`` (its files, not the export's own hidden lock,
    staging and journal), by name: to compare before and after."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, grandchildren…), read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.update(children)
        todo.extend(children)
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
