"""Questions the scenes ask of a trained network over many digits."""

from __future__ import annotations

import numpy as np

from network.data import Digits
from network.errors import NetworkInputError
from network.model import Network, Trace

__all__ = [
    "first_correct_per_label",
    "ink_indices",
    "misclassified",
    "most_exciting",
    "pixels_differ",
    "preview_rows",
    "rows_with_label",
    "strongest_neuron",
    "weight_scale",
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


def rows_with_label(
    digits: Digits, label: int, count: int, exclude: int | None = None
) -> list[int]:
    """The first ``count`` rows showing ``label`` (skipping row ``exclude``)."""
    rows = [int(r) for r in np.flatnonzero(digits.labels == label) if r != exclude]
    if len(rows) < count:
        raise NetworkInputError(f"only {len(rows)} digits labelled {label}, wanted {count}")
    return rows[:count]


def preview_rows(net: Network, digits: Digits, count: int = 12, seed: int = 0) -> list[int]:
    """``count`` rows in a seeded random order, with at least one the network gets wrong.

    A preview with no mistake in it would flatter the network: if the random pick
    has none, its last row is swapped for the first misclassified digit.
    """
    if count < 1 or count > len(digits):
        raise NetworkInputError(f"cannot preview {count} of {len(digits)} digits")
    rows = [int(r) for r in np.random.default_rng(seed).permutation(len(digits))[:count]]
    predictions = net.predict(digits.images[rows])
    wrong = misclassified(net, digits)
    if np.all(predictions == digits.labels[rows]) and wrong.size:
        rows[-1] = int(wrong[0])
    return rows


def most_exciting(net: Network, digits: Digits, neuron: int) -> int:
    """The row whose image gives first-hidden-layer ``neuron`` its largest weighted sum."""
    sums = net.forward(digits.images).zs[0][:, neuron]
    return int(np.argmax(sums))


def pixels_differ(a: np.ndarray, b: np.ndarray, threshold: float = 0.5) -> int:
    """How many pixels of two images differ by more than ``threshold`` in grey."""
    return int(np.count_nonzero(np.abs(np.asarray(a) - np.asarray(b)) > threshold))


def strongest_neuron(trace: Trace, layer: int) -> int:
    """The neuron of ``layer`` (1 = first hidden) with the largest activation on one digit."""
    return int(np.argmax(trace.activations[layer]))


def weight_scale(weights: np.ndarray, percentile: float = 99.0) -> float:
    """|w| that maps to full brightness when drawing many weight grids on one scale.

    A percentile rather than the maximum, so that a handful of outlying weights
    do not leave every other grid dim; the few above it are drawn at full strength.
    """
    return float(np.percentile(np.abs(weights), percentile))


def ink_indices(pixels: np.ndarray) -> np.ndarray:
    """Indices (row-major) of the pixels that are not black."""
    return np.flatnonzero(np.asarray(pixels).reshape(-1) > 0)
