"""Storyboard section 1 as data: this is a three — and so are these, and these are not.

The configured digit, a few more of its kind, one of every other kind, the task
(pixels in, one digit out) and the network's answers for all of them. A user's own
image has no label: its steps speak of the network's reading instead (the
``-yours`` variants and ``your-image``), and its answer is neither right nor wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step
from network.analysis import ink_indices, pixels_differ, rows_with_label
from network.data import IMAGE_SIDE

__all__ = [
    "COLUMN_PIXELS",
    "KEYS",
    "N_ALIKE",
    "Alike",
    "Answers",
    "Others",
    "Task",
    "plan",
]

#: Every script key of the chapter: a user's image (no label) has its own words for
#: the first step, the alike digits and the answers.
KEYS = frozenset(
    {
        "the-digit",
        "your-image",
        "alike",
        "alike-yours",
        "other-digits",
        "the-task",
        "answers",
        "answers-yours",
    }
)

#: Other validation digits of the configured digit's kind shown beside it.
N_ALIKE = 5
#: Pixel values written in the task's column of numbers (the first inked ones).
COLUMN_PIXELS = 4


@dataclass(frozen=True)
class Alike:
    """The configured digit and ``N_ALIKE`` validation digits of its kind, in the order
    shown; ``differ`` counts, per validation digit, its pixels that differ clearly from
    the configured digit's (what the words call "very different")."""

    digits: tuple[Digit, ...]
    differ: tuple[int, ...]


@dataclass(frozen=True)
class Others:
    """One validation digit of every other kind, in order of kind."""

    digits: tuple[Digit, ...]


@dataclass(frozen=True)
class Task:
    """The task's picture: a few real pixel values of the digit (by index) standing for
    all ``count`` of them, and the last digit of the answers ``0 … last``."""

    pixels: tuple[int, ...]
    count: int
    last: int


@dataclass(frozen=True)
class Answers:
    """Every digit shown, in the order shown, each to be answered by the network; the
    labelled ones are counted right or wrong."""

    digits: tuple[Digit, ...]


def _variant(key: str, digit: Digit, yours: str) -> str:
    """``key``, or for a user's unlabelled image the key of its own words."""
    return key if digit.label is not None else yours


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps for ``inputs``' digit and network.

    Parameters
    ----------
    inputs
        The loaded lecture inputs.

    Returns
    -------
    Chapter
        The digit, the alike digits, the other digits, the task and the answers.
    """
    digit, net = inputs.digit, inputs.network
    kind, pixels, digits = digit.kind, digit.pixels.size, net.sizes[-1]
    validation = inputs.validation()
    rows = rows_with_label(validation, kind, N_ALIKE)
    differ = tuple(pixels_differ(digit.pixels, validation.images[r]) for r in rows)
    alike = Alike((digit, *inputs.validation_digits(rows)), differ)
    kinds = [k for k in range(digits) if k != kind]
    others = Others(
        tuple(inputs.validation_digits([rows_with_label(validation, k, 1)[0] for k in kinds]))
    )
    shown = (*alike.digits, *others.digits)
    labelled = [d for d in shown if d.label is not None]
    wrong = sum(d.is_wrong for d in labelled)
    task = Task(
        tuple(int(i) for i in ink_indices(digit.pixels)[:COLUMN_PIXELS]), pixels, digits - 1
    )
    steps: tuple[Step, ...] = (
        Step(
            "the-digit",
            _variant("the-digit", digit, "your-image"),
            {"kind": kind, "side": IMAGE_SIDE, "pixels": pixels},
        ),
        Step(
            "alike",
            _variant("alike", digit, "alike-yours"),
            {
                "kind": kind,
                "count": len(rows),
                "fewest": min(differ),
                "most": max(differ),
                "pixels": pixels,
            },
            alike,
        ),
        Step("other-digits", "other-digits", {"count": len(kinds)}, others),
        Step(
            "the-task",
            "the-task",
            {"pixels": pixels, "digits": digits},
            task,
            notes={"remark": Note("the-task")},
        ),
        Step(
            "answers",
            _variant("answers", digit, "answers-yours"),
            {
                "total": len(labelled),
                "right": len(labelled) - wrong,
                "wrong": wrong,
                "answer": digit.prediction,
            },
            Answers(shown),
        ),
    )
    return Chapter("three", steps, None, KEYS)
