"""Storyboard section 9: what the trained first-layer neurons actually look for.

The honest answer to section 5: the 784 real incoming weights of each of the 16
first-hidden-layer neurons, drawn as 28×28 grids on one common colour scale.

Render: ``manim render scenes/first_layer.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Group, Square, VGroup

from network.analysis import most_exciting, strongest_neuron, weight_scale
from network.data import IMAGE_SIDE
from network.detector import apply_neuron
from network.training import accuracy
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.scene import LectureScene
from scenes.kit.text import decimal, label

__all__ = ["WhatNeuronsSee"]

GRID_HEIGHT = 1.5


class WhatNeuronsSee(LectureScene):
    """One neuron's weights, then all 16, then the digit that excites one most."""

    STEPS = ("one-neuron", "all-neurons", "most-exciting", "honest-answer")

    def construct(self) -> None:
        self.weights = self.lecture.network.weights[0]
        self.scale = weight_scale(self.weights)
        self.neuron = strongest_neuron(self.lecture.digit.trace, 1)
        self.show_one_neuron()
        self.show_all_sixteen()
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
            rows.add(VGroup(swatch, label(text, 24, p.text)).arrange(RIGHT, buff=0.2))
        bright = label("brighter = larger |weight|", 24, p.muted)
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
        self.single.move_to([-2.2, -0.35, 0])
        self.key = self.legend().next_to(self.single, RIGHT, buff=0.8)
        self.play(FadeIn(self.single), FadeIn(self.key))
        self.wait(2.5)

    def show_all_sixteen(self) -> None:
        n, p = self.weights.shape[0], self.palette
        self.step("all-neurons", count=n, positive=p.positive_name, negative=p.negative_name)
        cells = []
        for j in range(n):
            grid = WeightGrid(
                self.weights[j], self.palette, GRID_HEIGHT, scale=self.scale, lines=False
            )
            name = label(str(j), 22, self.palette.muted).next_to(grid, UP, buff=0.08)
            cells.append(Group(grid, name))
        self.grids = Group(*cells).arrange_in_grid(rows=2, buff=(0.25, 0.45))
        self.grids.move_to([0, -0.2, 0])
        self.play(FadeOut(self.key), self.single.animate.replace(cells[self.neuron][0]))
        self.remove(self.single)
        self.play(FadeIn(self.grids, lag_ratio=0.05), run_time=2)
        self.wait(3)

    def show_most_exciting(self) -> None:
        k = self.neuron
        val = self.lecture.validation()
        row = most_exciting(self.lecture.network, val, k)
        self.exciter = self.lecture.validation_digits([row])[0]
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
        pair = Group(weights, digit).arrange(RIGHT, buff=1.2).move_to([0, 0.0, 0])
        times = label("×", 48, p.text).move_to(pair)
        total = VGroup(
            label("weighted sum =", 30, p.text),
            decimal(self.exciter_sum.weighted_sum, 44, p.highlight),
        ).arrange(RIGHT, buff=0.2)
        total.next_to(pair, DOWN, buff=0.4)
        self.focus = Group(pair, times, total)
        self.play(FadeOut(self.grids))
        self.play(FadeIn(pair), FadeIn(times))
        self.play(FadeIn(total))
        self.wait(3)

    def give_honest_answer(self) -> None:
        self.share = accuracy(self.lecture.network, self.lecture.validation())
        self.step("honest-answer", share=self.share)
        self.play(FadeOut(self.focus), FadeIn(self.grids))
        self.wait(3)
