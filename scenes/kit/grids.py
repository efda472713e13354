"""28×28 grids drawn as one crisp image: a digit's pixels, or 784 weights.

One image instead of 784 vector squares: it costs a single blit per frame,
which matters because these grids sit on screen for most of the lecture.
"""

from __future__ import annotations

import numpy as np
from manim import (
    RESAMPLING_ALGORITHMS,
    ImageMobject,
    ManimColor,
    Square,
    VGroup,
)

from lecture.palette import Palette

__all__ = ["CELL_PX", "PixelGrid", "TintedGrid", "WeightGrid", "grid_image"]

SIDE = 28
CELL_PX = 12  # image pixels per grid cell, the last one of them a grid line


def grid_image(rgb: np.ndarray, line_rgb: np.ndarray, lines: bool = True) -> np.ndarray:
    """An (H, W, 3) array of cell colours in [0, 1] as uint8 blocks, with thin grid lines.

    Without ``lines`` (for thumbnails, where lines would alias) the image has the
    same size and geometry, the cells simply touch.
    """
    rows, cols = rgb.shape[:2]
    blocks = np.repeat(np.repeat(rgb, CELL_PX, axis=0), CELL_PX, axis=1)
    if lines:
        blocks[CELL_PX - 1 :: CELL_PX, :, :] = line_rgb
        blocks[:, CELL_PX - 1 :: CELL_PX, :] = line_rgb
    framed = np.empty((rows * CELL_PX + 1, cols * CELL_PX + 1, 3))
    framed[:] = line_rgb
    framed[1:, 1:] = blocks
    return np.round(framed * 255).astype(np.uint8)


class _CellImage(ImageMobject):
    """An image of a SIDE×SIDE grid that knows where each of its cells is."""

    def __init__(self, rgb: np.ndarray, palette: Palette, height: float, lines: bool) -> None:
        self.cell_rgb = rgb
        self.palette = palette
        super().__init__(grid_image(rgb, np.array(palette.grid_line.to_rgb()), lines))
        self.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.height = height

    @property
    def cell_size(self) -> float:
        return self.height / SIDE

    def cell_center(self, row: float, col: float) -> np.ndarray:
        """Scene coordinates of cell (row, col); row 0 is the top.

        Parameters
        ----------
        row, col
            The cell; a fraction lands between cells (13.5, 13.5 is the grid's centre).

        Returns
        -------
        np.ndarray
            The (x, y, 0) point at that cell's centre.
        """
        top_left = self.get_corner(np.array([-1.0, 1.0, 0.0]))
        size = self.cell_size
        return top_left + np.array([(col + 0.5) * size, -(row + 0.5) * size, 0.0])

    def cell_square(self, row: int, col: int) -> Square:
        """A vector square exactly over one cell, filled with that cell's colour."""
        r, g, b = self.cell_rgb[row, col]
        square = Square(side_length=self.cell_size * (CELL_PX - 1) / CELL_PX)
        square.set_stroke(width=0).set_fill(ManimColor.from_rgb((r, g, b)), opacity=1.0)
        return square.move_to(self.cell_center(row, col))

    def cell_squares(self, cells: list[tuple[int, int]]) -> VGroup:
        """:meth:`cell_square` for each (row, col) of ``cells``, in that order."""
        return VGroup(*(self.cell_square(r, c) for r, c in cells))


class PixelGrid(_CellImage):
    """A digit: each cell's grey is its pixel value, 0 black … 1 white.

    Parameters
    ----------
    pixels
        The 784 pixel values in [0, 1], in any shape that holds 28×28.
    palette
        The lecture's colours (its grid-line colour).
    height
        The grid's height in frame units.
    lines
        Whether to draw grid lines (not on thumbnails, where they would alias).
    """

    def __init__(
        self, pixels: np.ndarray, palette: Palette, height: float = 5.0, lines: bool = True
    ) -> None:
        self.pixels = np.asarray(pixels, dtype=float).reshape(SIDE, SIDE)
        rgb = np.repeat(self.pixels[..., None], 3, axis=2)
        super().__init__(rgb, palette, height, lines)

    def value(self, row: int, col: int) -> float:
        """The pixel value of cell (row, col), 0 black … 1 white."""
        return float(self.pixels[row, col])


class WeightGrid(_CellImage):
    """784 weights: hue by sign (palette), brightness ∝ |w| / ``scale``.

    Parameters
    ----------
    weights
        One neuron's 784 input weights, in any shape that holds 28×28.
    palette
        The lecture's colours (its weight colours and grid-line colour).
    height
        The grid's height in frame units.
    scale
        The |w| drawn at full brightness; None uses the largest |w| of ``weights``.
    lines
        Whether to draw grid lines.
    """

    def __init__(
        self,
        weights: np.ndarray,
        palette: Palette,
        height: float = 5.0,
        scale: float | None = None,
        lines: bool = True,
    ) -> None:
        self.weights = np.asarray(weights, dtype=float).reshape(SIDE, SIDE)
        super().__init__(palette.weight_rgb(self.weights, scale), palette, height, lines)


class TintedGrid(_CellImage):
    """A digit whose ink in each mask is recoloured: pieces of a digit made visible.

    Cells outside every mask keep their grey, dimmed by ``dim`` so the pieces stand out.

    Parameters
    ----------
    pixels
        The 784 pixel values in [0, 1], in any shape that holds 28×28.
    masks
        28×28 boolean masks, one per piece.
    colors
        One colour per mask: its cells' ink is drawn in it, as bright as the pixel.
    palette
        The lecture's colours.
    height
        The grid's height in frame units.
    dim
        How bright the cells outside every mask stay, as a fraction of their grey.
    """

    def __init__(
        self,
        pixels: np.ndarray,
        masks: list[np.ndarray],
        colors: list[ManimColor],
        palette: Palette,
        height: float = 3.0,
        dim: float = 0.35,
    ) -> None:
        self.pixels = np.asarray(pixels, dtype=float).reshape(SIDE, SIDE)
        rgb = np.repeat(self.pixels[..., None], 3, axis=2) * dim
        for mask, color in zip(masks, colors, strict=True):
            rgb[mask] = self.pixels[mask][:, None] * np.array(color.to_rgb())
        super().__init__(rgb, palette, height, lines=False)
