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

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Circumscribe,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    LaggedStart,
    Mobject,
    Rectangle,
    Square,
    Text,
    VGroup,
    there_and_back,
)

from lecture.chapters.first_layer import PATCH, Exciter, Layer, Patches, Sample, plan
from lecture.step import Step
from scenes.kit.animations import built
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


#: Room kept free under the thumbnails for the note that says what the boxes mark.
NOTE_ROOM = 0.55
#: The designed detector is drawn under the thumbnails, this far below them, when there is
#: room for it at least ``DETECTOR_LEAST`` high (at most a thumbnail's size).
DETECTOR_BUFF = 0.1
DETECTOR_LEAST = 1.0


def grid_layout(
    count: int, area: Stage, name_height: float, reserve: float = 0.0
) -> tuple[int, float]:
    """Rows and thumbnail height that draw ``count`` named grids largest inside ``area``,
    less ``reserve`` at its bottom.

    Every row count is tried; the thumbnail is as large as the width (columns) and
    the height (rows, each with its name above) allow, at most ``GRID_HEIGHT``. On a
    tie the fewer rows win, which keeps the shipped 16 in two rows of eight.
    """
    best_rows, best_side = 1, 0.0
    gap_x, gap_y = GRID_BUFF
    height = area.height - reserve
    for rows in range(1, count + 1):
        cols = math.ceil(count / rows)
        across = (area.width - (cols - 1) * gap_x) / cols
        down = (height - (rows - 1) * gap_y) / rows - name_height - NAME_BUFF
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

    def legend(self, step: Step[None]) -> VGroup:
        """The key to the weights' colours: a swatch and its words for each sign, and
        what brightness says (the step's notes)."""
        p = self.palette
        rows = VGroup()
        for color, name in ((p.positive, "adds"), (p.negative, "subtracts")):
            swatch = Square(0.3).set_fill(color, 1).set_stroke(width=0)
            text = self.note(step.notes[name])
            rows.add(VGroup(swatch, label(text, TYPE.label, p.text)).arrange(RIGHT, buff=0.2))
        bright = label(self.note(step.notes["brighter"]), TYPE.label, p.muted)
        return VGroup(*rows, bright).arrange(DOWN, buff=0.25, aligned_edge=LEFT)

    def one_neuron(self, step: Step[None]) -> None:
        layer = self.layer
        self.single = WeightGrid(
            layer.weights[layer.neuron], self.palette, height=5.4, scale=layer.scale
        )
        self.key = self.legend(step).next_to(self.single, RIGHT, buff=0.8)
        STAGE.center_on(Group(self.single, self.key))
        # The grid as the weights are named; the key's rows as their colours are explained;
        # the grid pointed at again as reading weights is said to be worth it.
        self.cue("grid")
        self.play(FadeIn(self.single), run_time=self.fill(1.0))
        self.cue("legend")
        self.play(FadeIn(self.key[0]), run_time=self.fill(0.8))
        self.cue("negative")
        self.play(FadeIn(self.key[1:], lag_ratio=0.5), run_time=self.fill(1.0))
        self.cue("reading")
        self.play(Circumscribe(self.single, color=self.palette.highlight), run_time=self.fill(1.5))
        self.wait(0.5)

    def all_neurons(self, step: Step[Sample]) -> None:
        p, layer, shown = self.palette, self.layer, step.shows.shown
        #: Each drawn neuron's grid and its name above it, by the neuron's index.
        self.names: dict[int, Text] = {j: label(str(j), NAME_SIZE, p.muted) for j in shown}
        name_height = max(n.height for n in self.names.values())
        rows, side = grid_layout(len(shown), STAGE, name_height, reserve=NOTE_ROOM)
        self.thumbnails: dict[int, WeightGrid] = {}
        cells = []
        for j, name in self.names.items():
            grid = WeightGrid(layer.weights[j], p, side, scale=layer.scale, lines=False)
            self.thumbnails[j] = grid
            cells.append(Group(grid, name.next_to(grid, UP, buff=NAME_BUFF)))
        self.grids = Group(*cells).arrange_in_grid(rows=rows, buff=GRID_BUFF)
        # Centred in the stage above the room kept for the note under it.
        self.grids.move_to(STAGE.center + NOTE_ROOM / 2 * UP)
        STAGE.keep_inside(self.grids)
        self.play(FadeOut(self.key), self.single.animate.replace(self.thumbnails[layer.neuron]))
        self.remove(self.single)
        self.play(FadeIn(self.grids, lag_ratio=0.05), run_time=self.fill(2))
        self.detector: Group | None = None
        if step.shows.detector is not None:
            self.tidy_edge(step.shows.detector, step.shows.detector_corner)
        self.wait(0.5)

    def tidy_edge(self, weights: np.ndarray, corner: tuple[int, int]) -> None:
        """The designed detector over the veiled grids as a tidy edge is described, its
        patch boxed as its stroke is named; then the grids again, as they were."""
        p = self.palette
        veil = Rectangle(width=STAGE.width, height=STAGE.height).move_to(STAGE.center)
        veil.set_fill(p.background, opacity=0.85).set_stroke(width=0)
        # In the room left below the grids, at the stage's right edge: it covers no grid,
        # nor the verdict's note (centred under the grids). Over the veiled grids only
        # when a wide layer leaves no room there.
        room = self.grids.get_bottom()[1] - STAGE.bottom - DETECTOR_BUFF
        if room >= DETECTOR_LEAST:
            grid = WeightGrid(weights, p, height=min(GRID_HEIGHT, room), lines=False)
            grid.next_to(self.grids, DOWN, buff=DETECTOR_BUFF)
            grid.set_x(STAGE.right - grid.width / 2)
        else:
            grid = WeightGrid(weights, p, height=min(3.6, STAGE.height - 0.6))
            grid.move_to(self.grids)
        row, col = corner
        middle = (PATCH - 1) / 2
        box = Square(PATCH * grid.cell_size, color=p.highlight, stroke_width=3)
        box.move_to(grid.cell_center(row + middle, col + middle))
        #: The veil, the detector and its patch's box, shown again in the verdict.
        self.detector = Group(veil, grid, box)
        self.cue("tidy")
        self.play(FadeIn(veil), FadeIn(grid), run_time=self.fill(1.0))
        self.cue("stroke")
        self.play(Create(box), run_time=self.fill(1.0))
        self.play(FadeOut(self.detector), run_time=0.8)

    def most_exciting(self, step: Step[Exciter]) -> None:
        p, layer, exciter = self.palette, self.layer, step.shows
        weights = WeightGrid(layer.weights[layer.neuron], p, height=4.2, scale=layer.scale)
        #: The digit that excites the neuron most, beside its weights.
        self.exciter_grid = PixelGrid(exciter.digit.pixels, p, height=4.2)
        pair = Group(weights, self.exciter_grid).arrange(RIGHT, buff=1.2)
        times = label("×", TYPE.formula, p.text).move_to(pair)
        #: The weighted sum's value, as written under the pair.
        self.sum_value: DecimalNumber = decimal(exciter.weighted_sum, TYPE.formula, p.highlight)
        name = label(self.note(step.notes["sum"]), TYPE.body, p.text)
        total = VGroup(name, self.sum_value).arrange(RIGHT, buff=0.2)
        total.next_to(pair, DOWN, buff=0.4)
        self.focus = STAGE.center_on(Group(pair, times, total))
        self.play(FadeOut(self.grids), FadeIn(weights))
        # The digit as it is named; its sum as the match is said to make it the largest.
        self.cue("digit")
        self.play(FadeIn(self.exciter_grid), FadeIn(times), run_time=self.fill(1.0))
        self.cue("sum")
        self.play(FadeIn(total))
        self.play(Indicate(self.sum_value, color=p.highlight), run_time=self.fill(1.0))
        self.wait(0.5)

    def honest_answer(self, step: Step[Patches]) -> None:
        """Each drawn neuron's best patch boxed on its grid; the most compact one's box is
        pointed at and stays in the highlight colour."""
        p, found = self.palette, step.shows
        self.play(FadeOut(self.focus), FadeIn(self.grids))
        #: The box on each drawn neuron's grid, by neuron.
        self.boxes: dict[int, Square] = {}
        for j, grid in self.thumbnails.items():
            row, col = found.corners[j]
            middle = (found.side - 1) / 2
            box = Square(found.side * grid.cell_size, color=p.text, stroke_width=1.5)
            self.boxes[j] = box.move_to(grid.cell_center(row + middle, col + middle))
        self.patch_note = label(self.note(step.notes["patch"]), TYPE.small, p.muted)
        self.patch_note.next_to(self.grids, DOWN, buff=0.25)
        STAGE.keep_inside(self.patch_note)
        self.cue("boxes")
        self.play(
            LaggedStart(*(Create(b) for b in self.boxes.values()), lag_ratio=0.1),
            FadeIn(self.patch_note),
            run_time=self.fill(2),
        )
        # The designed detector again, as it is said to keep all its weight in one patch.
        away: list[Animation] = []
        if self.detector is not None:
            self.cue("detector")
            self.play(FadeIn(self.detector), run_time=self.fill(1.0))
            away = [FadeOut(self.detector)]
        if found.best in self.boxes:
            best = self.boxes[found.best]
            self.cue("best")
            if away:  # the detector goes first: it may cover the neuron pointed at
                self.play(*away, run_time=0.5)
            self.play(
                best.animate.set_stroke(p.highlight, width=3.5),
                Circumscribe(
                    Group(self.thumbnails[found.best], self.names[found.best]), color=p.highlight
                ),
                run_time=self.fill(1.5),
            )
        elif away:
            self.play(*away, run_time=0.5)
        # Those compact enough to be edges, as they are counted; then every box, as most
        # weight is said to lie outside it.
        tidy = [j for j in found.tidy if j in self.thumbnails]
        self.cue("tidy")
        if tidy:
            self.play(
                *(
                    Circumscribe(Group(self.thumbnails[j], self.names[j]), color=p.highlight)
                    for j in tidy
                ),
                run_time=self.fill(1.5),
            )
        self.cue("outside")
        self.play(
            LaggedStart(
                *(Indicate(b, color=p.highlight, scale_factor=1.15) for b in self.boxes.values()),
                lag_ratio=0.1,
            ),
            run_time=self.fill(2),
        )
        # The whole layer, as the network is said not to have climbed the ladder.
        self.cue("climb")
        self.play(Circumscribe(self.grids, color=p.highlight), run_time=self.fill(1.5))
        self.wait(0.5)

    def still_reads(self, step: Step[None]) -> None:
        """The headline's share pointed at as it is said; a wave runs over the grids as the
        patterns of the network's own are named."""
        self.cue("accuracy")
        assert self.caption is not None  # the step's headline, which gives the share
        self.play(
            Circumscribe(self.caption, color=self.palette.highlight), run_time=self.fill(1.0)
        )
        self.cue("own")
        self.play(
            LaggedStart(
                *(pulse(Group(grid, self.boxes[j])) for j, grid in self.thumbnails.items()),
                lag_ratio=0.08,
            ),
            run_time=self.fill(2.5),
        )
        self.wait(0.5)


def pulse(mobject: Mobject, factor: float = 1.08) -> Animation:
    """``mobject`` grows a little and back: pointed at, and left as it was (an image's
    pixels are not recoloured, as ``Indicate`` would)."""
    animation = built(mobject.animate.scale(factor))
    animation.rate_func = there_and_back
    return animation
