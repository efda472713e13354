"""Storyboard section 2 as data: the plan — structure now, learning next — and a preview.

What this chapter covers and what the next one does, the plain network the lecture
uses (its words told for one hidden layer, several of one width, or of mixed
widths), and a dozen digits it never trained on, with its answers, set against its
accuracy on every validation digit: a dozen digits is a small sample, and the words say
whether the preview makes the network look worse than it is, better, or about right
(``preview_key``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import hidden_kind, hidden_variant, verdict
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value
from network.analysis import preview_rows

__all__ = [
    "FAIR",
    "KEYS",
    "N_PREVIEW",
    "Headings",
    "Plain",
    "Preview",
    "percent",
    "plan",
    "preview_cues",
    "preview_key",
]

#: Every script key of the chapter: the plain network is told for one hidden layer,
#: several of one width, or several of mixed widths; the preview against the network's
#: accuracy on all validation digits.
KEYS = frozenset(
    {
        "the-plan",
        "plain-network",
        "plain-network-one",
        "plain-network-mixed",
        "preview",
        "preview-fair",
        "preview-better",
        "preview-none-wrong",
    }
)

#: Validation digits in the preview.
N_PREVIEW = 12
#: How far (a share of the digits) the preview's share right may lie from the network's
#: accuracy on all validation digits and still be called close to it.
FAIR = 0.05


@dataclass(frozen=True)
class Headings:
    """The plan's two rows' headings (this chapter, the next), each before its note."""

    this_chapter: Note
    next_chapter: Note


@dataclass(frozen=True)
class Plain:
    """The plain network's layer sizes, input to output, written under its diagram
    (the step's note ``sizes`` writes them joined by dashes, ``dashed``)."""

    sizes: tuple[int, ...]

    @property
    def dashed(self) -> str:
        """The sizes as written: "784–16–16–10"."""
        return "–".join(str(n) for n in self.sizes)


@dataclass(frozen=True)
class Preview:
    """The preview's digits, in the order shown (``network.analysis.preview_rows``: a
    seeded pick that holds a mistake and a right answer whenever the network makes
    both), and the words under each (``lecture.choices.verdict``)."""

    rows: tuple[int, ...]
    digits: tuple[Digit, ...]
    verdicts: tuple[Note, ...] = ()


def plain_values(sizes: tuple[int, ...]) -> dict[str, Value]:
    """The plain network's words' values: the hidden layers as the variant for their
    kind speaks of them (one width, or every width listed)."""
    hidden = sizes[1:-1]
    kind = hidden_kind(hidden)
    values: dict[str, Value] = {"hidden": hidden[0]}
    if kind != "one":
        values["hidden_layers"] = len(hidden)
    if kind == "mixed":
        values["hidden"] = list(hidden)
    return values


def percent(accuracy: float) -> int:
    """``accuracy`` in whole percent, for the ear: never 100 unless every digit is right,
    never 0 unless none is."""
    whole = round(100 * accuracy)
    if 0 < accuracy < 1:
        whole = min(max(whole, 1), 99)
    return int(whole)


def preview_key(right: int, count: int, accuracy: float) -> str:
    """The preview's words: no mistake in it, or its share right against ``accuracy``
    (more than ``FAIR`` below it, above it, or within)."""
    if right == count:
        return "preview-none-wrong"
    share = right / count
    if share < accuracy - FAIR:
        return "preview"
    if share > accuracy + FAIR:
        return "preview-better"
    return "preview-fair"


def preview_cues(key: str) -> tuple[str, ...]:
    """The preview's moments: the verdicts, the mistakes (or, with none, every answer
    right), the overall score and its percent, and the handful it is set against (which
    the words without a mistake do not come back to)."""
    if key == "preview-none-wrong":
        return ("verdicts", "right", "overall", "percent")
    return ("verdicts", "wrong", "overall", "percent", "handful")


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps for ``inputs``' network.

    Parameters
    ----------
    inputs
        The loaded lecture inputs.

    Returns
    -------
    Chapter
        The plan, the plain network and the preview.
    """
    net, validation = inputs.network, inputs.validation()
    sizes = tuple(net.sizes)
    rows = tuple(preview_rows(net, validation, N_PREVIEW))
    digits = tuple(inputs.validation_digits(list(rows)))
    preview = Preview(rows, digits, tuple(verdict(d, "preview") for d in digits))
    wrong = sum(d.is_wrong for d in preview.digits)
    right = len(rows) - wrong
    accuracy = float(np.mean(net.predict(validation.images) == validation.labels))
    key = preview_key(right, len(rows), accuracy)
    plain = Plain(sizes)
    values: dict[str, Value] = {"count": len(rows), "right": right, "wrong": wrong}
    values["percent"] = percent(accuracy)
    steps: tuple[Step, ...] = (
        Step(
            "the-plan",
            "the-plan",
            shows=Headings(Note("the-plan", "this-heading"), Note("the-plan", "next-heading")),
            notes={
                "this-chapter": Note("the-plan", "this-chapter"),
                "next-chapter": Note("the-plan", "next-chapter"),
            },
            cues=("made", "next", "chapter"),
        ),
        Step(
            "plain-network",
            hidden_variant("plain-network", sizes[1:-1]),
            plain_values(sizes),
            plain,
            notes={"sizes": Note("plain-network", "sizes", {"sizes": plain.dashed})},
            cues=("neurons", "flow", "hidden", "sizes", "reads"),
        ),
        Step(
            "preview",
            key,
            values,
            preview,
            notes={
                "overall": Note(key, "overall", {"total": len(validation), "accuracy": accuracy})
            },
            cues=preview_cues(key),
        ),
    )
    return Chapter("plan", steps, None, KEYS)
