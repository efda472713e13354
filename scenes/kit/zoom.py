"""A close-up of a few pixels with their real values written on them."""

from __future__ import annotations

import numpy as np
from manim import Circle, Rectangle, Square, VGroup

from lecture.palette import Palette
from scenes.kit.diagram import NEURON_STROKE
from scenes.kit.grids import PixelGrid
from scenes.kit.text import decimal
from scenes.kit.type_scale import TYPE

__all__ = ["PixelCloseUp"]


class PixelCloseUp(VGroup):
    """size×size enlarged pixels, each with its value as a DecimalNumber.

    Reading the real numbers off a few pixels is how the lecture shows that an image is,
    to the network, a list of numbers.

    Parameters
    ----------
    grid
        The digit the pixels are taken from.
    top_left
        (row, col) of the window's top-left pixel.
    palette
        The lecture's colours.
    size
        The window's side, in pixels.
    cell
        An enlarged pixel's side, in frame units.

    Attributes
    ----------
    window
        A frame around the same pixels on ``grid`` (not part of this group), to show
        where the close-up comes from.
    """

    def __init__(
        self,
        grid: PixelGrid,
        top_left: tuple[int, int],
        palette: Palette,
        size: int = 5,
        cell: float = 1.05,
    ) -> None:
        super().__init__()
        self.palette = palette
        self.cells = [(top_left[0] + i, top_left[1] + j) for i in range(size) for j in range(size)]
        self.values = np.array([grid.value(r, c) for r, c in self.cells])
        self.squares = VGroup()
        self.numbers = VGroup()
        for k, value in enumerate(self.values):
            i, j = divmod(k, size)
            square = Square(side_length=cell * 0.94).set_stroke(palette.grid_line, width=1)
            square.set_fill(palette.neuron_fill, opacity=float(value))
            square.move_to(np.array([j * cell, -i * cell, 0.0]))
            ink = palette.background if value > 0.5 else palette.text
            number = decimal(float(value), font_size=TYPE.body, color=ink)
            number.move_to(square)
            self.squares.add(square)
            self.numbers.add(number)
        self.add(self.squares, self.numbers)
        self.window = Rectangle(
            width=grid.cell_size * size, height=grid.cell_size * size, color=palette.highlight
        ).move_to(
            (
                grid.cell_center(*top_left)
                + grid.cell_center(top_left[0] + size - 1, top_left[1] + size - 1)
            )
            / 2
        )

    def as_neurons(self) -> VGroup:
        """Circles in place of the squares, filled to the same values."""
        circles = VGroup()
        for square, value in zip(self.squares, self.values, strict=True):
            circle = Circle(radius=square.width * 0.45)
            circle.set_stroke(self.palette.neuron_stroke, width=NEURON_STROKE)
            circle.set_fill(self.palette.neuron_fill, opacity=float(value))
            circles.add(circle.move_to(square))
        return circles
