"""The stage: the part of the frame a scene draws on, below the step's headline.

Scenes were laid out at coordinates tuned by eye for the shipped 784-16-16-10
network. A network of another shape makes wider grids, longer formulas and more
lines, so a scene that must adapt asks the stage how much room there is and keeps
what it draws inside, instead of trusting a typed frame edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import numpy as np
from manim import DL, DOWN, UP, UR, Mobject, config

from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = [
    "HEADLINE_BUFF",
    "HEADLINE_SIZE",
    "MARGIN",
    "STAGE",
    "Stage",
    "drop_below",
    "headline_band",
    "overlaps",
]

M = TypeVar("M", bound=Mobject)

#: Letters that reach highest and lowest in the headline font (ascenders above the
#: capitals, descenders, brackets): a headline's band is measured on these.
TALLEST = "Hbdfhklgjpqy()|"
#: Frame units left free at the frame's edges (and under the headline).
MARGIN = 0.2
#: Every step's headline: its size, and its distance from the frame's top.
HEADLINE_SIZE = TYPE.headline
HEADLINE_BUFF = 0.3


@cache
def headline_band() -> float:
    """Frame units the headline takes at the top: its buffer and the height of a
    headline-sized line of the tallest and deepest letters, so the stage does not move
    with the words of a step. Text height does not depend on the frame, so it is
    measured once."""
    return HEADLINE_BUFF + label(TALLEST, HEADLINE_SIZE, "#FFFFFF").height


@dataclass(frozen=True)
class Stage:
    """The frame less ``margin`` on every side and less the headline band at the top.

    The edges are read from Manim's config whenever they are asked for, not when the
    module is imported: a render (or a golden test's 854×480 frame, which is 14.23
    units wide where 1920×1080 is 14.22) lays out on the frame it draws.
    """

    margin: float = MARGIN

    @property
    def left(self) -> float:
        """The stage's left edge (frame units)."""
        return -config.frame_width / 2 + self.margin

    @property
    def right(self) -> float:
        """The stage's right edge."""
        return config.frame_width / 2 - self.margin

    @property
    def top(self) -> float:
        """The stage's top edge: below the headline's band."""
        return config.frame_height / 2 - headline_band() - self.margin

    @property
    def bottom(self) -> float:
        """The stage's bottom edge."""
        return -config.frame_height / 2 + self.margin

    @property
    def width(self) -> float:
        """The stage's width."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """The stage's height."""
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        """The stage's centre, an (x, y, 0) point."""
        return np.array([(self.left + self.right) / 2, (self.top + self.bottom) / 2, 0.0])

    @property
    def top_center(self) -> np.ndarray:
        """The middle of the stage's top edge."""
        return np.array([(self.left + self.right) / 2, self.top, 0.0])

    @property
    def bottom_center(self) -> np.ndarray:
        """The middle of the stage's bottom edge."""
        return np.array([(self.left + self.right) / 2, self.bottom, 0.0])

    def column(self, index: int, count: int) -> np.ndarray:
        """The centre of column ``index`` when the stage is cut into ``count`` equal columns
        (side-by-side pictures: ``column(0, 2)`` is the middle of the left half)."""
        x = self.left + (index + 0.5) * self.width / count
        return np.array([x, (self.top + self.bottom) / 2, 0.0])

    def center_on(self, mobject: M) -> M:
        """``mobject`` moved to the middle of the stage.

        Parameters
        ----------
        mobject
            Anything drawn; it is moved in place.

        Returns
        -------
        M
            ``mobject`` itself, so a layout reads as one expression.
        """
        return mobject.move_to(self.center)

    def to_top(self, mobject: M, buff: float = 0.0) -> M:
        """``mobject`` centred across the stage, its top ``buff`` below the stage's top.

        Parameters
        ----------
        mobject
            Anything drawn; it is moved in place.
        buff
            Room left between the stage's top and ``mobject``'s.

        Returns
        -------
        M
            ``mobject`` itself.
        """
        return mobject.move_to(self.top_center, aligned_edge=UP).shift(buff * DOWN)

    def to_bottom(self, mobject: M, buff: float = 0.0) -> M:
        """``mobject`` centred across the stage, its bottom ``buff`` above the stage's bottom.

        Parameters
        ----------
        mobject
            Anything drawn; it is moved in place.
        buff
            Room left between the stage's bottom and ``mobject``'s.

        Returns
        -------
        M
            ``mobject`` itself.
        """
        return mobject.move_to(self.bottom_center, aligned_edge=DOWN).shift(buff * UP)

    def fit(self, mobject: M) -> M:
        """``mobject`` shrunk (never grown) until it fits the stage, keeping its centre.

        A network wider than the shipped one makes wider pictures; this keeps them on
        screen without changing the layout of one that already fits.

        Parameters
        ----------
        mobject
            Anything drawn; it is scaled in place.

        Returns
        -------
        M
            ``mobject`` itself.
        """
        factor = min(1.0, self.width / mobject.width, self.height / mobject.height)
        return mobject.scale(factor) if factor < 1 else mobject

    def keep_inside(self, mobject: M) -> M:
        """Shift ``mobject`` the least distance that puts it inside (centred if too big).

        Parameters
        ----------
        mobject
            Anything drawn; it is moved in place, never scaled.

        Returns
        -------
        M
            ``mobject`` itself.
        """
        shift = np.zeros(3)
        for axis, low, high in ((0, self.left, self.right), (1, self.bottom, self.top)):
            lo, hi = mobject.get_left()[0], mobject.get_right()[0]
            if axis == 1:
                lo, hi = mobject.get_bottom()[1], mobject.get_top()[1]
            if hi - lo > high - low:
                shift[axis] = (low + high) / 2 - (lo + hi) / 2
            elif lo < low:
                shift[axis] = low - lo
            elif hi > high:
                shift[axis] = high - hi
        return mobject.shift(shift)


#: The stage with the lecture's margin: where scenes lay things out. Its edges follow
#: the frame of the render under way.
STAGE = Stage(MARGIN)


def overlaps(a: Mobject, b: Mobject, buff: float = 0.0) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` (grown by ``buff``) intersect.

    Parameters
    ----------
    a, b
        Anything drawn.
    buff
        How far apart the boxes must be to count as clear of each other.

    Returns
    -------
    bool
        True if they overlap (or come closer than ``buff``).
    """
    (ax0, ay0, _), (ax1, ay1, _) = a.get_critical_point(DL), a.get_critical_point(UR)
    (bx0, by0, _), (bx1, by1, _) = b.get_critical_point(DL), b.get_critical_point(UR)
    return ax0 < bx1 + buff and bx0 < ax1 + buff and ay0 < by1 + buff and by0 < ay1 + buff


def drop_below(mobject: M, obstacles: Mobject, buff: float = 0.1) -> M:
    """Move ``mobject`` down until it is ``buff`` clear of every drawn part of ``obstacles``.

    Parts are the leaves of ``obstacles`` that have points (circles, glyphs, lines), so
    a note may sit beside a diagram's labels but never on them; it only moves down.

    Parameters
    ----------
    mobject
        What must stay clear, usually a note; it is moved in place.
    obstacles
        What it must not cover.
    buff
        The least gap left.

    Returns
    -------
    M
        ``mobject`` itself.
    """
    parts = [m for m in obstacles.get_family() if not m.submobjects and m.has_points()]
    while hits := [m for m in parts if overlaps(mobject, m, buff)]:
        lowest = min(m.get_bottom()[1] for m in hits)
        mobject.shift((mobject.get_top()[1] - lowest + buff) * DOWN)
    return mobject
