"""Text and numbers that are cheap to animate.

Manim's Text and DecimalNumber glyphs keep the parsed SVG path they were built
from; every animation deep-copies it (about 1 ms a glyph). Dropping it once the
points exist makes a caption's copy some 50× cheaper and changes nothing drawn.
"""

from __future__ import annotations

from typing import TypeVar

from manim import DecimalNumber, Mobject, Text, VMobjectFromSVGPath
from manim.utils.color import ParsableManimColor

__all__ = ["decimal", "label", "lighten", "number_word"]

M = TypeVar("M", bound=Mobject)

WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)  # fmt: skip


def lighten(mobject: M) -> M:
    """Drop the parsed SVG path of every glyph in ``mobject``, in place.

    Manim reads a glyph's path only while making its points, but every copy (each
    animation makes some) deep-copies it; without it a copy is far cheaper.

    Parameters
    ----------
    mobject
        Text, a number or a formula, with its points already made.

    Returns
    -------
    M
        ``mobject`` itself, so a constructor's result can be passed straight through.
    """
    for member in mobject.get_family():
        if isinstance(member, VMobjectFromSVGPath) and member.path_obj is not None:
            member.path_obj = None
    return mobject


def label(text: str, font_size: float, color: ParsableManimColor) -> Text:
    """A line of text, lightened (see :func:`lighten`).

    Parameters
    ----------
    text
        The words.
    font_size
        A Manim font size, normally one of :data:`~scenes.kit.type_scale.TYPE`'s.
    color
        Any colour Manim accepts: a ``ManimColor``, or a hex string such as ``"#FFFFFF"``.

    Returns
    -------
    Text
        The text, cheap to copy and animate.
    """
    return lighten(Text(text, font_size=font_size, color=color))


def decimal(
    value: float, font_size: float, color: ParsableManimColor, places: int = 2
) -> DecimalNumber:
    """A number shown to ``places`` decimal places, lightened (see :func:`lighten`).

    Parameters
    ----------
    value
        The number.
    font_size
        A Manim font size.
    color
        Any colour Manim accepts.
    places
        Digits after the decimal point.

    Returns
    -------
    DecimalNumber
        The number, cheap to copy and animate.
    """
    number = DecimalNumber(value, num_decimal_places=places, font_size=font_size, color=color)
    return lighten(number)


def number_word(n: int) -> str:
    """A count as a caption says it: "two hidden layers", "ten numbers"; digits above ten."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)
