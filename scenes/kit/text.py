"""Text and numbers that are cheap to animate, and a warning for text no font can draw.

Manim's Text and DecimalNumber glyphs keep the parsed SVG path they were built
from; every animation deep-copies it (about 1 ms a glyph). Dropping it once the
points exist makes a caption's copy some 50× cheaper and changes nothing drawn.

Manim draws text with Pango, which takes each character from the first installed font
that has it (fontconfig's fallback); a character no installed font has (an emoji the
fonts lack) comes out as an empty box, and nothing says so. :func:`missing_glyphs`
asks fontconfig which characters its fonts cover, and :func:`label` warns, naming the
text's place and the character.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from functools import cache
from typing import TypeVar

import numpy as np
from manim import DOWN, LEFT, DecimalNumber, Mobject, Text, VGroup, VMobjectFromSVGPath
from manim.utils.color import ParsableManimColor

from scenes.narration.numerals import PYTHON, Numerals, numerals

__all__ = [
    "decimal",
    "label",
    "lighten",
    "missing_glyphs",
    "use_numerals",
    "warn_missing_glyphs",
    "wrapped",
    "written",
]

M = TypeVar("M", bound=Mobject)


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


def label(
    text: str, font_size: float, color: ParsableManimColor, where: str | None = None
) -> Text:
    """A line of text, lightened (see :func:`lighten`).

    Parameters
    ----------
    text
        The words.
    font_size
        A Manim font size, normally one of :data:`~scenes.kit.type_scale.TYPE`'s.
    color
        Any colour Manim accepts: a ``ManimColor``, or a hex string such as ``"#FFFFFF"``.
    where
        Where the words come from (the script's step and field), to name it in a
        warning if a character of theirs has no glyph (:func:`warn_missing_glyphs`).

    Returns
    -------
    Text
        The text, cheap to copy and animate.
    """
    if where is not None:
        warn_missing_glyphs(text, where)
    return lighten(Text(text, font_size=font_size, color=color))


#: Variation selectors: they choose how the character before them looks, and are
#: not drawn themselves (no font needs a glyph for them).
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def _drawn(char: str) -> bool:
    """Whether ``char`` needs a glyph: not a space, a control or a format character."""
    code = ord(char)
    if any(low <= code <= high for low, high in _SELECTORS):
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


@cache
def _covered() -> frozenset[int] | None:
    """Every character some installed font has, as fontconfig (Pango's font source)
    reports it; None if fontconfig's ``fc-list`` cannot be asked."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{charset}\n"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    covered: set[int] = set()
    for span in listing.split():  # "20-7e a0-17f 192 …": hex ranges and single characters
        low, _, high = span.partition("-")
        try:
            covered.update(range(int(low, 16), int(high or low, 16) + 1))
        except ValueError:
            continue
    return frozenset(covered)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that no installed font has: Pango
    draws them as empty boxes. Empty when fontconfig cannot be asked."""
    if text.isascii():
        return []  # every installed font has ASCII: fontconfig need not be asked
    covered = _covered()
    if covered is None:
        return []
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) >= 0x80 and _drawn(char) and ord(char) not in covered:
            seen.setdefault(char)
    return list(seen)


_WARNED: set[tuple[str, str]] = set()


def warn_missing_glyphs(text: str, where: str) -> None:
    """One warning on the console (once a process for each place and character) for
    each character of ``text`` no installed font has, naming ``where`` it comes from."""
    for char in missing_glyphs(text):
        if (where, char) in _WARNED:
            continue
        _WARNED.add((where, char))
        name = unicodedata.name(char, "")
        print(
            f"warning: {where}: no installed font has {char} (U+{ord(char):04X}"
            f"{' ' + name if name else ''}); it is drawn as an empty box (remove it, or "
            "install a font that has it)",
            file=sys.stderr,
            flush=True,
        )


def wrapped(
    text: str,
    width: float,
    size: float,
    color: ParsableManimColor,
    aligned_edge: np.ndarray = LEFT,
) -> VGroup:
    """``text`` as lines no wider than ``width`` (frame units), broken between words.

    The script's notes are one line of words; where they break depends on the room the
    layout leaves and on the language (German words run longer). Text that fits stays
    one line, drawn exactly as :func:`label` draws it.
    """
    lines: list[str] = []
    for word in text.split():
        if lines and label(f"{lines[-1]} {word}", size, color).width <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return VGroup(*(label(line, size, color) for line in lines)).arrange(
        DOWN, aligned_edge=aligned_edge, buff=0.12
    )


#: How the scene's language writes numbers (0,77 in German): set by the scene from its
#: script before anything is drawn (``LectureScene.setup``), Python's notation until then.
_NUMERALS: list[Numerals] = [PYTHON]


def use_numerals(language: str) -> None:
    """Write every number drawn from now on as ``language`` writes it."""
    _NUMERALS[0] = numerals(language)


def written(text: str) -> str:
    """``text``'s numerals (Python's notation) as the scene's language writes them."""
    return _NUMERALS[0].written(text)


class _LocalDecimal(DecimalNumber):
    """A DecimalNumber in the scene language's numerals (its comma is set low, as Manim
    sets a thousands comma)."""

    def _get_num_string(self, number: float | complex) -> str:
        return written(super()._get_num_string(number))


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
    number = _LocalDecimal(value, num_decimal_places=places, font_size=font_size, color=color)
    return lighten(number)
