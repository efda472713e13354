"""Storyboard section 2 as data: the plan — structure now, learning next — and a preview.

What this chapter covers and what the next one does, the plain network the lecture
uses (its words told for one hidden layer, several of one width, or of mixed
widths), and a dozen digits it never trained on, with its answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecture.choices import hidden_kind, hidden_variant
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value
from network.analysis import preview_rows

__all__ = ["KEYS", "N_PREVIEW", "Plain", "Preview", "plan"]

#: Every script key of the chapter: the plain network is told for one hidden layer,
#: several of one width, or several of mixed widths.
KEYS = frozenset(
    {"the-plan", "plain-network", "plain-network-one", "plain-network-mixed", "preview"}
)

#: Validation digits in the preview.
N_PREVIEW = 12


@dataclass(frozen=True)
class Plain:
    """The plain network's layer sizes, input to output, written under its diagram."""

    sizes: tuple[int, ...]


@dataclass(frozen=True)
class Preview:
    """The preview's digits, in the order shown (``network.analysis.preview_rows``: a
    seeded pick that holds a mistake and a right answer whenever the network makes
    both)."""

    rows: tuple[int, ...]
    digits: tuple[Digit, ...]


def plain_values(sizes: tuple[int, ...]) -> dict[str, Value]:
    """The plain network's words' values: the sizes in and out, and the hidden layers as
    the variant for their kind speaks of them (one width, or every width listed)."""
    hidden = sizes[1:-1]
    kind = hidden_kind(hidden)
    values: dict[str, Value] = {"inputs": sizes[0], "hidden": hidden[0], "outputs": sizes[-1]}
    if kind != "one":
        values["hidden_layers"] = len(hidden)
    if kind == "mixed":
        values["hidden"] = list(hidden)
    return values


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
    sizes = tuple(inputs.network.sizes)
    rows = tuple(preview_rows(inputs.network, inputs.validation(), N_PREVIEW))
    preview = Preview(rows, tuple(inputs.validation_digits(list(rows))))
    wrong = sum(d.is_wrong for d in preview.digits)
    steps: tuple[Step, ...] = (
        Step(
            "the-plan",
            "the-plan",
            notes={
                "this-chapter": Note("the-plan", "this-chapter"),
                "next-chapter": Note("the-plan", "next-chapter"),
            },
        ),
        Step(
            "plain-network",
            hidden_variant("plain-network", sizes[1:-1]),
            plain_values(sizes),
            Plain(sizes),
        ),
        Step(
            "preview",
            "preview",
            {"count": len(rows), "right": len(rows) - wrong, "wrong": wrong},
            preview,
        ),
    )
    return Chapter("plan", steps, None, KEYS)
