"""Storyboard section 6: one neuron's weighted sum, its weights as a grid, an edge detector.

The neuron is shown where it lives first: in the network diagram, its drawn
connections light up by their real weights; the largest terms w·a of those edges
are lifted off them into the sum; then the connections rearrange into the 28×28
grid of all its weights, laid over the digit they multiply.

Render: ``manim render scenes/weighted_sum.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    FadeIn,
    FadeOut,
    Rectangle,
    ReplacementTransform,
    Transform,
    VGroup,
)

from lecture.choices import drawn_pixel_cells, fan_in_strengths
from network.data import IMAGE_SIDE
from network.detector import LECTURE_DETECTOR, apply_neuron, largest_terms
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.maths import tex, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["FAN_IN_WIDTH", "LIFTED_TERMS", "OVERLAY_OPACITY", "WeightedSum"]

GRID_HEIGHT = 4.2
WEIGHTS_AT = STAGE.column(0, 3)
DIGIT_AT = STAGE.column(1, 3)
#: Where the weight grid is first laid over the digit: the diagram's half of the frame.
OVERLAY_AT = STAGE.column(0, 2)
#: Where the weighted sums are read out, right of the weights × digit pair.
READOUT_AT = STAGE.column(2, 3)
DIAGRAM_WIDTH = 5.2
DIAGRAM_HEIGHT = 5.0
#: Stroke width of the strongest drawn connection into the neuron; the others ∝ |w|.
FAN_IN_WIDTH = 6.0
#: Opacity of the rest of the network while one neuron's connections are shown.
DIMMED = 0.12
#: How many terms w·a are lifted off the drawn edges into the sum.
LIFTED_TERMS = 3
#: The weight grid laid over the digit lets the digit show through it.
OVERLAY_OPACITY = 0.72


class WeightedSum(LectureScene):
    """From 784 weights to one number, and a hand-made neuron that finds an edge."""

    STEPS = (
        "one-neuron",
        "weighted-sum",
        "weights-as-grid",
        "positive-patch",
        "negative-surround",
    )

    def construct(self) -> None:
        self.prepare()
        self.show_one_neuron()
        self.write_weighted_sum()
        self.show_weight_grid()
        self.show_patch()
        self.show_surround()

    def prepare(self) -> None:
        """The featured neuron and its numbers (every step uses them)."""
        digit, net = self.inputs.digit, self.inputs.network
        self.neuron = digit.featured_neuron
        self.w = net.weights[0][self.neuron]
        self.result = apply_neuron(self.w, digit.pixels)

    def show_one_neuron(self) -> None:
        """Moment: the neuron's incoming edges light up in the diagram, by sign and |w|."""
        p, digit, k = self.palette, self.inputs.digit, self.neuron
        activation = float(digit.trace.activations[1][k])
        self.diagram = NetworkDiagram(
            self.inputs.network, p, DIAGRAM_WIDTH, DIAGRAM_HEIGHT, keep={1: k}
        )
        diagram, room = self.diagram, STAGE
        diagram.set_layer(digit.trace, 0)  # each input neuron holds its pixel
        diagram.shift(
            (room.left - diagram.get_left()[0]) * RIGHT
            + (room.top - 0.1 - diagram.get_top()[1]) * UP
        )
        self.sources = diagram.drawn[0]
        self.fan = diagram.fan_in(1, k)
        self.strengths = fan_in_strengths(self.w, self.sources)
        self.step(
            "one-neuron",
            neuron=k,
            inputs=self.w.size,
            activation=activation,
            drawn=len(self.fan),
            positive=p.positive_name,
            negative=p.negative_name,
        )
        self.cell = diagram.neuron(1, k)
        # A ring, no label: the headline names the neuron, and a label would sit on its
        # edges or on the next layer's circles in a diagram of many layers.
        self.ring = Circle(radius=1.45 * diagram.neuron_radius).set_stroke(p.highlight, 3)
        self.ring.move_to(self.cell)
        more = self.note("one-neuron", drawn=len(self.fan), inputs=self.w.size)
        self.more = label(more, TYPE.small, p.muted)
        self.more.next_to(diagram, DOWN, buff=0.2).set_x(diagram.get_x())
        room.keep_inside(self.more)
        self.play(FadeIn(diagram), run_time=1.2)
        fan_ids = {id(edge) for edge in self.fan}
        others = [e for group in diagram.edges for e in group if id(e) not in fan_ids]
        self.play(
            *(e.animate.set_stroke(opacity=DIMMED) for e in others),
            self.cell.animate.set_fill(opacity=activation),
            FadeIn(self.ring),
            run_time=1.2,
        )
        self.fan.set_z_index(-0.5)  # above the dimmed edges, below the neurons
        self.play(
            AnimationGroup(
                *(
                    edge.animate.set_stroke(
                        p.signed_color(float(self.w[pixel])),
                        width=FAN_IN_WIDTH * float(strength),
                        opacity=1.0,
                    )
                    for edge, pixel, strength in zip(
                        self.fan, self.sources, self.strengths, strict=True
                    )
                ),
                lag_ratio=0.08,
            ),
            FadeIn(self.more),
            run_time=2.0,
        )
        self.wait(1)

    def write_weighted_sum(self) -> None:
        """Moment: the largest terms w·a of the drawn edges lift off them into the sum."""
        p, digit = self.palette, self.inputs.digit
        a = digit.pixels
        self.terms = largest_terms(self.w, a, LIFTED_TERMS, among=self.sources)
        rest = self.w.size - len(self.terms)
        self.step(
            "weighted-sum",
            inputs=self.w.size,
            terms=len(self.terms),
            total=self.result.weighted_sum,
        )
        n = self.w.size
        formula = tex(
            rf"w_1 a_1 + w_2 a_2 + \cdots + w_{{{n}}} a_{{{n}}}", font_size=TYPE.formula, palette=p
        )
        self.term_tex = [
            tex(
                rf"w_{{{i + 1}}} a_{{{i + 1}}} = {tex_number(self.w[i])} \times "
                rf"{tex_number(a[i])} = {tex_number(self.w[i] * a[i])}",
                font_size=TYPE.body,
                palette=p,
            )
            for i in self.terms
        ]
        self.rest = label(self.note("weighted-sum", "more", rest=rest), TYPE.label, p.muted)
        self.sum_tex = tex(
            r"\textstyle\sum_i w_i a_i = " + tex_number(self.result.weighted_sum),
            font_size=TYPE.formula,
            palette=p,
        ).set_color(p.highlight)
        block = VGroup(formula, *self.term_tex, self.rest, self.sum_tex)
        block.arrange(DOWN, buff=0.32, aligned_edge=LEFT)
        right = self.diagram.get_right()[0]
        block.next_to([right, 0, 0], RIGHT, buff=0.45).set_y(self.diagram.get_y())
        STAGE.keep_inside(block)
        self.sum_block = block
        self.play(FadeIn(formula), run_time=1.0)
        for pixel, line in zip(self.terms, self.term_tex, strict=True):
            edge = self.fan[self.sources.index(pixel)]
            width = edge.get_stroke_width()
            lifted = line.copy().scale(0.6).move_to(edge.point_from_proportion(0.5))
            self.play(
                FadeIn(lifted, scale=0.5),
                edge.animate.set_stroke(width=width + 3),
                run_time=0.7,
            )
            self.play(
                ReplacementTransform(lifted, line),
                edge.animate.set_stroke(width=width),
                run_time=1.1,
            )
        self.play(FadeIn(self.rest), run_time=0.8)
        self.play(FadeIn(self.sum_tex, shift=0.2 * DOWN))
        self.wait(1)

    def pair(self, weights: np.ndarray, scale: float | None = None) -> WeightGrid:
        return WeightGrid(weights, self.palette, GRID_HEIGHT, scale=scale).move_to(WEIGHTS_AT)

    def show_weight_grid(self) -> None:
        """Moment: the drawn connections rearrange into the 28×28 grid over the digit."""
        p, digit, diagram = self.palette, self.inputs.digit, self.diagram
        self.step(
            "weights-as-grid",
            inputs=self.w.size,
            side=IMAGE_SIDE,
            positive=p.positive_name,
            negative=p.negative_name,
            total=self.result.weighted_sum,
        )
        self.digit_grid = PixelGrid(digit.pixels, p, height=GRID_HEIGHT).move_to(OVERLAY_AT)
        self.weight_grid = self.pair(self.w).move_to(OVERLAY_AT)
        # Each drawn connection becomes its weight's square; each input neuron, its pixel
        # (the drawn inputs are the diagram's DRAWN_PIXELS).
        cells = drawn_pixel_cells()
        squares = self.weight_grid.cell_squares(cells)
        self.weight_grid.set_opacity(OVERLAY_OPACITY)
        self.marks = self.digit_grid.cell_squares(cells).set_fill(opacity=0)
        self.marks.set_stroke(p.highlight, 1.5).set_z_index(1)
        inputs = diagram.layers[0]
        kept = {id(m) for m in [*self.fan, *inputs]}
        rest = [m for m in diagram.get_family() if not m.submobjects and id(m) not in kept]
        self.play(
            *(FadeOut(m) for m in rest),
            FadeOut(self.ring),
            FadeOut(self.more),
            run_time=1.0,
        )
        self.remove(diagram)
        self.add(*self.fan, *inputs)
        self.fan.set_z_index(0.5)  # the squares land on top of the digit
        self.play(
            FadeIn(self.digit_grid),
            *(Transform(e, sq) for e, sq in zip(self.fan, squares, strict=True)),
            *(ReplacementTransform(n, m) for n, m in zip(inputs, self.marks, strict=True)),
            run_time=2.0,
        )
        # The grid takes over from the squares: they are its cells at the drawn pixels.
        self.play(FadeIn(self.weight_grid), FadeOut(self.fan), run_time=1.5)
        self.bring_to_front(self.marks)
        self.wait(1)

    def sum_readout(self, name: str, value: float) -> VGroup:
        p = self.palette
        readout = VGroup(
            label(name, TYPE.label, p.muted),
            tex(tex_number(value), font_size=TYPE.formula, palette=p),
        ).arrange(DOWN, buff=0.2)
        readout[1].set_color(p.highlight)
        return readout.move_to(READOUT_AT)

    def detector_box(self, centre: tuple[float, float], surround: float) -> Rectangle:
        """The patch (and its bands) outlined on the digit."""
        grid = self.digit_grid
        across = LECTURE_DETECTOR.width + 2 * surround + 1
        along = LECTURE_DETECTOR.length + 1
        box = Rectangle(width=along * grid.cell_size, height=across * grid.cell_size)
        return box.set_stroke(self.palette.highlight, 2).move_to(grid.cell_center(*centre))

    def show_patch(self) -> None:
        digit = self.inputs.digit
        self.centre = LECTURE_DETECTOR.centre_on(digit.pixels)
        patch = LECTURE_DETECTOR.weights(self.centre, with_surround=False)
        self.patch_result = apply_neuron(patch, digit.pixels)
        self.step(
            "positive-patch",
            cells=int(np.count_nonzero(patch > 0)),
            weight=float(patch.max()),
            total=self.patch_result.weighted_sum,
            most=apply_neuron(patch, np.ones_like(digit.pixels)).weighted_sum,  # all-white image
        )
        grid = self.pair(patch, scale=1.0)
        # The trained neuron's grid lifts off the digit: weights on the left, × the digit.
        self.times = label("×", TYPE.formula, self.palette.text).move_to(
            (WEIGHTS_AT + DIGIT_AT) / 2
        )
        self.play(
            FadeOut(self.sum_block),
            FadeOut(self.marks),
            self.weight_grid.animate.move_to(WEIGHTS_AT).set_opacity(1.0),
            self.digit_grid.animate.move_to(DIGIT_AT),
            FadeIn(self.times),
            run_time=1.5,
        )
        self.box = self.detector_box(self.centre, 0.0)
        readout = self.sum_readout("weighted sum", self.patch_result.weighted_sum)
        self.play(
            FadeOut(self.weight_grid),
            FadeIn(grid),
            FadeIn(self.box),
            FadeIn(readout),
        )
        self.weight_grid, self.readout = grid, readout
        self.wait(2.5)

    def show_surround(self) -> None:
        digit, p = self.inputs.digit, self.palette
        detector = LECTURE_DETECTOR.weights(self.centre)
        self.edge_result = apply_neuron(detector, digit.pixels)
        self.white_result = apply_neuron(detector, np.ones_like(digit.pixels))
        self.step(
            "negative-surround",
            negative=p.negative_name,
            edge=self.edge_result.weighted_sum,
            white=self.white_result.weighted_sum,
        )
        grid = self.pair(detector, scale=1.0)
        box = self.detector_box(self.centre, LECTURE_DETECTOR.surround)
        on_digit = self.sum_readout("on this digit", self.edge_result.weighted_sum)
        on_white = self.sum_readout("on a blank white image", self.white_result.weighted_sum)
        on_white.scale(0.8)
        VGroup(on_digit, on_white).arrange(DOWN, buff=0.6).move_to(READOUT_AT)
        self.play(
            FadeOut(self.weight_grid),
            FadeOut(self.readout),
            FadeOut(self.box),
            FadeIn(grid),
            FadeIn(box),
            FadeIn(on_digit),
        )
        self.play(FadeIn(on_white))
        self.readouts = VGroup(on_digit, on_white)
        self.wait(3)
