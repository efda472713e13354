"""A hand-designed edge detector and the single-neuron arithmetic the weighted-sum scene shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from network.activations import sigmoid
from network.data import IMAGE_SIDE, N_PIXELS
from network.errors import NetworkInputError

__all__ = [
    "LECTURE_DETECTOR",
    "EdgeDetector",
    "NeuronResult",
    "apply_neuron",
    "best_centre",
    "edge_detector",
    "largest_terms",
]


def edge_detector(
    centre: tuple[float, float] = (8.0, 14.0),
    orientation: str = "horizontal",
    width: float = 2.0,
    length: float = 10.0,
    surround: float = 2.0,
    positive: float = 1.0,
    negative: float = -1.0,
) -> np.ndarray:
    """A 28×28 weight grid: a positive strip with a negative band on each side of it.

    The sum is largest when the strip is bright and the bands beside it dark,
    which is what makes it an edge (stroke) detector rather than a brightness meter.
    ``centre`` is (row, column); ``width`` and ``surround`` are in pixels across the
    strip, ``length`` along it; every other weight is zero.
    """
    if orientation not in ("horizontal", "vertical"):
        raise NetworkInputError(
            f"orientation must be 'horizontal' or 'vertical', got {orientation!r}"
        )
    if width <= 0 or length <= 0 or surround < 0:
        raise NetworkInputError("width and length must be > 0 and surround ≥ 0")
    rows, cols = np.mgrid[0:IMAGE_SIDE, 0:IMAGE_SIDE].astype(float)
    across, along = (rows - centre[0], cols - centre[1])
    if orientation == "vertical":
        across, along = along, across
    inside_length = np.abs(along) <= length / 2
    strip = inside_length & (np.abs(across) <= width / 2)
    band = inside_length & ~strip & (np.abs(across) <= width / 2 + surround)
    grid = np.zeros((IMAGE_SIDE, IMAGE_SIDE))
    grid[strip] = positive
    grid[band] = negative
    return grid


@dataclass(frozen=True)
class NeuronResult:
    """One neuron on one image: Σ wᵢaᵢ, then + b, then σ."""

    weighted_sum: float
    bias: float
    activation: float

    @property
    def z(self) -> float:
        return self.weighted_sum + self.bias


def apply_neuron(weights: np.ndarray, image: np.ndarray, bias: float = 0.0) -> NeuronResult:
    """Any 784 weights (flat or 28×28) and a bias applied to one image."""
    w = np.asarray(weights, dtype=float).reshape(-1)
    a = np.asarray(image, dtype=float).reshape(-1)
    if w.size != N_PIXELS or a.size != N_PIXELS:
        raise NetworkInputError(f"need 784 weights and 784 pixels, got {w.size} and {a.size}")
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(a)) and np.isfinite(bias)):
        raise NetworkInputError("weights, image and bias must be finite")
    total = float(w @ a)
    return NeuronResult(total, float(bias), float(sigmoid(total + bias)))


def best_centre(
    image: np.ndarray, orientation: str = "horizontal", **shape: float
) -> tuple[float, float]:
    """Where on ``image`` an edge detector of this shape gives its largest weighted sum.

    Scans every whole-pixel centre that keeps the detector inside the 28×28 field,
    so the scene can put the detector on a real stroke of the real digit.
    """
    a = np.asarray(image, dtype=float).reshape(-1)
    if a.size != N_PIXELS:
        raise NetworkInputError(f"need 784 pixels, got {a.size}")
    best, where = -np.inf, (IMAGE_SIDE / 2, IMAGE_SIDE / 2)
    for row in range(3, IMAGE_SIDE - 3):
        for col in range(3, IMAGE_SIDE - 3):
            grid = edge_detector((row, col), orientation, **shape)
            total = float(grid.reshape(-1) @ a)
            if total > best:
                best, where = total, (float(row), float(col))
    return where


def largest_terms(
    weights: np.ndarray,
    image: np.ndarray,
    count: int = 3,
    among: Sequence[int] | None = None,
) -> list[int]:
    """Pixel indices of the ``count`` largest |wᵢaᵢ| terms of a weighted sum, in pixel order.

    ``among`` limits the choice to some pixels: a diagram draws only a few of the 784
    connections, and the terms lifted off its edges must be terms of those edges.
    Ties go to the lower pixel index, so the choice never depends on sort internals.
    """
    terms = np.abs(np.asarray(weights, dtype=float).reshape(-1) * np.asarray(image).reshape(-1))
    pool = np.arange(terms.size) if among is None else np.asarray(among, dtype=int)
    if pool.size == 0 or count < 1:
        raise NetworkInputError(f"cannot pick {count} terms from {pool.size} pixels")
    order = np.lexsort((pool, -terms[pool]))  # largest first, then lowest index
    return sorted(int(i) for i in pool[order][:count])


@dataclass(frozen=True)
class EdgeDetector:
    """A designed detector's shape, and where it sits on a given digit.

    The weighted-sum and sigmoid sections show the same detector on the same
    stroke; keeping its shape here (not in either scene) means both scenes, and
    the fingerprint that decides when they are rendered again, see one definition.
    """

    orientation: str = "horizontal"
    width: float = 2.0  # pixels across the positive strip
    length: float = 8.0  # pixels along it
    surround: float = 2.0  # pixels of negative band on each side

    @property
    def shape(self) -> dict[str, float]:
        return {"width": self.width, "length": self.length}

    def centre_on(self, image: np.ndarray) -> tuple[float, float]:
        """The whole-pixel centre where this detector gives ``image`` its largest sum."""
        return best_centre(image, self.orientation, surround=self.surround, **self.shape)

    def weights(self, centre: tuple[float, float], with_surround: bool = True) -> np.ndarray:
        """The 28×28 weights at ``centre``: the positive strip, and its bands if asked."""
        surround = self.surround if with_surround else 0.0
        return edge_detector(centre, self.orientation, surround=surround, **self.shape)


#: The detector the lecture designs: a strip 2 pixels high and 8 long, 2-pixel bands.
LECTURE_DETECTOR = EdgeDetector()
