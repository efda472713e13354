"""A digit's ink cut into pieces and little edges, for the "why layers?" picture.

These are illustrations of a hope (a loop is a chain of edges), but drawn from a
real digit's pixels rather than by hand: every piece is the ink inside a region
of the digit's own bounding box, every edge the main direction of the ink in a
small tile.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from network.data import IMAGE_SIDE
from network.errors import NetworkInputError

__all__ = ["PIECES", "Region", "Stroke", "ink_bounds", "piece_masks", "tile_strokes"]

INK = 0.35  # grey value above which a pixel counts as ink


@dataclass(frozen=True)
class Region:
    """Part of a digit's ink box, in fractions of its height and width (top-left origin)."""

    name: str
    top: float
    bottom: float
    left: float = 0.0
    right: float = 1.0


#: The pieces the lecture hopes a digit is built from. Each ink pixel belongs to
#: the first region that contains it.
PIECES: dict[int, tuple[Region, ...]] = {
    9: (Region("upper loop", 0.0, 0.55), Region("line", 0.55, 1.0)),
    8: (Region("upper loop", 0.0, 0.5), Region("lower loop", 0.5, 1.0)),
    4: (
        Region("right stroke", 0.0, 1.0, 0.62, 1.0),
        Region("bar", 0.55, 1.0, 0.0, 0.62),
        Region("left stroke", 0.0, 0.55, 0.0, 0.62),
    ),
}


@dataclass(frozen=True)
class Stroke:
    """A little edge: the ink in one tile, as a centre (row, col) and a direction."""

    row: float
    col: float
    angle: float  # radians, 0 along a row (left→right), counter-clockwise on screen
    ink: float  # total grey in the tile


def _as_image(pixels: np.ndarray) -> np.ndarray:
    image = np.asarray(pixels, dtype=float).reshape(-1)
    if image.size != IMAGE_SIDE * IMAGE_SIDE:
        raise NetworkInputError(f"need 784 pixels, got {image.size}")
    return image.reshape(IMAGE_SIDE, IMAGE_SIDE)


def ink_bounds(pixels: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) rows/columns of the ink, bottom and right exclusive."""
    ink = _as_image(pixels) > INK
    if not ink.any():
        raise NetworkInputError("the image has no ink")
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def piece_masks(pixels: np.ndarray, regions: tuple[Region, ...]) -> list[np.ndarray]:
    """One 28×28 boolean mask per region: the ink pixels that fall in it first."""
    image = _as_image(pixels)
    top, bottom, left, right = ink_bounds(pixels)
    rows, cols = np.mgrid[0:IMAGE_SIDE, 0:IMAGE_SIDE]
    v = (rows + 0.5 - top) / (bottom - top)
    u = (cols + 0.5 - left) / (right - left)
    free = image > INK
    masks = []
    for region in regions:
        inside = (v >= region.top) & (v < region.bottom) & (u >= region.left) & (u < region.right)
        mask = free & inside
        free = free & ~mask
        masks.append(mask)
    return masks


def tile_strokes(
    pixels: np.ndarray, mask: np.ndarray | None = None, tile: int = 4
) -> list[Stroke]:
    """The ink of each ``tile``×``tile`` block as one short stroke along its main axis.

    The direction is the principal axis of the ink's grey-weighted pixel positions
    in the tile; tiles with less than two pixels' worth of ink are skipped.
    """
    image = _as_image(pixels)
    if mask is not None:
        image = np.where(mask, image, 0.0)
    strokes = []
    for r0 in range(0, IMAGE_SIDE, tile):
        for c0 in range(0, IMAGE_SIDE, tile):
            block = image[r0 : r0 + tile, c0 : c0 + tile]
            total = float(block.sum())
            if total < 2.0:
                continue
            rr, cc = np.mgrid[0 : block.shape[0], 0 : block.shape[1]]
            row = float((rr * block).sum() / total)
            col = float((cc * block).sum() / total)
            # covariance in screen axes: x = column, y = −row
            dx, dy = cc - col, -(rr - row)
            cov = np.array(
                [
                    [(block * dx * dx).sum(), (block * dx * dy).sum()],
                    [(block * dx * dy).sum(), (block * dy * dy).sum()],
                ]
            )
            vals, vecs = np.linalg.eigh(cov)
            x, y = vecs[:, int(np.argmax(vals))]
            strokes.append(Stroke(r0 + row, c0 + col, float(np.arctan2(y, x)), total))
    return strokes
