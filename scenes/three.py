"""Storyboard section 1: this is a three — and so are these, and these are not.

Render: ``manim render scenes/three.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    AnimationGroup,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    Line,
    Mobject,
    VGroup,
    smooth,
    squish_rate_func,
    there_and_back,
)

from lecture.chapters.three import Alike, Answers, Others, Task, plan
from lecture.step import Step
from scenes.kit.animations import built
from scenes.kit.gallery import DigitCard, card_grid, right_verdicts, size_braces, wrong_marks
from scenes.kit.grids import PixelGrid
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["ThisIsAThree"]


def wave(cards: Sequence[Mobject], factor: float = 1.06) -> AnimationGroup:
    """Each card swells a little and back, one after another: "every one of these"."""
    return AnimationGroup(
        *(built(c.animate.scale(factor)).set_rate_func(there_and_back) for c in cards),
        lag_ratio=0.15,
    )


class ThisIsAThree(LectureScene):
    """The configured digit, others like it, other digits, and the task."""

    PLAN = plan

    def the_digit(self, step: Step[None]) -> None:
        pixels = self.inputs.digit.pixels
        self.grid = STAGE.center_on(PixelGrid(pixels, self.palette, height=5.4))
        # First the digit as anyone sees it; then its grid of squares is drawn in as the
        # words name it, and settles into the grid's own lines as its size is said.
        seen = PixelGrid(pixels, self.palette, height=5.4, lines=False).move_to(self.grid)
        lines = self.grid_lines(self.grid)
        self.braces = size_braces(self.grid, self.palette)
        self.play(FadeIn(seen), run_time=self.fill(1.5))
        self.cue("grid")
        self.play(Create(lines, lag_ratio=0.3), run_time=self.fill(2))
        self.cue("braces")
        self.play(FadeIn(self.grid), FadeOut(lines), FadeIn(self.braces), run_time=self.fill(1))
        self.remove(seen)

    def grid_lines(self, grid: PixelGrid) -> VGroup:
        """The borders of the grid's squares as lines: rows top to bottom, then columns."""
        rows, cols = grid.pixels.shape
        left, right = grid.get_left()[0], grid.get_right()[0]
        top, bottom = grid.get_top()[1], grid.get_bottom()[1]
        size = grid.cell_size
        across = [
            Line((left, top - i * size, 0.0), (right, top - i * size, 0.0))
            for i in range(rows + 1)
        ]
        down = [
            Line((left + j * size, top, 0.0), (left + j * size, bottom, 0.0))
            for j in range(cols + 1)
        ]
        return VGroup(*across, *down).set_stroke(self.palette.highlight, width=1.5, opacity=0.8)

    def alike(self, step: Step[Alike]) -> None:
        self.alike_cards = [DigitCard(d, self.palette, 1.7) for d in step.shows.digits]
        STAGE.to_top(card_grid(self.alike_cards, rows=1), buff=0.35)
        self.play(FadeOut(self.braces), self.grid.animate.replace(self.alike_cards[0].grid))
        self.remove(self.grid)
        self.add(self.alike_cards[0])
        self.play(FadeIn(Group(*self.alike_cards[1:]), lag_ratio=0.2), run_time=self.fill(1))
        self.cue("differ")
        # The pixels where each example differs clearly from the first, lit for a moment.
        self.differ_marks = VGroup(
            *(
                self.apart_marks(card, apart)
                for card, apart in zip(self.alike_cards[1:], step.shows.apart, strict=True)
            )
        )
        self.play(FadeIn(self.differ_marks, lag_ratio=0.2), run_time=self.fill(1.2))
        self.cue("first")
        self.play(
            Circumscribe(self.alike_cards[0], color=self.palette.highlight),
            FadeOut(self.differ_marks, rate_func=squish_rate_func(smooth, 0.6, 1.0)),
            run_time=self.fill(1.5),
        )
        self.cue("same")
        self.play(wave(self.alike_cards), run_time=self.fill(1.5))

    def apart_marks(self, card: DigitCard, apart: np.ndarray) -> VGroup:
        """Squares over the card's pixels that differ clearly from the first digit's."""
        cells = [divmod(int(i), card.grid.pixels.shape[1]) for i in np.flatnonzero(apart)]
        squares = card.grid.cell_squares(cells)
        squares.set_fill(self.palette.highlight, opacity=0.75)
        return squares

    def other_digits(self, step: Step[Others]) -> None:
        self.others = [DigitCard(d, self.palette, 1.15) for d in step.shows.digits]
        # Room below for the answers revealed under each card at the end.
        STAGE.to_bottom(card_grid(self.others, rows=1, buff=0.3), buff=0.6)
        self.play(FadeIn(Group(*self.others), lag_ratio=0.1), run_time=self.fill(1.5))
        self.cue("apart")
        self.play(wave(self.others), run_time=self.fill(2))

    def the_task(self, step: Step[Task]) -> None:
        cards = Group(*self.alike_cards, *self.others)
        self.play(FadeOut(cards))
        grid = PixelGrid(self.inputs.digit.pixels, self.palette, height=2.6, lines=False)
        notes = step.notes
        numbers = self.pixel_column(step.shows, self.note(notes["numbers"]))
        program = boxed(
            self.lines(self.note(notes["program"]), "?"), self.palette.highlight, pad=0.4
        )
        output = self.lines(self.note(notes["answer"]), f"0 1 2 … {step.shows.last}")
        parts = [grid, numbers, program, output]
        STAGE.center_on(Group(*parts).arrange(RIGHT, buff=1.0))
        arrows = chain_arrows(parts, self.palette.muted)
        remark = STAGE.to_bottom(
            label(self.note(step.notes["remark"]), TYPE.body, self.palette.highlight), buff=0.3
        )
        self.task = Group(*parts, arrows, remark)
        moments = (None, "numbers", "program", "answer")
        for moment, part, arrow in zip(moments, parts, [*arrows, None], strict=True):
            if moment is not None:
                self.cue(moment)
            self.play(
                FadeIn(part, lag_ratio=0.3),
                *([FadeIn(arrow)] if arrow else []),
                run_time=self.fill(0.7 if moment is None else 1.0),
            )
        self.cue("remark")
        self.play(FadeIn(remark), run_time=self.fill(1))
        # The rules one would have to write go in the program: pointed at as they are named.
        self.cue("rules")
        self.play(Circumscribe(program, color=self.palette.highlight), run_time=self.fill(1.5))
        self.cue("learns")
        self.play(
            Indicate(program, scale_factor=1.1, color=self.palette.highlight),
            run_time=self.fill(1),
        )
        self.cue("examples")
        self.play(Circumscribe(grid, color=self.palette.highlight), run_time=self.fill(1.5))

    def lines(self, *texts: str) -> VGroup:
        return VGroup(*(label(t, TYPE.body, self.palette.text) for t in texts)).arrange(
            DOWN, buff=0.12
        )

    def pixel_column(self, task: Task, count_words: str) -> VGroup:
        """A few of the digit's real pixel values, top to bottom, with ⋮ and under them
        ``count_words``, how many numbers there are."""
        pixels = self.inputs.digit.pixels
        values = VGroup(*(decimal(pixels[i], TYPE.label, self.palette.text) for i in task.pixels))
        dots = label("⋮", font_size=TYPE.body, color=self.palette.text)
        column = VGroup(*values, dots).arrange(DOWN, buff=0.15)
        count = label(count_words, font_size=TYPE.label, color=self.palette.muted)
        count.next_to(column, DOWN, buff=0.2)
        #: The pixel values written, top to bottom (kept for tests).
        self.column_values = values
        return VGroup(column, count)

    def answers(self, step: Step[Answers]) -> None:
        cards = [*self.alike_cards, *self.others]
        verdicts = [self.note(v) for v in step.shows.verdicts]
        self.play(FadeOut(self.task), FadeIn(Group(*cards)))
        self.cue("verdicts")
        self.play(
            AnimationGroup(
                *(FadeIn(c.reveal(v)) for c, v in zip(cards, verdicts, strict=True)),
                lag_ratio=0.1,
            ),
            run_time=self.fill(1.2),
        )
        marks = wrong_marks(cards, self.palette)
        if marks:
            self.cue("wrong")
            self.play(*marks, run_time=self.fill(1))
        elif "right" in step.cues:
            # "it reads every one of them right": each labelled digit's verdict in turn.
            self.cue("right")
            self.play(right_verdicts(cards, self.palette), run_time=self.fill(1.5))
        self.cue("first")
        self.play(
            Circumscribe(self.alike_cards[0], color=self.palette.highlight),
            run_time=self.fill(1.5),
        )
        if "rest" in step.cues:
            self.cue("rest")
            self.play(wave(cards[1:]), run_time=self.fill(2))
