"""One type scale: font sizes by the role a text plays, not typed per call.

Sizes are Manim font sizes (48 is Manim's default body size). The smallest,
``small``, is the floor for anything a viewer must read: at 480p its lower-case
letters are about eight pixels high, still legible on a projector. Tests check
every text on screen at the end of every step against ``MIN_READABLE``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MIN_READABLE", "TYPE", "TypeScale"]


@dataclass(frozen=True)
class TypeScale:
    """Font sizes by role, largest first."""

    display: float = 56  # the one big formula or symbol a step is about
    formula: float = 40  # equations and sums being explained
    value: float = 36  # a number read off the network (an answer, a sum)
    body: float = 30  # a sentence or phrase on screen
    headline: float = 28  # the step's one-line headline (LectureScene draws it)
    label: float = 24  # names beside things: neurons, legends, axes' words, counts
    small: float = 20  # the least a viewer must still read: counts under columns, notes


TYPE = TypeScale()
#: Texts smaller than this (after any scaling) are refused by the layout tests.
MIN_READABLE = 18.0
