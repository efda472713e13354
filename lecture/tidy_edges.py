"""How edge-like a layer's weights are: the measure behind "hardly any is a tidy edge".

The lecture hopes that each first-hidden-layer neuron looks for a little edge, and
later shows the real weights. Whether they are tidy edges is measured, not judged by
eye: a neuron's *edge share* is the largest fraction of its squared weights that one
short edge pattern accounts for, the square of the best cosine between its 28×28
weight grid and the lecture's own edge pattern, of either sign, anywhere on the grid,
in any of ``ANGLES`` directions. The pattern is the designed detector's shape
(``LECTURE_DETECTOR``): a short strip of one sign between bands of the other, what
the lecture calls a little edge ("a short green stroke with red on either side").
A perfect edge scores 1; random weights score a few hundredths.

A neuron is a *tidy edge* when its edge share is at least ``TIDY_SHARE`` (one edge
pattern holds at least that much of all its weight) and it is compact enough to be
one by the measure of the section that shows the real weights
(:func:`compactness`: at least half of its |w| inside one patch the size of the
designed detector). The second condition keeps the two
sections in agreement: whatever this caveat promises, the later verdict, which says
how many neurons are compact enough to be edges, never contradicts. How many of a
layer's neurons are tidy edges is said in words by :func:`how_many_tidy`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.signal import correlate2d

from network.data import IMAGE_SIDE
from network.detector import LECTURE_DETECTOR

__all__ = [
    "ANGLES",
    "COMPACT",
    "HARDLY_ANY",
    "MOST",
    "PATCH",
    "TIDY",
    "TIDY_SHARE",
    "compactness",
    "edge_pattern",
    "edge_patterns",
    "edge_shares",
    "how_many_tidy",
    "tidy_count",
]


def _patch_side() -> int:
    """The side of the smallest square that holds the lecture's designed edge detector."""
    grid = LECTURE_DETECTOR.weights((IMAGE_SIDE / 2, IMAGE_SIDE / 2))
    rows, cols = np.nonzero(grid)
    return int(max(np.ptp(rows), np.ptp(cols)) + 1)


#: The patch a tidy edge detector keeps all its weight in: the designed detector's size.
PATCH = _patch_side()
#: A neuron could be a tidy edge only if its best patch holds at least this share of its
#: weight (the words say "at least half"; below it, "most of its weight lies outside").
TIDY = 0.5
#: The same, as this module calls it.
COMPACT = TIDY


def compactness(weights: np.ndarray, side: int = PATCH) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``weights`` (neurons × 784): the largest share of its sum of |w|
    inside any ``side``×``side`` square of the 28×28 grid, and that square's top-left
    (row, column), the first in row-major order on a tie.
    """
    grids = np.abs(np.asarray(weights, dtype=float)).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    summed = np.pad(grids.cumsum(1).cumsum(2), ((0, 0), (1, 0), (1, 0)))
    windows = (
        summed[:, side:, side:]
        - summed[:, :-side, side:]
        - summed[:, side:, :-side]
        + summed[:, :-side, :-side]
    )
    flat = windows.reshape(len(grids), -1)
    where = flat.argmax(axis=1)
    totals = grids.sum(axis=(1, 2))
    shares = np.divide(flat.max(axis=1), totals, out=np.zeros(len(grids)), where=totals > 0)
    corners = np.stack(np.unravel_index(where, windows.shape[1:]), axis=1)
    return shares, corners


#: The directions an edge pattern is tried in, evenly spread over half a turn (a
#: pattern turned by half a turn is the same pattern, or its negative).
ANGLES = 8
#: The edge share from which a neuron counts as a tidy edge: one edge pattern holds
#: at least this fraction of its squared weights.
TIDY_SHARE = 0.4
#: "Hardly any": at most this fraction of a layer's neurons are tidy edges.
HARDLY_ANY = 1 / 8
#: "Most": more than this fraction of them are.
MOST = 1 / 2


def edge_pattern(angle: float) -> np.ndarray:
    """The edge pattern centred in a square kernel, turned by ``angle`` radians (0 along
    a row): the designed detector's strip of +1 between bands of −1. At angle 0 it is
    exactly ``LECTURE_DETECTOR``'s weights around their centre."""
    d = LECTURE_DETECTOR
    half_width, reach = d.width / 2, d.width / 2 + d.surround
    radius = int(np.ceil(np.hypot(d.length / 2, reach)))
    rows, cols = np.mgrid[-radius : radius + 1, -radius : radius + 1].astype(float)
    along = cols * np.cos(angle) - rows * np.sin(angle)
    across = cols * np.sin(angle) + rows * np.cos(angle)
    inside = (np.abs(along) <= d.length / 2 + 1e-9) & (np.abs(across) <= reach + 1e-9)
    strip = inside & (np.abs(across) <= half_width + 1e-9)
    pattern = np.zeros_like(rows)
    pattern[strip] = 1.0
    pattern[inside & ~strip] = -1.0
    return pattern


@lru_cache(maxsize=1)
def edge_patterns() -> tuple[np.ndarray, ...]:
    """The pattern in each of ``ANGLES`` directions, each scaled to length 1."""
    patterns = (edge_pattern(float(a)) for a in np.arange(ANGLES) * np.pi / ANGLES)
    return tuple(p / np.linalg.norm(p) for p in patterns)


def edge_shares(weights: np.ndarray) -> np.ndarray:
    """Each neuron's edge share: the largest squared cosine between its weight grid and
    an edge pattern placed wholly inside the grid, in any direction, of either sign.

    Parameters
    ----------
    weights
        (neurons, 784): one row of weights per neuron.

    Returns
    -------
    np.ndarray
        (neurons,) values in [0, 1]; 0 for a neuron whose weights are all zero.
    """
    w = np.asarray(weights, dtype=float).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    shares = np.zeros(len(w))
    for n, grid in enumerate(w):
        norm = float(np.linalg.norm(grid))
        if norm == 0:
            continue
        best = max(
            float(np.max(np.abs(correlate2d(grid, p, mode="valid")))) for p in edge_patterns()
        )
        shares[n] = (best / norm) ** 2
    return shares


def tidy_count(weights: np.ndarray) -> int:
    """How many of the neurons (rows of ``weights``) are tidy edges: edge-shaped
    (``TIDY_SHARE``) and compact (``COMPACT``)."""
    w = np.asarray(weights, dtype=float).reshape(-1, IMAGE_SIDE * IMAGE_SIDE)
    compact = compactness(w)[0] >= COMPACT
    return int(np.count_nonzero((edge_shares(w) >= TIDY_SHARE) & compact))


def how_many_tidy(weights: np.ndarray) -> str:
    """How many of a layer's neurons are tidy edges, as the script words it:
    ``"none"``, ``"hardly-any"`` (at most ``HARDLY_ANY`` of them, but some), ``"most"``
    (more than ``MOST``) or ``"some"`` (in between)."""
    neurons = np.asarray(weights).reshape(-1, IMAGE_SIDE * IMAGE_SIDE).shape[0]
    tidy = tidy_count(weights)
    if tidy == 0:
        return "none"
    share = tidy / neurons
    if share <= HARDLY_ANY:
        return "hardly-any"
    return "most" if share > MOST else "some"
