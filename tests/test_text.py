"""scenes/kit/text.py: counts in words for captions, and text that is cheap to animate."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DecimalNumber, MathTex, Text, Transform

from lecture.palette import get_palette
from scenes.kit.maths import tex
from scenes.kit.text import decimal, label, number_word

WHITE = "#FFFFFF"


def test_small_counts_are_words_and_larger_ones_digits() -> None:
    assert number_word(2) == "two"
    assert number_word(10) == "ten"
    assert number_word(16) == "16"


def _glyphs(mobject) -> list:
    return [m for m in mobject.get_family() if m.has_points()]


@pytest.mark.parametrize(
    ("made", "plain"),
    [
        (lambda: label("weight 318", 24, WHITE), lambda: Text("weight 318", font_size=24)),
        (lambda: decimal(-0.73, 24, WHITE), lambda: DecimalNumber(-0.73, font_size=24)),
        (
            lambda: tex(r"\sigma(5.79) = 1.00", font_size=40, palette=get_palette("classic")),
            lambda: MathTex(r"\sigma(5.79) = 1.00", font_size=40),
        ),
    ],
    ids=["label", "decimal", "tex"],
)
def test_lightened_text_draws_the_same_without_its_parsed_svg_paths(made, plain) -> None:
    """Manim keeps each glyph's parsed SVG path but reads it only while making the
    glyph's points: dropping it changes no point, and copies and transforms still work."""
    light, heavy = made(), plain()
    assert any(getattr(m, "path_obj", None) is not None for m in heavy.get_family())
    assert all(getattr(m, "path_obj", None) is None for m in light.get_family())
    assert len(_glyphs(light)) == len(_glyphs(heavy))
    for a, b in zip(_glyphs(light), _glyphs(heavy), strict=True):
        np.testing.assert_array_equal(a.points, b.points)
    target = light.copy().scale(2).shift([1, 0, 0])
    move = Transform(light, target)
    move.begin()
    move.interpolate(1.0)
    move.finish()
    np.testing.assert_allclose(light.get_center(), target.get_center())
    assert light.width == pytest.approx(target.width)
