"""Text and numbers that are cheap to animate.

Manim's Text and DecimalNumber glyphs keep the parsed SVG path they were built
from; every animation deep-copies it (about 1 ms a glyph). Dropping it once the
points exist makes a caption's copy some 50× cheaper and changes nothing drawn.
"""

from __future__ import annotations

from manim import DecimalNumber, ManimColor, Mobject, Text

__all__ = ["decimal", "label", "lighten", "number_word"]

WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)  # fmt: skip


def lighten(mobject: Mobject) -> Mobject:
    for member in mobject.get_family():
        if getattr(member, "path_obj", None) is not None:
            member.path_obj = None
    if isinstance(mobject, DecimalNumber):
        mobject.string_to_mob_map = {}
    return mobject


def label(text: str, font_size: float, color: ManimColor) -> Text:
    return lighten(Text(text, font_size=font_size, color=color))


def decimal(value: float, font_size: float, color: ManimColor, places: int = 2) -> DecimalNumber:
    number = DecimalNumber(value, num_decimal_places=places, font_size=font_size, color=color)
    return lighten(number)


def number_word(n: int) -> str:
    """A count as a caption says it: "two hidden layers", "ten numbers"; digits above ten."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)
