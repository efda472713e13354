"""The lecture's chapters as the export sees them: the catalogue's entries with their
scene files (``lecture.catalogue`` keeps the order; the script, the titles)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lecture.catalogue import CATALOGUE

__all__ = [
    "CHAPTERS",
    "PROJECT_ROOT",
    "SCENES_DIR",
    "Chapter",
    "ExportError",
    "ExportInputError",
    "check_titles",
    "select",
]

SCENES_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = SCENES_DIR.parent  # where manim.cfg is: Manim runs from here


class ExportError(RuntimeError):
    """Something the lecture or slides export cannot do; the message says what and why."""


class ExportInputError(ExportError):
    """The user asked for something that cannot be done (a scene that is not there, a
    folder that cannot be written or is in use): caught before anything renders, so
    the command line reports it as bad input (status 2), not as a failed render."""


@dataclass(frozen=True)
class Chapter:
    """One scene file of the lecture and the title its chapter marker carries."""

    name: str  # the scene file's stem: what users type in SCENES=...
    scene: str  # the Scene class inside it
    #: A fixed title (test fixtures); None: the configured script's ``[chapters]`` title.
    fixed_title: str | None
    path: Path

    @property
    def title(self) -> str:
        """The chapter's title in the lecture's language (its chapter marker, headings)."""
        if self.fixed_title is not None:
            return self.fixed_title
        from lecture.inputs import load_inputs  # the configured script, read once
        from scenes.narration.script import ScriptError

        try:
            return load_inputs().script.title(self.name)
        except ScriptError as exc:
            raise ExportInputError(str(exc)) from None


def check_titles(chapters: Iterable[Chapter]) -> None:
    """Every chapter of ``chapters`` has a title in the script (``[chapters]``): asked
    before anything renders, so a missing one is one line, not a failure at the join.

    Raises
    ------
    ExportInputError
        Naming the first chapter the script has no title for.
    """
    for chapter in chapters:
        _ = chapter.title


def _chapter(name: str, scene: str) -> Chapter:
    return Chapter(name, scene, None, SCENES_DIR / f"{name}.py")


#: The lecture layer's catalogue, each chapter with its scene file.
CHAPTERS: tuple[Chapter, ...] = tuple(_chapter(e.name, e.scene) for e in CATALOGUE)


def select(names: Iterable[str] | None, chapters: Sequence[Chapter] = CHAPTERS) -> list[Chapter]:
    """The chapters named (in lecture order, whatever order they were asked in); all if none.

    Raises
    ------
    ExportInputError
        For a name that is not a chapter, listing the names there are.
    """
    wanted = [n.strip() for n in (names or []) if n.strip()]
    if not wanted:
        return list(chapters)
    known = {c.name for c in chapters}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ExportInputError(
            f"unknown scene(s): {', '.join(unknown)}; the lecture's scenes are: "
            + " ".join(c.name for c in chapters)
        )
    return [c for c in chapters if c.name in wanted]
