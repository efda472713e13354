"""Small diagram pieces several scenes draw: arrows along a chain, a word in a box."""

from __future__ import annotations

from itertools import pairwise

from manim import Arrow, ManimColor, Mobject, RoundedRectangle, VGroup

from scenes.kit.text import label

__all__ = ["boxed", "boxed_label", "chain_arrows"]


def chain_arrows(parts: list[Mobject], color: ManimColor, buff: float = 0.15) -> VGroup:
    """One arrow from each part to the next, edge to edge."""
    return VGroup(
        *(Arrow(a.get_right(), b.get_left(), buff=buff, color=color) for a, b in pairwise(parts))
    )


def boxed(
    content: Mobject, color: ManimColor, pad: float = 0.3, min_height: float = 1.0
) -> VGroup:
    """``content`` centred in a rounded box."""
    box = RoundedRectangle(
        width=content.width + 2 * pad,
        height=max(min_height, content.height + 2 * pad),
        corner_radius=0.15,
    ).set_stroke(color, width=2)
    return VGroup(box, content.move_to(box))


def boxed_label(text: str, font_size: float, color: ManimColor, box_color: ManimColor) -> VGroup:
    return boxed(label(text, font_size, color), box_color)
