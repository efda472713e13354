"""Storyboard section 9: what the trained first-layer neurons actually look for.

The honest answer to section 5: the 784 real incoming weights of each of the 16
first-hidden-layer neurons, drawn as 28×28 grids on one common colour scale. A wider
first layer is laid out in as many rows as fit the stage; beyond ``MAX_GRIDS`` a
thumbnail would be too small to read, so an evenly spread sample is shown and the
words say how many of how many.

Render: ``manim render scenes/first_layer.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import math

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Group, Square, VGroup

from lecture.choices import spread_neurons, weight_scale
from network.analysis import most_exciting
from network.data import IMAGE_SIDE
from network.detector import apply_neuron
from network.training import accuracy
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE, Stage
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["MAX_GRIDS", "WhatNeuronsSee", "grid_layout"]

#: The largest thumbnail: the size the shipped 16 are drawn at (2 rows of 8 fill the width).
GRID_HEIGHT = 1.5
#: Most grids shown at once. 32 (4 rows of 8) are still about 1.1 units high, some 65 px
#: at 480p: the blotches and the neuron names stay readable. More would shrink every
#: thumbnail below that, so a wider layer is shown by a sample of this many.
MAX_GRIDS = 32
#: Gaps between thumbnails (across, down) and between a name and its grid.
GRID_BUFF = (0.25, 0.45)
NAME_BUFF = 0.08
NAME_SIZE = TYPE.small


def grid_layout(count: int, area: Stage, name_height: float) -> tuple[int, float]:
    """Rows and thumbnail height that draw ``count`` named grids largest inside ``area``.

    Every row count is tried; the thumbnail is as large as the width (columns) and
    the height (rows, each with its name above) allow, at most ``GRID_HEIGHT``. On a
    tie the fewer rows win, which keeps the shipped 16 in two rows of eight.
    """
    best_rows, best_side = 1, 0.0
    gap_x, gap_y = GRID_BUFF
    for rows in range(1, count + 1):
        cols = math.ceil(count / rows)
        across = (area.width - (cols - 1) * gap_x) / cols
        down = (area.height - (rows - 1) * gap_y) / rows - name_height - NAME_BUFF
        side = min(GRID_HEIGHT, across, down)
        if side > best_side + 1e-9:
            best_rows, best_side = rows, side
    return best_rows, best_side


class WhatNeuronsSee(LectureScene):
    """One neuron's weights, then all 16 (or a sample of a wider layer), then the digit
    that excites one most."""

    STEPS = ("one-neuron", "all-neurons", "all-neurons-sample", "most-exciting", "honest-answer")

    def construct(self) -> None:
        self.weights = self.inputs.network.weights[0]
        self.scale = weight_scale(self.weights)
        self.neuron = self.inputs.digit.featured_neuron
        self.show_one_neuron()
        self.show_all_neurons()
        self.show_most_exciting()
        self.give_honest_answer()

    def legend(self) -> VGroup:
        p = self.palette
        rows = VGroup()
        for color, text in (
            (p.positive, "weight > 0: adds"),
            (p.negative, "weight < 0: subtracts"),
        ):
            swatch = Square(0.3).set_fill(color, 1).set_stroke(width=0)
            rows.add(VGroup(swatch, label(text, TYPE.label, p.text)).arrange(RIGHT, buff=0.2))
        bright = label("brighter = larger |weight|", TYPE.label, p.muted)
        return VGroup(*rows, bright).arrange(DOWN, buff=0.25, aligned_edge=LEFT)

    def show_one_neuron(self) -> None:
        k, p = self.neuron, self.palette
        self.step(
            "one-neuron",
            neuron=k,
            weights=self.weights.shape[1],
            side=IMAGE_SIDE,
            positive=p.positive_name,
            negative=p.negative_name,
        )
        self.single = WeightGrid(self.weights[k], self.palette, height=5.4, scale=self.scale)
        self.key = self.legend().next_to(self.single, RIGHT, buff=0.8)
        STAGE.center_on(Group(self.single, self.key))
        self.play(FadeIn(self.single), FadeIn(self.key))
        self.wait(2.5)

    def show_all_neurons(self) -> None:
        n, p = self.weights.shape[0], self.palette
        #: The neurons drawn, in order: all of them, or an even sample with ours in it.
        self.shown = spread_neurons(n, MAX_GRIDS, keep=self.neuron)
        colours = {"positive": p.positive_name, "negative": p.negative_name}
        if len(self.shown) < n:
            self.step("all-neurons-sample", shown=len(self.shown), count=n, **colours)
        else:
            self.step("all-neurons", count=n, **colours)
        names = [label(str(j), NAME_SIZE, p.muted) for j in self.shown]
        rows, side = grid_layout(len(self.shown), STAGE, max(name.height for name in names))
        cells = []
        for j, name in zip(self.shown, names, strict=True):
            grid = WeightGrid(self.weights[j], p, side, scale=self.scale, lines=False)
            cells.append(Group(grid, name.next_to(grid, UP, buff=NAME_BUFF)))
        self.grids = Group(*cells).arrange_in_grid(rows=rows, buff=GRID_BUFF)
        STAGE.keep_inside(STAGE.center_on(self.grids))
        ours = cells[self.shown.index(self.neuron)][0]
        self.play(FadeOut(self.key), self.single.animate.replace(ours))
        self.remove(self.single)
        self.play(FadeIn(self.grids, lag_ratio=0.05), run_time=2)
        self.wait(3)

    def show_most_exciting(self) -> None:
        k = self.neuron
        val = self.inputs.validation()
        row = most_exciting(self.inputs.network, val, k)
        self.exciter = self.inputs.validation_digits([row])[0]
        self.exciter_sum = apply_neuron(self.weights[k], self.exciter.pixels)
        p = self.palette
        self.step(
            "most-exciting",
            count=len(val),
            neuron=k,
            label=self.exciter.label,
            sum=self.exciter_sum.weighted_sum,
            positive=p.positive_name,
            negative=p.negative_name,
        )
        weights = WeightGrid(self.weights[k], p, height=4.2, scale=self.scale)
        digit = PixelGrid(self.exciter.pixels, p, height=4.2)
        pair = Group(weights, digit).arrange(RIGHT, buff=1.2)
        times = label("×", TYPE.formula, p.text).move_to(pair)
        total = VGroup(
            label("weighted sum =", TYPE.body, p.text),
            decimal(self.exciter_sum.weighted_sum, TYPE.formula, p.highlight),
        ).arrange(RIGHT, buff=0.2)
        total.next_to(pair, DOWN, buff=0.4)
        self.focus = STAGE.center_on(Group(pair, times, total))
        self.play(FadeOut(self.grids))
        self.play(FadeIn(pair), FadeIn(times))
        self.play(FadeIn(total))
        self.wait(3)

    def give_honest_answer(self) -> None:
        self.share = accuracy(self.inputs.network, self.inputs.validation())
        self.step("honest-answer", share=self.share)
        self.play(FadeOut(self.focus), FadeIn(self.grids))
        self.wait(3)
