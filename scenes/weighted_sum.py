"""Storyboard section 6: one neuron's weighted sum, its weights as a grid, an edge detector.

Render: ``manim render scenes/weighted_sum.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Line,
    Rectangle,
    VGroup,
)

from network.analysis import strongest_neuron
from network.data import IMAGE_SIDE
from network.detector import LECTURE_DETECTOR, apply_neuron, largest_terms
from scenes.kit.diagram import DRAWN_PIXELS, drawn_pixel_cells, edge_style
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.maths import tex, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.text import label

__all__ = ["WeightedSum"]

GRID_HEIGHT = 4.2
WEIGHTS_AT = np.array([-4.4, -0.4, 0.0])
DIGIT_AT = np.array([0.4, -0.4, 0.0])


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
        digit = self.lecture.digit
        self.neuron = strongest_neuron(digit.trace, 1)
        self.w = self.lecture.network.weights[0][self.neuron]
        self.show_one_neuron()
        self.write_weighted_sum()
        self.show_weight_grid()
        self.show_patch()
        self.show_surround()

    def show_one_neuron(self) -> None:
        p, digit, k = self.palette, self.lecture.digit, self.neuron
        self.step(
            "one-neuron",
            neuron=k,
            inputs=self.w.size,
            activation=float(digit.trace.activations[1][k]),
        )
        self.digit_grid = PixelGrid(digit.pixels, p, height=GRID_HEIGHT).move_to(WEIGHTS_AT)
        self.cell = Circle(radius=0.45).set_stroke(p.neuron_stroke, 2)
        self.cell.set_fill(p.neuron_fill, opacity=float(digit.trace.activations[1][k]))
        self.cell.move_to([3.6, -0.4, 0])
        name = label(f"neuron {k}", 26, p.text).next_to(self.cell, DOWN, buff=0.2)
        drawn = self.w[list(DRAWN_PIXELS)]
        scale = float(np.max(np.abs(drawn)))
        self.wires = VGroup()
        cells = drawn_pixel_cells()
        for cell, weight in zip(cells, drawn, strict=True):
            style = edge_style(float(weight), scale)
            start = self.digit_grid.cell_center(*cell)
            self.wires.add(
                Line(start, self.cell.get_left(), stroke_width=style.width)
                .set_stroke(p.signed_color(weight), opacity=style.opacity)
                .set_z_index(-1)
            )
        # The wires run behind the opaque grid, so their pixels are marked on top of it.
        self.sources = self.digit_grid.cell_squares(cells).set_fill(opacity=0)
        self.sources.set_stroke(p.highlight, 1.5).set_z_index(1)
        more = label(
            self.note("one-neuron", drawn=len(DRAWN_PIXELS), inputs=self.w.size), 22, p.muted
        ).to_edge(DOWN, buff=0.35)
        self.neuron_view = VGroup(self.cell, name, self.wires, self.sources, more)
        self.play(FadeIn(self.digit_grid), FadeIn(self.cell), FadeIn(name))
        self.play(
            FadeIn(self.sources), Create(self.wires, lag_ratio=0.05), FadeIn(more), run_time=1.5
        )
        self.wait(2)

    def write_weighted_sum(self) -> None:
        p, digit = self.palette, self.lecture.digit
        self.result = apply_neuron(self.w, digit.pixels)
        self.terms = largest_terms(self.w, digit.pixels)
        self.step(
            "weighted-sum",
            inputs=self.w.size,
            terms=len(self.terms),
            total=self.result.weighted_sum,
        )
        n = self.w.size
        formula = tex(
            rf"w_1 a_1 + w_2 a_2 + \cdots + w_{{{n}}} a_{{{n}}}", font_size=40, palette=p
        )
        lines = [
            rf"w_{{{i + 1}}} a_{{{i + 1}}} = {tex_number(self.w[i])} \times "
            rf"{tex_number(digit.pixels[i])} = {tex_number(self.w[i] * digit.pixels[i])}"
            for i in self.terms
        ]
        self.term_tex = [tex(line, font_size=32, palette=p) for line in lines]
        heading = label("largest terms:", 24, p.muted)
        self.sum_tex = tex(
            r"\textstyle\sum_i w_i a_i = " + tex_number(self.result.weighted_sum),
            font_size=40,
            palette=p,
        ).set_color(p.highlight)
        block = VGroup(formula, heading, *self.term_tex, self.sum_tex)
        block.arrange(DOWN, buff=0.3, aligned_edge=LEFT).move_to([2.6, -0.4, 0])
        heading.shift(0.1 * UP)
        self.sum_block = block
        self.play(FadeOut(self.neuron_view))
        self.play(FadeIn(formula))
        self.play(FadeIn(heading), *(FadeIn(t) for t in self.term_tex))
        self.play(FadeIn(self.sum_tex))
        self.wait(2.5)

    def pair(self, weights: np.ndarray, scale: float | None = None) -> WeightGrid:
        return WeightGrid(weights, self.palette, GRID_HEIGHT, scale=scale).move_to(WEIGHTS_AT)

    def show_weight_grid(self) -> None:
        p = self.palette
        self.step(
            "weights-as-grid",
            inputs=self.w.size,
            side=IMAGE_SIDE,
            positive=p.positive_name,
            negative=p.negative_name,
            total=self.result.weighted_sum,
        )
        self.weight_grid = self.pair(self.w)
        self.times = label("×", 48, p.text).move_to((WEIGHTS_AT + DIGIT_AT) / 2)
        self.play(FadeOut(self.sum_block), self.digit_grid.animate.move_to(DIGIT_AT))
        self.play(FadeIn(self.weight_grid), FadeIn(self.times))
        self.readout = self.sum_readout("weighted sum", self.result.weighted_sum)
        self.play(FadeIn(self.readout))
        self.wait(2.5)

    def sum_readout(self, name: str, value: float) -> VGroup:
        p = self.palette
        readout = VGroup(
            label(name, 26, p.muted), tex(tex_number(value), font_size=48, palette=p)
        ).arrange(DOWN, buff=0.2)
        readout[1].set_color(p.highlight)
        return readout.move_to([5.2, -0.4, 0])

    def detector_box(self, centre: tuple[float, float], surround: float) -> Rectangle:
        """The patch (and its bands) outlined on the digit."""
        grid = self.digit_grid
        across = LECTURE_DETECTOR.width + 2 * surround + 1
        along = LECTURE_DETECTOR.length + 1
        box = Rectangle(width=along * grid.cell_size, height=across * grid.cell_size)
        return box.set_stroke(self.palette.highlight, 2).move_to(grid.cell_center(*centre))

    def show_patch(self) -> None:
        digit = self.lecture.digit
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
        self.box = self.detector_box(self.centre, 0.0)
        readout = self.sum_readout("weighted sum", self.patch_result.weighted_sum)
        self.play(
            FadeOut(self.weight_grid),
            FadeOut(self.readout),
            FadeIn(grid),
            FadeIn(self.box),
            FadeIn(readout),
        )
        self.weight_grid, self.readout = grid, readout
        self.wait(2.5)

    def show_surround(self) -> None:
        digit, p = self.lecture.digit, self.palette
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
        VGroup(on_digit, on_white).arrange(DOWN, buff=0.6).move_to([5.2, -0.4, 0])
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
