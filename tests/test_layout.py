"""The layout layer: one stage under the headline, one type scale, no typed positions.

Scenes used to place things at hand-typed coordinates and pick among a dozen
literal font sizes; each guessed "just under the headline" its own way. These
tests keep every scene on the kit's stage and type scale (the in-frame and
readable-size checks of every step's end state are in each scene's value test,
through ``scene_helpers.render_in_frame``).
"""

from __future__ import annotations

import ast
from dataclasses import astuple
from pathlib import Path

import numpy as np
import pytest
from manim import Square, config

from scenes.kit.stage import HEADLINE_BUFF, HEADLINE_SIZE, MARGIN, STAGE, drop_below, overlaps
from scenes.kit.text import label
from scenes.kit.type_scale import MIN_READABLE, TYPE

SCENE_FILES = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "scenes").glob("*.py")
    if p.stem not in ("__init__", "config")
)
#: Calls that take a font size as their second argument or as font_size=.
TEXT_CALLS = {"label", "decimal", "tex", "boxed_label"}


def _number(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float))


def _typed_points(tree: ast.AST) -> list[int]:
    """Lines holding a point typed as literal numbers: ``[x, y, 0]`` or ``(x, y, 0.0)``
    (three numbers, the last zero: a position in the frame's plane)."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.List, ast.Tuple))
            and len(node.elts) == 3
            and all(map(_number, node.elts))
            and getattr(node.elts[2], "value", None) == 0
        ):
            lines.append(node.lineno)
    return lines


def _literal_font_sizes(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        sizes = [k.value for k in node.keywords if k.arg == "font_size"]
        if name in ("label", "decimal", "boxed_label") and len(node.args) >= 2:
            sizes.append(node.args[1])
        lines += [node.lineno for size in sizes if _number(size)]
    return lines


@pytest.mark.parametrize("path", SCENE_FILES, ids=[p.stem for p in SCENE_FILES])
def test_scenes_place_nothing_at_typed_coordinates(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _typed_points(tree), f"{path.name}: typed points at lines {_typed_points(tree)}"


@pytest.mark.parametrize("path", SCENE_FILES, ids=[p.stem for p in SCENE_FILES])
def test_scenes_take_font_sizes_from_the_type_scale(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = _literal_font_sizes(tree)
    assert not lines, f"{path.name}: literal font sizes at lines {lines}"


def test_the_checks_find_what_they_look_for() -> None:
    """The two scans above are not vacuous: they catch the old ways."""
    old = ast.parse(
        "g.move_to([0, -0.4, 0])\nlabel('x', 24, c)\ntex('y', font_size=40, p=1)\nAT = (1, 2.5, 0)"
    )
    assert sorted(_typed_points(old)) == [1, 4]
    assert sorted(_literal_font_sizes(old)) == [2, 3]


def test_the_type_scale_runs_from_display_down_to_readable() -> None:
    sizes = astuple(TYPE)
    assert list(sizes) == sorted(sizes, reverse=True)
    assert TYPE.small >= MIN_READABLE and HEADLINE_SIZE == TYPE.headline


def test_the_stage_is_the_frame_below_the_headline() -> None:
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    assert (STAGE.left, STAGE.right, STAGE.bottom) == (
        pytest.approx(-half_w + MARGIN),
        pytest.approx(half_w - MARGIN),
        pytest.approx(-half_h + MARGIN),
    )
    # A headline with ascenders and descenders, placed as LectureScene places it.
    headline = label("Quickly: gh, Ty — jumps", HEADLINE_SIZE, "#FFFFFF")
    headline.to_edge(np.array([0, 1, 0]), buff=HEADLINE_BUFF)
    assert STAGE.top <= headline.get_bottom()[1] - MARGIN + 1e-9


def test_the_stage_follows_the_frame_of_the_render() -> None:
    """A golden test renders 854×480, a frame 14.23 units wide where 1920×1080 is
    14.22: the stage must be the frame drawn, not the one at import."""
    from manim import tempconfig

    wide = STAGE.right
    with tempconfig({"pixel_width": 854, "pixel_height": 480, "frame_width": 8 * 854 / 480}):
        assert STAGE.right == pytest.approx(8 * 854 / 480 / 2 - MARGIN)
        assert STAGE.right != pytest.approx(wide)
    assert STAGE.right == pytest.approx(wide)


def test_stage_placement() -> None:
    box = Square(2.0)
    assert np.allclose(STAGE.center_on(box).get_center(), STAGE.center)
    assert STAGE.to_top(box, buff=0.1).get_top()[1] == pytest.approx(STAGE.top - 0.1)
    assert STAGE.to_bottom(box, buff=0.2).get_bottom()[1] == pytest.approx(STAGE.bottom + 0.2)
    left, right = STAGE.column(0, 2), STAGE.column(1, 2)
    assert left[0] == pytest.approx(-right[0]) and left[0] < 0
    big = STAGE.fit(Square(50.0))
    assert big.width <= STAGE.width + 1e-9 and big.height <= STAGE.height + 1e-9
    small = Square(1.0)
    assert STAGE.fit(small).width == pytest.approx(1.0)  # never grown
    far = STAGE.keep_inside(Square(1.0).move_to([20, 20, 0]))
    assert far.get_right()[0] <= STAGE.right + 1e-9 and far.get_top()[1] <= STAGE.top + 1e-9


def test_drop_below_clears_every_part() -> None:
    obstacle = Square(1.0)
    note = drop_below(Square(0.5), obstacle, buff=0.1)
    assert not overlaps(note, obstacle, 0.1 - 1e-9)
    assert note.get_top()[1] == pytest.approx(obstacle.get_bottom()[1] - 0.1)
