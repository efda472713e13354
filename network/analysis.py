"""Questions the scenes ask of a trained network over many digits."""

from __future__ import annotations

import numpy as np

from network.data import Digits
from network.model import Network

__all__ = ["first_correct_per_label", "misclassified"]


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
