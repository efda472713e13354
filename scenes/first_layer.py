"""Storyboard section 9: what the trained first-layer neurons actually look for.

The honest answer to section 5: the 784 real incoming weights of each of the 16
first-hidden-layer neurons, drawn as 28×28 grids on one common colour scale. A wider
first layer is laid out in as many rows as fit the stage; beyond ``MAX_GRIDS`` a
thumbnail would be too small to read, so an evenly spread sample is shown and the
words say how many of how many. Which neurons, sums and numbers are shown is the
chapter's plan, ``lecture.chapters.first_layer``.

Render: ``manim render scenes/first_layer.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import math

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Group,
    Square,
    Text,
    VGroup,
)

from lecture.chapters.first_layer import Exciter, Layer, Sample, plan
from lecture.step import Step
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE, Stage
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["WhatNeuronsSee", "grid_layout"]

#: The largest thumbnail: the size the shipped 16 are drawn at (2 rows of 8 fill the width).
#: At most ``MAX_GRIDS`` thumbnails (the plan's choice) are drawn at once.
GRID_HEIGHT = 1.5
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

    PLAN = plan

    @property
    def layer(self) -> Layer:
        """The first layer's weights, their common scale, the featured neuron."""
        return self.chapter.shows

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

    def one_neuron(self, step: Step[None]) -> None:
        layer = self.layer
        self.single = WeightGrid(
            layer.weights[layer.neuron], self.palette, height=5.4, scale=layer.scale
        )
        self.key = self.legend().next_to(self.single, RIGHT, buff=0.8)
        STAGE.center_on(Group(self.single, self.key))
        self.play(FadeIn(self.single), FadeIn(self.key))
        self.wait(2.5)

    def all_neurons(self, step: Step[Sample]) -> None:
        p, layer, shown = self.palette, self.layer, step.shows.shown
        #: Each drawn neuron's grid and its name above it, by the neuron's index.
        self.names: dict[int, Text] = {j: label(str(j), NAME_SIZE, p.muted) for j in shown}
        rows, side = grid_layout(len(shown), STAGE, max(n.height for n in self.names.values()))
        self.thumbnails: dict[int, WeightGrid] = {}
        cells = []
        for j, name in self.names.items():
            grid = WeightGrid(layer.weights[j], p, side, scale=layer.scale, lines=False)
            self.thumbnails[j] = grid
            cells.append(Group(grid, name.next_to(grid, UP, buff=NAME_BUFF)))
        self.grids = Group(*cells).arrange_in_grid(rows=rows, buff=GRID_BUFF)
        STAGE.keep_inside(STAGE.center_on(self.grids))
        self.play(FadeOut(self.key), self.single.animate.replace(self.thumbnails[layer.neuron]))
        self.remove(self.single)
        self.play(FadeIn(self.grids, lag_ratio=0.05), run_time=2)
        self.wait(3)

    def most_exciting(self, step: Step[Exciter]) -> None:
        p, layer, exciter = self.palette, self.layer, step.shows
        weights = WeightGrid(layer.weights[layer.neuron], p, height=4.2, scale=layer.scale)
        #: The digit that excites the neuron most, beside its weights.
        self.exciter_grid = PixelGrid(exciter.digit.pixels, p, height=4.2)
        pair = Group(weights, self.exciter_grid).arrange(RIGHT, buff=1.2)
        times = label("×", TYPE.formula, p.text).move_to(pair)
        #: The weighted sum's value, as written under the pair.
        self.sum_value: DecimalNumber = decimal(exciter.weighted_sum, TYPE.formula, p.highlight)
        total = VGroup(label("weighted sum =", TYPE.body, p.text), self.sum_value).arrange(
            RIGHT, buff=0.2
        )
        total.next_to(pair, DOWN, buff=0.4)
        self.focus = STAGE.center_on(Group(pair, times, total))
        self.play(FadeOut(self.grids))
        self.play(FadeIn(pair), FadeIn(times))
        self.play(FadeIn(total))
        self.wait(3)

    def honest_answer(self, step: Step[None]) -> None:
        self.play(FadeOut(self.focus), FadeIn(self.grids))
        self.wait(3)
