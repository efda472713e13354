"""Small diagram pieces several scenes draw: arrows along a chain, a word in a box."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from manim import Arrow, ManimColor, Mobject, RoundedRectangle, VGroup, VMobject

from scenes.kit.text import label

__all__ = ["boxed", "boxed_label", "chain_arrows"]


def chain_arrows(parts: Sequence[Mobject], color: ManimColor, buff: float = 0.15) -> VGroup:
    """One arrow from each part to the next, edge to edge.

    Parameters
    ----------
    parts
        The pieces of a chain (an input, a box, an output…), already laid out left to right.
    color
        The arrows' colour.
    buff
        Gap between an arrow's ends and the parts it joins.

    Returns
    -------
    VGroup
        ``len(parts) - 1`` arrows, not added to anything: the scene decides when they show.
    """
    return VGroup(
        *(Arrow(a.get_right(), b.get_left(), buff=buff, color=color) for a, b in pairwise(parts))
    )


def boxed(
    content: VMobject, color: ManimColor, pad: float = 0.3, min_height: float = 1.0
) -> VGroup:
    """``content`` centred in a rounded box.

    Parameters
    ----------
    content
        What goes in the box (moved to the box's centre); a vector mobject, since the
        box and it form one VGroup.
    color
        The box's stroke colour.
    pad
        Room between the content and the box on every side.
    min_height
        The box is never shorter than this, so boxes of one-line words match in a row.

    Returns
    -------
    VGroup
        The box and the content, in that order.
    """
    box = RoundedRectangle(
        width=content.width + 2 * pad,
        height=max(min_height, content.height + 2 * pad),
        corner_radius=0.15,
    ).set_stroke(color, width=2)
    return VGroup(box, content.move_to(box))


def boxed_label(text: str, font_size: float, color: ManimColor, box_color: ManimColor) -> VGroup:
    """A word or phrase in a rounded box (see :func:`boxed`).

    Parameters
    ----------
    text
        The words.
    font_size
        Their Manim font size.
    color
        The words' colour.
    box_color
        The box's stroke colour.

    Returns
    -------
    VGroup
        The box and the text.
    """
    return boxed(label(text, font_size, color), box_color)
