"""Storyboard section 1: this is a three — and so are these, and these are not.

Render: ``manim render scenes/three.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, RIGHT, FadeIn, FadeOut, Group, VGroup

from lecture.inputs import Digit
from network.analysis import pixels_differ, rows_with_label
from network.data import IMAGE_SIDE
from scenes.kit.gallery import DigitCard, card_grid, size_braces
from scenes.kit.grids import PixelGrid
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["ThisIsAThree"]

N_ALIKE = 5  # other digits with the same label


class ThisIsAThree(LectureScene):
    """The configured digit, others like it, other digits, and the task."""

    # A user's image has no label: its steps say it is only the network's reading.
    STEPS = (
        "the-digit",
        "your-image",
        "alike",
        "alike-yours",
        "other-digits",
        "the-task",
        "answers",
        "answers-yours",
    )

    def construct(self) -> None:
        self.show_digit()
        self.show_alike()
        self.show_others()
        self.state_task()
        self.show_answers()

    @property
    def kind(self) -> int:
        """What the configured digit is: its label, or for a user's image the network's reading."""
        digit = self.inputs.digit
        return digit.label if digit.label is not None else digit.prediction

    def show_digit(self) -> None:
        digit = self.inputs.digit
        # A user's image has no label: only the network's reading, which may be wrong.
        self.step(
            "the-digit" if digit.label is not None else "your-image",
            kind=self.kind,
            side=IMAGE_SIDE,
            pixels=digit.pixels.size,
        )
        self.grid = STAGE.center_on(PixelGrid(digit.pixels, self.palette, height=5.4))
        self.braces = size_braces(self.grid, self.palette)
        self.play(FadeIn(self.grid), FadeIn(self.braces))
        self.wait(2)

    def show_alike(self) -> None:
        val = self.inputs.validation()
        rows = rows_with_label(val, self.kind, N_ALIKE)
        self.alike = [DigitCard(self.inputs.digit, self.palette, 1.7)]
        self.alike += [
            DigitCard(d, self.palette, 1.7) for d in self.inputs.validation_digits(rows)
        ]
        STAGE.to_top(card_grid(self.alike, rows=1), buff=0.35)
        ours = self.inputs.digit.pixels
        self.differ = [pixels_differ(ours, val.images[r]) for r in rows]
        self.step(
            "alike" if self.inputs.digit.label is not None else "alike-yours",
            kind=self.kind,
            count=len(rows),
            fewest=min(self.differ),
            most=max(self.differ),
            pixels=ours.size,
        )
        self.play(FadeOut(self.braces), self.grid.animate.replace(self.alike[0].grid))
        self.remove(self.grid)
        self.add(self.alike[0])
        self.play(FadeIn(Group(*self.alike[1:]), lag_ratio=0.2))
        self.wait(2)

    def show_others(self) -> None:
        kinds = [k for k in range(self.inputs.network.sizes[-1]) if k != self.kind]
        self.step("other-digits", count=len(kinds))
        rows = [rows_with_label(self.inputs.validation(), k, 1)[0] for k in kinds]
        self.others = [
            DigitCard(d, self.palette, 1.15) for d in self.inputs.validation_digits(rows)
        ]
        # Room below for the answers revealed under each card at the end.
        STAGE.to_bottom(card_grid(self.others, rows=1, buff=0.3), buff=0.6)
        self.play(FadeIn(Group(*self.others), lag_ratio=0.1))
        self.wait(2)

    def state_task(self) -> None:
        self.step(
            "the-task",
            pixels=self.inputs.digit.pixels.size,
            digits=self.inputs.network.sizes[-1],
        )
        cards = Group(*self.alike, *self.others)
        self.play(FadeOut(cards))
        digit = self.inputs.digit
        grid = PixelGrid(digit.pixels, self.palette, height=2.6, lines=False)
        numbers = self.pixel_column(digit)
        program = boxed(self.lines("program", "?"), self.palette.highlight, pad=0.4)
        last = self.inputs.network.sizes[-1] - 1
        output = self.lines("one digit", f"0 1 2 … {last}")
        parts = [grid, numbers, program, output]
        STAGE.center_on(Group(*parts).arrange(RIGHT, buff=1.0))
        arrows = chain_arrows(parts, self.palette.muted)
        remark = STAGE.to_bottom(
            label(self.note("the-task"), TYPE.body, self.palette.highlight), buff=0.3
        )
        self.task = Group(*parts, arrows, remark)
        for part, arrow in zip(parts, [*arrows, None], strict=True):
            self.play(FadeIn(part), *([FadeIn(arrow)] if arrow else []), run_time=0.7)
        self.play(FadeIn(remark))
        self.wait(2.5)

    def lines(self, *texts: str) -> VGroup:
        return VGroup(*(label(t, TYPE.body, self.palette.text) for t in texts)).arrange(
            DOWN, buff=0.12
        )

    def pixel_column(self, digit: Digit) -> VGroup:
        """A few of the digit's real pixel values, top to bottom, with ⋮ and a count."""
        inked = [i for i, v in enumerate(digit.pixels) if v > 0][:4]
        values = VGroup(*(decimal(digit.pixels[i], TYPE.label, self.palette.text) for i in inked))
        dots = label("⋮", font_size=TYPE.body, color=self.palette.text)
        column = VGroup(*values, dots).arrange(DOWN, buff=0.15)
        count = label(
            f"{len(digit.pixels)} numbers", font_size=TYPE.label, color=self.palette.muted
        )
        count.next_to(column, DOWN, buff=0.2)
        self.column_pixels = inked
        self.column_values = values
        return VGroup(column, count)

    def show_answers(self) -> None:
        cards = [*self.alike, *self.others]
        # A user's image has no label: its answer is neither right nor wrong.
        labelled = [c.digit for c in cards if c.digit.label is not None]
        wrong = sum(d.is_wrong for d in labelled)
        self.step(
            "answers" if self.inputs.digit.label is not None else "answers-yours",
            total=len(labelled),
            right=len(labelled) - wrong,
            wrong=wrong,
            answer=self.inputs.digit.prediction,
        )
        self.play(FadeOut(self.task), FadeIn(Group(*cards)))
        self.play(*(FadeIn(c.reveal()) for c in cards), run_time=1.2)
        self.wait(3)
