"""scenes/why_layers.py: pieces and edges are drawn from real digits; it says it is a hope."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_words, says

from network.strokes import PIECES, piece_masks, tile_strokes
from scenes.why_layers import TILE, WhyLayers

__module_test__ = "why_layers"


def test_pieces_and_edges_come_from_the_real_digits() -> None:
    scene, words = render_words(WhyLayers)
    val = scene.lecture.validation()
    assert sorted(scene.digits) == sorted(PIECES)
    for kind, digit in scene.digits.items():
        assert digit.label == kind == digit.prediction
        row = int(digit.source.split("#")[1])
        np.testing.assert_array_equal(digit.pixels, val.images[row])
    nine = scene.digits[9]
    masks = piece_masks(nine.pixels, PIECES[9])
    for lines, mask in zip(scene.edge_lines, masks, strict=True):
        strokes = tile_strokes(nine.pixels, mask, TILE)
        assert len(lines) == len(strokes) > 0
        for line, stroke in zip(lines, strokes, strict=True):
            np.testing.assert_allclose(
                line.get_center(), scene.big.cell_center(stroke.row, stroke.col), atol=1e-6
            )
            direction = line.get_unit_vector()
            along = np.array([np.cos(stroke.angle), np.sin(stroke.angle)])
            assert abs(direction[0] * along[1] - direction[1] * along[0]) < 1e-6
    assert scene.misread_text is None  # the shipped network reads an example of each
    assert list(words) == [
        f"why_layers.{key}" for key in ("pieces", "edges", "ladder", "speech", "only-a-hope")
    ]
    loop_line, two_loops, strokes = PIECES
    pieces = words["why_layers.pieces"].narration
    assert f"A {loop_line} is a loop on top of a line, an {two_loops} is two loops" in pieces
    assert f"a {strokes} is {num2words(len(PIECES[strokes]))} strokes." in pieces
    edges = sum(len(tile_strokes(nine.pixels, m, TILE)) for m in masks)
    assert f"Cut this {nine.label} into patches of {TILE} by {TILE} pixels" in (
        words["why_layers.edges"].narration
    )
    assert f"in each: {edges} little edges" in words["why_layers.edges"].narration
    assert words["why_layers.only-a-hope"].headline.startswith("Only a hope")
    assert says(scene.caption, "Only a hope")


@golden(WhyLayers)
def test_ladder(scene: WhyLayers) -> None:
    scene.show_pieces()
    scene.show_edges_make_loops()
    scene.show_ladder()
