"""Questions the scenes ask of a trained network over many digits."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from network.data import Digits
from network.errors import NetworkInputError
from network.model import Network

__all__ = [
    "Example",
    "example_per_label",
    "example_wrong",
    "first_correct_per_label",
    "ink_indices",
    "misclassified",
    "most_exciting",
    "pixels_differ",
    "preview_rows",
    "rows_with_label",
]


def misclassified(net: Network, digits: Digits) -> np.ndarray:
    """Row indices (into ``digits``) the network gets wrong, in order."""
    return np.flatnonzero(net.predict(digits.images) != digits.labels)


def first_correct_per_label(net: Network, digits: Digits, labels: list[int]) -> list[int]:
    """For each wanted label, the first row with that label the network reads correctly."""
    correct = net.predict(digits.images) == digits.labels
    rows = []
    for label in labels:
        hits = np.flatnonzero(correct & (digits.labels == label))
        if hits.size:
            rows.append(int(hits[0]))
    return rows


@dataclass(frozen=True)
class Example:
    """A row a scene shows, and whether it is the kind of digit the scene asked for.

    Scenes like to show a digit the network reads right (or one it gets wrong). A
    weak network may read no digit of a label right, or a strong one get none
    wrong; then the pick falls back to the nearest honest choice and ``fallback``
    is set, so that the scene says on screen what happened instead of implying
    something false.
    """

    row: int
    label: int
    read_right: bool
    fallback: bool


def example_per_label(net: Network, digits: Digits, labels: list[int]) -> list[Example]:
    """For each label, the first row of it the network reads right.

    If the network misreads every row of a label, that label's first row stands in
    (``fallback``: it is misread, like all the others). A label with no rows at all
    is an error: there is nothing honest to show.
    """
    correct = np.asarray(net.predict(digits.images)) == digits.labels  # one per row
    examples = []
    for label in labels:
        rows = np.flatnonzero(digits.labels == label)
        if not rows.size:
            raise NetworkInputError(f"no digits labelled {label} to show")
        hits = rows[correct[rows]]
        row = int(hits[0]) if hits.size else int(rows[0])
        examples.append(Example(row, int(label), bool(hits.size), not hits.size))
    return examples


def example_wrong(net: Network, digits: Digits, exclude: Collection[int] = ()) -> Example:
    """The first row (not in ``exclude``) the network gets wrong.

    If it gets every such row right, the first of them stands in (``fallback``: it
    is read right, like all the others), so a scene that wants a mistake never
    invents one.
    """
    rows = np.setdiff1d(np.arange(len(digits)), np.asarray(list(exclude), dtype=int))
    if not rows.size:
        raise NetworkInputError("no digits left to show once the excluded rows are left out")
    wrong = rows[net.predict(digits.images[rows]) != digits.labels[rows]]
    row = int(wrong[0]) if wrong.size else int(rows[0])
    return Example(row, int(digits.labels[row]), not wrong.size, not wrong.size)


def rows_with_label(
    digits: Digits, label: int, count: int, exclude: int | None = None
) -> list[int]:
    """The first ``count`` rows showing ``label`` (skipping row ``exclude``)."""
    rows = [int(r) for r in np.flatnonzero(digits.labels == label) if r != exclude]
    if len(rows) < count:
        raise NetworkInputError(f"only {len(rows)} digits labelled {label}, wanted {count}")
    return rows[:count]


def preview_rows(net: Network, digits: Digits, count: int = 12, seed: int = 0) -> list[int]:
    """``count`` rows in a seeded random order, with a mistake and a right answer if any exist.

    A preview with no mistake in it would flatter the network: if the random pick
    has none, its last row is swapped for the first misclassified digit. Just as a
    pick with no right answer would wrong a weak network, its last row is then
    swapped for the first digit the network reads right. A network that is right
    (or wrong) on every digit keeps the random pick: there is nothing to swap in.
    """
    if count < 1 or count > len(digits):
        raise NetworkInputError(f"cannot preview {count} of {len(digits)} digits")
    rows = [int(r) for r in np.random.default_rng(seed).permutation(len(digits))[:count]]
    right = net.predict(digits.images[rows]) == digits.labels[rows]
    if np.all(right) or not np.any(right):
        correct = net.predict(digits.images) == digits.labels
        # Swap in the kind of digit the pick lacks (never one already in it).
        swap = np.flatnonzero(~correct if np.all(right) else correct)
        if swap.size:
            rows[-1] = int(swap[0])
    return rows


def most_exciting(net: Network, digits: Digits, neuron: int) -> int:
    """The row whose image gives first-hidden-layer ``neuron`` its largest weighted sum."""
    sums = net.forward(digits.images).zs[0][:, neuron]
    return int(np.argmax(sums))


def pixels_differ(a: np.ndarray, b: np.ndarray, threshold: float = 0.5) -> int:
    """How many pixels of two images differ by more than ``threshold`` in grey."""
    return int(np.count_nonzero(np.abs(np.asarray(a) - np.asarray(b)) > threshold))


def ink_indices(pixels: np.ndarray) -> np.ndarray:
    """Indices (row-major) of the pixels that are not black."""
    return np.flatnonzero(np.asarray(pixels).reshape(-1) > 0)
