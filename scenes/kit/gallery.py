"""Digits side by side, each with what the network answered: the lecture's thumbnails."""

from __future__ import annotations

from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    UP,
    Animation,
    AnimationGroup,
    Brace,
    Circumscribe,
    Group,
    Indicate,
    Mobject,
    SurroundingRectangle,
    VGroup,
)

from lecture.inputs import Digit
from lecture.palette import Palette
from scenes.kit.grids import PixelGrid
from scenes.kit.text import label
from scenes.kit.type_scale import MIN_READABLE, TYPE

__all__ = ["DigitCard", "card_grid", "right_verdicts", "size_braces", "wrong_marks"]


def size_braces(grid: PixelGrid, palette: Palette, font_size: float = TYPE.label) -> VGroup:
    """Braces above and left of a grid, labelled with its column and row counts.

    Parameters
    ----------
    grid
        The digit whose size is shown.
    palette
        The lecture's colours.
    font_size
        The counts' font size.

    Returns
    -------
    VGroup
        The top brace, the left brace, the column count and the row count.
    """
    top = Brace(grid, UP, buff=0.08, color=palette.muted)
    left = Brace(grid, LEFT, buff=0.08, color=palette.muted)
    rows, cols = grid.pixels.shape
    return VGroup(
        top,
        left,
        label(str(cols), font_size=font_size, color=palette.text).next_to(top, UP, buff=0.08),
        label(str(rows), font_size=font_size, color=palette.text).next_to(left, LEFT, buff=0.08),
    )


class DigitCard(Group):
    """A thumbnail of one digit; ``reveal(words)`` adds the network's answer below it.

    The card holds no words of its own: the scene gives the verdict, from its script
    (the plan's note for the digit). A wrong answer is said in words ("reads 7, is 9")
    and framed in the palette's wrong colour, so it does not rely on colour alone.

    Parameters
    ----------
    digit
        The digit, with the network's answer and (if known) its label.
    palette
        The lecture's colours.
    height
        The thumbnail's height in frame units.
    """

    def __init__(self, digit: Digit, palette: Palette, height: float = 1.6) -> None:
        self.digit = digit
        self.palette = palette
        self.grid = PixelGrid(digit.pixels, palette, height, lines=False)
        super().__init__(self.grid)
        self.verdict: VGroup | None = None

    @property
    def font_size(self) -> float:
        """The verdict's font size: in proportion to the card, never below readable."""
        return max(MIN_READABLE, 13.0 * self.grid.height)

    def answer(self, words: str) -> VGroup:
        """The verdict mobjects (not yet added): ``words``, the answer as the script says
        it, in the colour of a right, wrong or unjudged answer and, if wrong, a frame."""
        d, p = self.digit, self.palette
        if d.label is None:
            color = p.text
        else:
            color = p.wrong if d.is_wrong else p.right
        text = label(words, font_size=self.font_size, color=color)
        text.next_to(self.grid, DOWN, buff=0.1)
        verdict = VGroup(text)
        if d.is_wrong:
            verdict.add(SurroundingRectangle(self.grid, color=p.wrong, buff=0.05))
        return verdict

    def reveal(self, words: str) -> VGroup:
        """The verdict saying ``words``, remembered on the card for tests; the scene fades
        it in."""
        self.verdict = self.answer(words)
        return self.verdict


def card_grid(cards: Sequence[Mobject], rows: int, buff: float = 0.45) -> Group:
    """Cards laid out in ``rows`` rows, left to right, top to bottom.

    Parameters
    ----------
    cards
        The cards (usually :class:`DigitCard`), in reading order.
    rows
        How many rows.
    buff
        The gap between cards across; the gap between rows is 0.35 more, for each card's
        verdict below it.

    Returns
    -------
    Group
        A new group of the cards, arranged around the origin.
    """
    group = Group(*cards)
    group.arrange_in_grid(rows=rows, buff=(buff, buff + 0.35))
    return group


def right_verdicts(cards: Sequence[DigitCard], palette: Palette) -> AnimationGroup:
    """Each labelled card's verdict pointed at in turn: said when every answer is right
    (an unlabelled image's answer is neither, so it is passed over).

    Parameters
    ----------
    cards
        The cards, their verdicts already revealed.
    palette
        The lecture's colours: the verdicts flash in its highlight colour.
    """
    return AnimationGroup(
        *(
            Indicate(c.verdict[0], color=palette.highlight)
            for c in cards
            if c.verdict is not None and c.digit.label is not None
        ),
        lag_ratio=0.1,
    )


def wrong_marks(cards: Sequence[DigitCard], palette: Palette) -> list[Animation]:
    """A circle drawn round each card the network reads wrong, with its verdict (none
    when every answer is right, so nothing moves that the words do not name).

    Parameters
    ----------
    cards
        The cards, their verdicts already revealed.
    palette
        The lecture's colours: the circles are drawn in its colour for wrong answers.
    """
    return [
        Circumscribe(Group(c, *(c.verdict or [])), color=palette.wrong)
        for c in cards
        if c.digit.is_wrong
    ]
