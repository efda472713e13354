"""The network drawn as circles and lines, from a real network and a real trace.

The input column shows 16 of the 784 input neurons (8, a "⋮", 8), each standing
for one fixed pixel: ``DRAWN_PIXELS``. A hidden layer wider than ``MAX_DRAWN``
neurons is elided the same way: its first and last ``MAX_DRAWN // 2`` neurons,
a "⋮" and its neuron count below it. Edges are drawn between drawn neurons only,
from the real weights: colour by sign, width and opacity by magnitude.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    AnimationGroup,
    Brace,
    Circle,
    Dot,
    Line,
    SurroundingRectangle,
    VGroup,
    VMobject,
)

from lecture.choices import drawn_neurons
from lecture.palette import Palette
from network.model import Network, Trace
from scenes.kit.animations import built
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = [
    "NEURON_STROKE",
    "EdgeStyle",
    "NetworkDiagram",
    "edge_style",
]

#: Stroke width of a neuron's circle, wherever a neuron is drawn (diagram, close-up,
#: the 784-neuron field).
NEURON_STROKE = 1.6

MAX_EDGE_WIDTH = 3.2
MIN_EDGE_WIDTH = 0.4
MIN_EDGE_OPACITY = 0.08

V = TypeVar("V", bound=VMobject)


def _member(group: VGroup, index: int, kind: type[V]) -> V:
    """``group[index]``, checked to be the ``kind`` this module put there."""
    member = group[index]
    if not isinstance(member, kind):
        raise TypeError(f"expected a {kind.__name__}, found a {type(member).__name__}")
    return member


@dataclass(frozen=True)
class EdgeStyle:
    """How one edge is drawn: see :func:`edge_style`.

    Parameters
    ----------
    color_sign
        +1 for the palette's positive colour, −1 for its negative one.
    width
        Stroke width.
    opacity
        Stroke opacity.
    """

    color_sign: int  # +1 positive colour, −1 negative colour
    width: float
    opacity: float


def edge_style(weight: float, scale: float) -> EdgeStyle:
    """How one weight is drawn, relative to the largest |w| among the drawn edges.

    Scaling to the drawn edges' largest weight, not a fixed one, keeps a network with
    small weights as legible as one with large weights.

    Parameters
    ----------
    weight
        The real weight.
    scale
        The largest |w| among the edges drawn with it; 0 draws every edge faintest.

    Returns
    -------
    EdgeStyle
        Colour by sign; width and opacity growing with |weight| / ``scale``, capped at 1.
    """
    strength = min(abs(weight) / scale, 1.0) if scale > 0 else 0.0
    return EdgeStyle(
        color_sign=1 if weight >= 0 else -1,
        width=MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * strength,
        opacity=MIN_EDGE_OPACITY + (1 - MIN_EDGE_OPACITY) * strength,
    )


class NetworkDiagram(VGroup):
    """Neurons, elided input column, labels and weighted edges of a real network.

    Drawn from the network itself (its sizes and weights), so the picture changes
    when the network does and never shows an edge the network does not have.

    Parameters
    ----------
    network
        The network to draw.
    palette
        The lecture's colours.
    width, height
        The frame units the columns of neurons span.
    neuron_radius
        A neuron's circle radius.
    keep
        Maps a layer to a neuron a scene is about, drawn even where its layer is
        elided (see ``drawn_neurons``).
    """

    def __init__(
        self,
        network: Network,
        palette: Palette,
        width: float = 9.0,
        height: float = 6.4,
        neuron_radius: float = 0.16,
        keep: dict[int, int] | None = None,
    ) -> None:
        """``keep`` maps a layer to a neuron that must be drawn (see ``drawn_neurons``)."""
        super().__init__()
        self.network = network
        self.palette = palette
        self.neuron_radius = neuron_radius
        sizes = network.sizes
        xs = np.linspace(-width / 2, width / 2, len(sizes))
        #: Per layer, the network's neuron index each drawn circle stands for.
        keep = keep or {}
        self.drawn = [drawn_neurons(sizes, i, keep.get(i)) for i in range(len(sizes))]
        self.layers: list[VGroup] = []
        self.elisions: dict[int, VGroup] = {}  # layer → its "⋮"
        for i, drawn in enumerate(self.drawn):
            count = len(drawn)
            layer = VGroup(*(self._neuron() for _ in range(count)))
            gap = min(height / max(count, 10), 0.55)
            if 0 < i and count < sizes[i]:
                # An elided hidden layer, ⋮ included, spans what a whole one of as many
                # drawn neurons would, so the columns' tops line up.
                gap *= (count - 1) / (count + 1)
            ys = (np.arange(count)[::-1] - (count - 1) / 2) * gap
            if count < sizes[i]:  # open a gap in the middle for the ⋮
                ys = ys + np.where(np.arange(count) < count // 2, gap, -gap)
            for neuron, y in zip(layer, ys, strict=True):
                neuron.move_to(np.array([xs[i], y, 0.0]))
            self.layers.append(layer)
            if count < sizes[i]:
                self.elisions[i] = self._elision(palette).move_to(layer.get_center())
        self.input_dots = self.elisions[0]
        column = self.layers[0]
        self.input_brace = Brace(column, LEFT, buff=0.12, color=palette.muted)
        self.input_count = label(f"{sizes[0]}", font_size=TYPE.label, color=palette.text)
        self.input_count.next_to(self.input_brace, LEFT, buff=0.1)
        #: Under each elided hidden layer, how many neurons it really has.
        self.hidden_counts = VGroup(
            *(
                label(f"{sizes[i]}", font_size=TYPE.small, color=palette.muted).next_to(
                    self.layers[i], DOWN, buff=0.12
                )
                for i in self.elisions
                if i > 0
            )
        )
        self.output_labels = VGroup(
            *(
                label(str(d), font_size=TYPE.label, color=palette.text).next_to(
                    n, RIGHT, buff=0.18
                )
                for d, n in enumerate(self.layers[-1])
            )
        )
        self.edges = [self._edges(i) for i in range(len(sizes) - 1)]
        self.add(*self.edges, *self.layers, *self.elisions.values(), self.hidden_counts)
        self.add(self.input_brace, self.input_count, self.output_labels)

    def _elision(self, palette: Palette) -> VGroup:
        return VGroup(*(Dot(radius=0.035, color=palette.text) for _ in range(3))).arrange(
            DOWN, buff=0.09
        )

    def neuron(self, layer: int, index: int) -> Circle:
        """The circle drawn for the network's neuron ``index`` of ``layer``.

        Raises ``ValueError`` if that neuron is elided (see ``drawn_neurons``).
        """
        return _member(self.layers[layer], self.drawn[layer].index(index), Circle)

    def _neuron(self) -> Circle:
        circle = Circle(radius=self.neuron_radius)
        circle.set_stroke(self.palette.neuron_stroke, width=NEURON_STROKE)
        circle.set_fill(self.palette.neuron_fill, opacity=0.0)
        return circle

    def drawn_weights(self, transition: int) -> np.ndarray:
        """Weights between drawn neurons: rows = drawn targets, columns = drawn sources."""
        w = self.network.weights[transition]
        return w[np.ix_(self.drawn[transition + 1], self.drawn[transition])]

    def _edges(self, transition: int) -> VGroup:
        weights = self.drawn_weights(transition)
        scale = float(np.max(np.abs(weights)))
        edges = VGroup()
        for j, target in enumerate(self.layers[transition + 1]):
            for k, source in enumerate(self.layers[transition]):
                style = edge_style(float(weights[j, k]), scale)
                line = Line(
                    source.get_right(),
                    target.get_left(),
                    stroke_width=style.width,
                    color=self.palette.positive if style.color_sign > 0 else self.palette.negative,
                    stroke_opacity=style.opacity,
                )
                edges.add(line)
        edges.set_z_index(-1)
        return edges

    def edge(self, transition: int, target: int, source: int) -> Line:
        """The line from drawn neuron ``source`` to drawn neuron ``target`` of the next
        layer (positions among the drawn circles, as in ``drawn_weights``)."""
        return _member(
            self.edges[transition], target * len(self.layers[transition]) + source, Line
        )

    def fan_in(self, layer: int, index: int) -> VGroup:
        """The drawn edges into the network's neuron ``index`` of ``layer`` (≥ 1), one per
        drawn neuron of the layer before, in the order of ``self.drawn[layer - 1]``."""
        target = self.drawn[layer].index(index)
        sources = range(len(self.layers[layer - 1]))
        return VGroup(*(self.edge(layer - 1, target, source) for source in sources))

    @staticmethod
    def brightness(values: np.ndarray) -> np.ndarray:
        """Fill opacity for activations: the activation itself when it lies in [0, 1].

        ReLU activations can exceed 1; such a layer is drawn relative to its brightest
        neuron (the scene says so), since opacity stops at 1.
        """
        values = np.asarray(values, dtype=float)
        return values / max(1.0, float(values.max()))

    def drawn_brightness(self, trace: Trace, layer: int) -> np.ndarray:
        """Fill opacities of the drawn neurons of ``layer``: relative to the brightest
        neuron of the whole layer, drawn or elided, so eliding never changes a shade."""
        values = np.asarray(trace.activations[layer], dtype=float)
        return self.brightness(values)[list(self.drawn[layer])]

    def set_layer(self, trace: Trace, layer: int) -> NetworkDiagram:
        """Fill opacity of each drawn neuron := its activation (see ``brightness``)."""
        values = self.drawn_brightness(trace, layer)
        for neuron, value in zip(self.layers[layer], values, strict=True):
            neuron.set_fill(opacity=float(value))
        return self

    def clear_layer(self, layer: int) -> NetworkDiagram:
        """Empty every drawn neuron of ``layer`` (fill opacity 0); returns the diagram."""
        for neuron in self.layers[layer]:
            neuron.set_fill(opacity=0.0)
        return self

    def animate_layer(self, trace: Trace, layer: int, lag_ratio: float = 0.03) -> AnimationGroup:
        """Light one layer's neurons to their activations."""
        values = self.drawn_brightness(trace, layer)
        return AnimationGroup(
            *(
                built(neuron.animate.set_fill(opacity=float(v)))
                for neuron, v in zip(self.layers[layer], values, strict=True)
            ),
            lag_ratio=lag_ratio,
        )

    def answer_marker(self, trace: Trace) -> SurroundingRectangle:
        """A ring around the brightest output neuron and its label."""
        answer = int(trace.prediction)
        target = VGroup(self.layers[-1][answer], self.output_labels[answer])
        return SurroundingRectangle(
            target, color=self.palette.highlight, buff=0.08, corner_radius=0.08
        )

    def fill_opacities(self, layer: int) -> np.ndarray:
        """The fill opacity of each drawn neuron of ``layer`` as drawn now, top to bottom."""
        return np.array([n.get_fill_opacity() for n in self.layers[layer]])
