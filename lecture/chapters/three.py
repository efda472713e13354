"""Storyboard section 1 as data: this is a three — and so are these, and these are not.

The configured digit, a few more of its kind, one of every other kind, the task
(pixels in, one digit out) and the network's answers for all of them. A user's own
image has no label: its steps speak of the network's reading instead (the
``-yours`` variants and ``your-image``), and its answer is neither right nor wrong.

Every sentence whose truth depends on the values is chosen here:

- the alike digits are "far apart" pixel by pixel only when each differs clearly from
  the first in at least ``FAR_APART`` pixels (and the words say a round number no larger
  than the fewest); otherwise the ``-close`` words say only that they all differ;
- the answers speak of mistakes only when there is one (``-none-wrong`` otherwise), and
  say the first digit was among the training examples only when it was (``trained_on``;
  ``-unseen`` when it is a validation digit, ``-yours`` for a user's image).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lecture.choices import verdict
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step
from network.analysis import ink_indices, pixels_differ, rows_with_label
from network.data import IMAGE_SIDE, Digits
from network.errors import NetworkInputError

__all__ = [
    "COLUMN_PIXELS",
    "FAR_APART",
    "KEYS",
    "N_ALIKE",
    "Alike",
    "Answers",
    "Others",
    "Task",
    "alike_rows",
    "answers_cues",
    "answers_key",
    "at_least",
    "plan",
]

#: Every script key of the chapter: a user's image (no label) has its own words for
#: the first step, the alike digits and the answers; the alike digits are far apart or
#: close; the answers have a mistake to show or none, and the first digit was a training
#: example, a validation digit or a user's image.
KEYS = frozenset(
    {
        "the-digit",
        "your-image",
        "alike",
        "alike-close",
        "alike-yours",
        "alike-yours-close",
        "other-digits",
        "the-task",
        "answers",
        "answers-none-wrong",
        "answers-unseen",
        "answers-unseen-none-wrong",
        "answers-yours",
        "answers-yours-none-wrong",
    }
)

#: Other validation digits of the configured digit's kind shown beside it.
N_ALIKE = 5
#: Pixel values written in the task's column of numbers (the first inked ones).
COLUMN_PIXELS = 4
#: Pixels that must differ clearly (``pixels_differ``) between the first digit and each
#: alike one for the words to call them far apart (about one pixel in sixteen).
FAR_APART = 50


@dataclass(frozen=True)
class Alike:
    """The configured digit and ``N_ALIKE`` validation digits of its kind, in the order
    shown; ``differ`` counts, per validation digit, its pixels that differ clearly from
    the configured digit's; ``apart`` marks each of those pixels (row-major, 784 each),
    for the scene to point at."""

    digits: tuple[Digit, ...]
    differ: tuple[int, ...]
    apart: tuple[np.ndarray, ...]


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
    labelled ones are counted right or wrong. ``verdicts`` are the words under each
    digit (``lecture.choices.verdict``), in the same order."""

    digits: tuple[Digit, ...]
    verdicts: tuple[Note, ...] = ()


def _variant(key: str, digit: Digit, yours: str) -> str:
    """``key``, or for a user's unlabelled image the key of its own words."""
    return key if digit.label is not None else yours


def alike_rows(validation: Digits, digit: Digit) -> list[int]:
    """The first ``N_ALIKE`` validation rows of the digit's kind that differ clearly from
    it: the configured digit itself (a validation digit) or a copy of it is left out, so
    no digit appears twice."""
    rows = np.flatnonzero(validation.labels == digit.kind)
    apart = [int(r) for r in rows if pixels_differ(digit.pixels, validation.images[r]) > 0]
    if len(apart) < N_ALIKE:
        raise NetworkInputError(
            f"only {len(apart)} other digits labelled {digit.kind}, wanted {N_ALIKE}"
        )
    return apart[:N_ALIKE]


def at_least(count: int) -> int:
    """``count`` rounded down to one significant figure (117 → 100, 57 → 50): a round
    number the ear takes in that is still no more than ``count``."""
    if count < 1:
        return 0
    unit = 10 ** math.floor(math.log10(count))
    return (count // unit) * unit


def answers_key(digit: Digit, wrong: int) -> str:
    """The answers' words: whether the first digit was a training example, a validation
    digit or a user's image, and whether there is a mistake to show."""
    if digit.label is None:
        key = "answers-yours"
    elif digit.trained_on:
        key = "answers"
    else:
        key = "answers-unseen"
    return key + ("-none-wrong" if wrong == 0 else "")


def answers_cues(key: str) -> tuple[str, ...]:
    """The answers' moments: the verdicts, the mistakes (if any; else every answer right),
    the first digit, and the rest when the words set them apart from a first digit that
    was a training example."""
    wrong = ("right",) if key.endswith("-none-wrong") else ("wrong",)
    rest = ("rest",) if key in ("answers", "answers-none-wrong") else ()
    return ("verdicts", *wrong, "first", *rest)


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
    rows = alike_rows(validation, digit)
    apart = tuple(np.abs(digit.pixels - validation.images[r]) > 0.5 for r in rows)
    differ = tuple(pixels_differ(digit.pixels, validation.images[r]) for r in rows)
    alike = Alike((digit, *inputs.validation_digits(rows)), differ, apart)
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
    far = min(differ) >= FAR_APART
    alike_key = _variant("alike", digit, "alike-yours") + ("" if far else "-close")
    answers = answers_key(digit, wrong)
    answer_values = {"right": len(labelled) - wrong, "wrong": wrong}
    steps: tuple[Step, ...] = (
        Step(
            "the-digit",
            _variant("the-digit", digit, "your-image"),
            {"kind": kind, "side": IMAGE_SIDE},
            cues=("grid", "braces"),
        ),
        Step(
            "alike",
            alike_key,
            {
                **({"count": len(rows)} if digit.label is not None else {"kind": kind}),
                **({"at_least": at_least(min(differ))} if far else {}),
            },
            alike,
            cues=("differ", "first", "same"),
        ),
        Step("other-digits", "other-digits", {}, others, cues=("apart",)),
        Step(
            "the-task",
            "the-task",
            {"pixels": pixels},
            task,
            notes={
                "remark": Note("the-task"),
                "numbers": Note("the-task", "numbers", {"count": task.count}),
                "program": Note("the-task", "program"),
                "answer": Note("the-task", "answer"),
            },
            cues=("numbers", "program", "answer", "remark", "rules", "learns", "examples"),
        ),
        Step(
            "answers",
            answers,
            answer_values,
            Answers(shown, tuple(verdict(d, "answers") for d in shown)),
            cues=answers_cues(answers),
        ),
    )
    return Chapter("three", steps, None, KEYS)
