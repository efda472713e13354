"""Every weight and bias of a network at once: one cell per parameter, in images.

Thirteen thousand dials cannot each be read at 480p, and thirteen thousand vector
squares would take seconds a frame. So each weight layer is one image in which every
parameter is one cell coloured by its real value (the palette's weight colours, as in
the weight grids): a first layer that reads pixels shows each neuron's weights as a
28×28 tile, the way the lecture draws them elsewhere; a later layer is its matrix W,
a row per neuron. Each neuron's bias is one cell just right of its tile or row. The
cells can be revealed in counting order (neuron by neuron, its weights then its bias),
so a counter can say exactly how many are on screen. A few parameters are also drawn
magnified, as sliders a viewer can read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from manim import (
    DOWN,
    LEFT,
    RESAMPLING_ALGORITHMS,
    RIGHT,
    UP,
    Dot,
    Group,
    ImageMobject,
    Line,
    Rectangle,
    VGroup,
)

from lecture.choices import weight_scale
from lecture.palette import Palette
from network.data import IMAGE_SIDE
from network.model import Network
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["LayerCells", "ParameterMass", "Slider", "layer_cells"]

GAP = 2  # empty cells between tiles and between layers
BIAS_GAP = 1  # empty cells between a neuron's weights and its bias


@dataclass(frozen=True)
class LayerCells:
    """Where each parameter of one weight layer sits in its image, in counting order.

    ``values[k]`` is drawn at cell (``rows[k]``, ``cols[k]``) of an image of ``shape``;
    the order is neuron by neuron, each neuron's weights (row j of W) then its bias.
    ``is_bias[k]`` tells which are biases.
    """

    shape: tuple[int, int]
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    is_bias: np.ndarray


def layer_cells(weights: np.ndarray, biases: np.ndarray, tiles_across: int = 1) -> LayerCells:
    """The cells of one layer: tiles (``tiles_across`` to a row) when it reads an image of
    IMAGE_SIDE² pixels, otherwise the matrix W with the biases as a column beside it."""
    n_out, n_in = weights.shape
    rows: list[npt.ArrayLike] = []
    cols: list[npt.ArrayLike] = []
    values: list[npt.ArrayLike] = []
    is_bias: list[npt.ArrayLike] = []
    if n_in == IMAGE_SIDE * IMAGE_SIDE:
        tile_w = IMAGE_SIDE + BIAS_GAP + 1
        down = -(-n_out // tiles_across)
        height = down * IMAGE_SIDE + (down - 1) * GAP
        shape = (height, tiles_across * tile_w + (tiles_across - 1) * GAP)
        r, c = np.divmod(np.arange(n_in), IMAGE_SIDE)
        for j in range(n_out):
            top, left = divmod(j, tiles_across)
            top, left = top * (IMAGE_SIDE + GAP), left * (tile_w + GAP)
            rows += [top + r, [top + IMAGE_SIDE // 2]]
            cols += [left + c, [left + IMAGE_SIDE + BIAS_GAP]]
            values += [weights[j], [biases[j]]]
            is_bias += [np.zeros(n_in, bool), [True]]
    else:
        shape = (n_out, n_in + BIAS_GAP + 1)
        for j in range(n_out):
            rows += [np.full(n_in, j), [j]]
            cols += [np.arange(n_in), [n_in + BIAS_GAP]]
            values += [weights[j], [biases[j]]]
            is_bias += [np.zeros(n_in, bool), [True]]
    return LayerCells(
        shape=shape,
        rows=np.concatenate(rows).astype(int),
        cols=np.concatenate(cols).astype(int),
        values=np.concatenate(values).astype(float),
        is_bias=np.concatenate(is_bias).astype(bool),
    )


class ParameterMass(Group):
    """Every parameter of ``network`` as a cell, one image per weight layer, left to right,
    all at one cell size chosen to fill ``width`` × ``height``: so the blocks' areas
    compare as the layers' parameter counts do.

    Parameters
    ----------
    network
        The network whose weights and biases are drawn.
    palette
        The lecture's colours (its weight colours, as in the weight grids).
    width, height
        The room the blocks may take, in frame units.
    """

    def __init__(self, network: Network, palette: Palette, width: float, height: float):
        super().__init__()
        self.network = network
        self.palette = palette
        first = network.weights[0].shape
        best: tuple[float, list[LayerCells]] | None = None
        across_options = range(1, first[0] + 1) if first[1] == IMAGE_SIDE * IMAGE_SIDE else [1]
        for across in across_options:
            cells = [
                layer_cells(w, b, across if i == 0 else 1)
                for i, (w, b) in enumerate(zip(network.weights, network.biases, strict=True))
            ]
            cols = sum(c.shape[1] for c in cells) + GAP * 3 * (len(cells) - 1)
            rows = max(c.shape[0] for c in cells)
            size = min(width / cols, height / rows)
            if best is None or size > best[0]:
                best = (size, cells)
        if best is None:
            raise ValueError(f"the first weight layer, of shape {first}, has no neuron to draw")
        self.cell_size, self.cells = best
        #: Per layer, the colour of each parameter (counting order), from its real value
        #: on that layer's scale (the 99th percentile of |value|, as for weight grids).
        self.scales = [weight_scale(c.values) for c in self.cells]
        self.colors = [
            np.round(palette.weight_rgb(c.values, s) * 255).astype(np.uint8)
            for c, s in zip(self.cells, self.scales, strict=True)
        ]
        self.shown = [0] * len(self.cells)
        self.images = [self._image(i) for i in range(len(self.cells))]
        self.frames = VGroup()
        for image in self.images:
            frame = Rectangle(width=image.width, height=image.height)
            frame.set_stroke(palette.grid_line, width=1.5).move_to(image)
            self.frames.add(frame)
        blocks = Group(*(Group(i, f) for i, f in zip(self.images, self.frames, strict=True)))
        blocks.arrange(RIGHT, buff=GAP * 3 * self.cell_size)
        self.add(*self.frames, *self.images)

    @property
    def counts(self) -> list[int]:
        """Parameters per layer, as drawn (one cell each)."""
        return [len(c.values) for c in self.cells]

    def _pixels(self, layer: int) -> np.ndarray:
        cells, shown = self.cells[layer], self.shown[layer]
        rgba = np.zeros((*cells.shape, 4), dtype=np.uint8)
        rgba[cells.rows[:shown], cells.cols[:shown], :3] = self.colors[layer][:shown]
        rgba[cells.rows[:shown], cells.cols[:shown], 3] = 255
        return rgba

    def _image(self, layer: int) -> ImageMobject:
        image = ImageMobject(self._pixels(layer))
        image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        image.height = self.cells[layer].shape[0] * self.cell_size
        return image

    # Shadows Mobject.show (a debugging preview that opens an image viewer), which a
    # scene never calls; renaming this would touch scenes that are not the kit's.
    def show(self, layer: int, count: int) -> ParameterMass:  # type: ignore[override]
        """Draw the first ``count`` parameters of ``layer`` (counting order), the rest empty."""
        self.shown[layer] = int(np.clip(count, 0, self.counts[layer]))
        self.images[layer].pixel_array = self._pixels(layer)
        return self

    def shown_colors(self, layer: int) -> np.ndarray:
        """The RGB of each parameter's cell as drawn now (counting order)."""
        cells = self.cells[layer]
        return self.images[layer].pixel_array[cells.rows, cells.cols, :3]

    def cell_center(self, layer: int, index: int) -> np.ndarray:
        """Scene coordinates of parameter ``index`` (counting order) of ``layer``."""
        image, cells = self.images[layer], self.cells[layer]
        top_left = image.get_corner(UP + LEFT)
        size = image.height / cells.shape[0]
        return top_left + np.array(
            [(cells.cols[index] + 0.5) * size, -(cells.rows[index] + 0.5) * size, 0.0]
        )


