"""A chapter of the lecture as plain data: its steps in order, each with its words' values.

The storyboard exists once, here: a chapter function (``lecture.chapters.<name>``)
reads the loaded inputs and returns a :class:`Chapter` whose steps are in the
order they are shown. Each :class:`Step` has already chosen its script key (the
variant for a wrong answer, one hidden layer, a user's image…), carries the values
that fill its words, and what it shows. A scene iterates over the steps and draws
each one in the method named after its beat; it never decides what to say.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, TypeVar

__all__ = ["Chapter", "Note", "Step", "Value", "method_name"]

#: What a placeholder of the script may be filled with.
Value = int | float | str | Sequence[int] | Sequence[str]

T = TypeVar("T")
S = TypeVar("S")


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, eq=False)
class Note:
    """An extra on-screen text: the script's field ``note-<name>`` (``note`` if ``name``
    is empty) of step ``key``, filled with ``values``."""

    key: str
    name: str = ""
    values: Mapping[str, Value] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", _frozen(self.values))


@dataclass(frozen=True, eq=False)
class Step(Generic[T]):
    """One step of a chapter: one slide, one headline, one narration.

    Parameters
    ----------
    beat
        The storyboard beat (``"answer"``): the scene draws it in the method of the
        same name (dashes as underscores, :func:`method_name`).
    key
        The script key with its variant already chosen (``"answer-wrong"``).
    values
        The real values that fill the step's headline and narration.
    shows
        What the step shows beyond the chapter's common data (a digit, a neuron,
        a term), for the scene to draw; ``None`` when the beat needs nothing more.
    part
        Numbers a beat that repeats (the second of three more digits is part 2).
    notes
        The step's extra on-screen texts (:class:`Note`), by name.
    """

    beat: str
    key: str
    values: Mapping[str, Value] = field(default_factory=dict)
    shows: T = None  # type: ignore[assignment]  # a beat with nothing more shows None
    part: int | None = None
    notes: Mapping[str, Note] = field(default_factory=dict)
    cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", _frozen(self.values))
        object.__setattr__(self, "notes", _frozen(self.notes))  # each Note freezes its own

    @property
    def method(self) -> str:
        """The scene method that draws this step."""
        return method_name(self.beat)


def method_name(beat: str) -> str:
    """``"more-digit"`` → ``"more_digit"``: the scene method drawing that beat."""
    return beat.replace("-", "_")


@dataclass(frozen=True, eq=False)
class Chapter(Generic[S]):
    """One scene's storyboard: its steps in order and what they all draw from.

    Parameters
    ----------
    name
        The chapter's name: its scene file's stem and its table in the script.
    steps
        The steps in the order they are shown.
    shows
        Data every step of the chapter draws from (the featured neuron, the
        examples, the layout's counts), typed per chapter.
    keys
        Every script key the chapter may use, whichever variants this input picks:
        the script is checked against these before anything is drawn.
    """

    name: str
    steps: tuple[Step[Any], ...]
    shows: S
    keys: frozenset[str]

    def __post_init__(self) -> None:
        unknown = sorted({s.key for s in self.steps} - self.keys)
        if unknown:
            raise ValueError(f"chapter {self.name}: step key(s) not declared: {unknown}")

    def __iter__(self) -> Iterator[Step[Any]]:
        return iter(self.steps)

    def beats(self) -> list[str]:
        """The beats in order (a repeated beat once per part)."""
        return [s.beat for s in self.steps]

    def step(self, beat: str, part: int | None = None) -> Step[Any]:
        """The step of ``beat`` (and ``part``, for a repeated beat)."""
        for s in self.steps:
            if s.beat == beat and (part is None or s.part == part):
                return s
        raise KeyError(
            f"chapter {self.name} has no step {beat!r}" + (f" part {part}" * bool(part))
        )

    def up_to(self, beat: str, part: int | None = None) -> tuple[Step[Any], ...]:
        """The steps from the first through ``beat`` (its first part unless ``part``)."""
        last = self.steps.index(self.step(beat, part))
        return self.steps[: last + 1]
