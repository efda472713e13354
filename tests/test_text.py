"""scenes/kit/text.py: text that is cheap to animate, and characters no installed font has
(drawn as empty boxes), named. (Counts in words are the script's: ``{n!w}``.)"""

from __future__ import annotations

import numpy as np
import pytest
from manim import DecimalNumber, MathTex, Text, Transform

from lecture.palette import get_palette
from scenes.kit import text
from scenes.kit.maths import tex
from scenes.kit.text import decimal, label, missing_glyphs

WHITE = "#FFFFFF"


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


def test_a_character_no_installed_font_has_is_found_and_named_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked of fontconfig (what Pango draws from): DejaVu (installed by make setup) has
    "é" and "σ"; no font has a character of plane 16's private use area; spaces,
    joiners and emoji variation selectors need no glyph."""
    assert missing_glyphs("Café σ(x) — ok\u200d\ufe0f\u00a0") == []
    assert missing_glyphs("a \U0010fffd b \U0010fffd") == ["\U0010fffd"]
    # the warning names the place and the character, once per place and character
    monkeypatch.setattr(text, "_WARNED", set())
    text.warn_missing_glyphs("x \U0010fffd y", "words.toml: [demo.answer] headline")
    text.warn_missing_glyphs("again \U0010fffd", "words.toml: [demo.answer] headline")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("warning: words.toml: [demo.answer] headline: ")
    assert "\U0010fffd" in lines[0] and "U+10FFFD" in lines[0]


def test_label_warns_only_when_told_where_the_words_are_from(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(text, "_WARNED", set())
    label("box \U0010fffd", 24, WHITE)
    assert capsys.readouterr().err == ""
    label("box \U0010fffd", 24, WHITE, where="[demo.note] note")
    assert "[demo.note] note" in capsys.readouterr().err