class Slider(VGroup):
    """One parameter magnified: a track from −``limit`` to +``limit`` with a mark at 0, a
    knob at the parameter's value (in its sign's colour), its name and its value.

    Parameters
    ----------
    value
        The parameter's real value.
    limit
        Half the track's range, usually the largest |value| of the parameter's layer.
    name
        What the parameter is called on screen (drawn as ``title``; not Manim's
        ``Mobject.name``).
    palette
        The lecture's colours.
    length
        The track's length in frame units.
    font_size
        The title's font size.
    number_size
        The value's font size.
    """

    def __init__(
        self,
        value: float,
        limit: float,
        name: str,
        palette: Palette,
        length: float = 2.6,
        font_size: float = TYPE.small,
        number_size: float = TYPE.label,
    ) -> None:
        super().__init__()
        self.value, self.limit = float(value), float(limit)
        self.track = Line(LEFT * length / 2, RIGHT * length / 2, color=palette.muted)
        self.track.set_stroke(width=3)
        self.zero = Line(UP * 0.09, DOWN * 0.09, color=palette.muted).set_stroke(width=2)
        color = palette.signed_color(value)
        self.knob = Dot(self.position(value), radius=0.09, color=color)
        self.title = label(name, font_size, palette.muted)
        # LaTeX digits come out smaller than the text font's at one size: the value sits
        # one step up the type scale (``number_size``) to read as clearly as its name.
        self.number = decimal(value, number_size, palette.text)
        self.number.next_to(self.track, RIGHT, buff=0.2)
        self.title.next_to(self.track, UP, buff=0.15).align_to(self.track, LEFT)
        self.add(self.track, self.zero, self.knob, self.title, self.number)

    def position(self, value: float) -> np.ndarray:
        """Where ``value`` lies on the track (clipped to its ends)."""
        t = 0.5 + 0.5 * float(np.clip(value / self.limit, -1, 1)) if self.limit > 0 else 0.5
        return self.track.point_from_proportion(t)

    @property
    def knob_value(self) -> float:
        """The value the knob's position stands for (what a viewer reads off the track)."""
        start, end = self.track.get_start()[0], self.track.get_end()[0]
        t = (self.knob.get_center()[0] - start) / (end - start)
        return (2 * t - 1) * self.limit
