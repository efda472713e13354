"""scenes/why_layers.py: pieces and edges are drawn from real digits; the hope is told for
the network's real hidden layers (one, two, or three and more), and a misread example is
said to be misread."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from manim import Line
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit
from test_three import assert_words_fill

from lecture.chapters.why_layers import FEATURED, LONG_TILE, SPEECH, TILE, plan
from lecture.inputs import Inputs, load_inputs
from network.model import Network
from network.strokes import PIECES, piece_masks, tile_strokes
from scenes.why_layers import WhyLayers

__module_test__ = "why_layers"


def answers_from_weights(net, images: np.ndarray) -> np.ndarray:
    """The digits the weights give for rows of images, computed here from the arrays."""
    a = images.T
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + b[:, None])
    return np.argmax(a, axis=0)


def expected_examples(inputs: Inputs) -> tuple[list[int], list[int]]:
    """Per kind of ``PIECES``, the first unseen digit of it the network reads right (else
    the first of it); and the kinds it reads none of right."""
    val, rows, misread = inputs.validation(), [], []
    for kind in PIECES:
        of_kind = np.flatnonzero(val.labels == kind)
        right = of_kind[answers_from_weights(inputs.network, val.images[of_kind]) == kind]
        rows.append(int(right[0]) if right.size else int(of_kind[0]))
        if not right.size:
            misread.append(kind)
    return rows, misread


def expected_rungs(hidden: int) -> list[tuple[str, str, dict]]:
    """Per rung of the ladder for ``hidden`` hidden layers: its picture, and the note
    naming its layer(s) with that note's values."""
    rungs = [("edges", "layer", {"layer": 1}) if hidden > 1 else ("edges", "no-layer", {})]
    between = list(range(2, hidden))
    if len(between) == 1:
        rungs.append(("between", "layer", {"layer": 2}))
    elif between:
        rungs.append(("between", "layers", {"layers": between}))
    return [*rungs, ("pieces", "layer", {"layer": hidden}), ("digit", "output", {})]


def assert_plan_matches(inputs: Inputs) -> None:
    """Every step's key, values and what it shows, against the digits and the network's
    hidden layers, worked out here."""
    chapter = plan(inputs)
    val, hidden = inputs.validation(), len(inputs.network.sizes) - 2
    one = "-one-hidden" if hidden == 1 else ""
    rows, misread = expected_examples(inputs)

    pieces = chapter.step("pieces")
    assert pieces.key == "pieces" + ("-misread" if misread else "") + one
    examples = pieces.shows.examples
    assert [e.digit.label for e in examples] == list(PIECES)
    for example, row in zip(examples, rows, strict=True):
        np.testing.assert_array_equal(example.digit.pixels, val.images[row])
        assert example.regions == PIECES[example.digit.label]
        for mask, want in zip(
            example.masks, piece_masks(val.images[row], example.regions), strict=True
        ):
            np.testing.assert_array_equal(mask, want)
    assert list(pieces.shows.misread) == misread
    want = {"digits": list(PIECES), "strokes": 3} | ({"last": hidden} if hidden > 1 else {})
    assert pieces.values == want
    if misread:
        note = pieces.notes["misread"]
        assert (note.key, note.name) == ("pieces-misread", f"misread-{len(misread)}")
        assert note.values == {"labels": misread}
    else:
        assert "misread" not in pieces.notes

    edges = chapter.step("edges")
    assert edges.key == "edges" + one
    nine = edges.shows.digit
    assert nine.digit.label == FEATURED == 9 and nine is examples[list(PIECES).index(9)]
    strokes = [tile_strokes(nine.digit.pixels, m, TILE) for m in nine.masks]
    assert [list(s) for s in edges.shows.strokes] == strokes
    assert edges.values == {"digit": 9, "tile": TILE, "edges": sum(map(len, strokes))}

    ladder = chapter.step("ladder")
    assert ladder.key == {1: "ladder-one-hidden", 2: "ladder"}.get(hidden, "ladder-deeper")
    assert ladder.values == ({"hidden": hidden} if hidden > 2 else {})
    told = [(r.name, r.where.name, dict(r.where.values)) for r in ladder.shows.rungs]
    assert told == expected_rungs(hidden)
    assert [r.what.name for r in ladder.shows.rungs] == [r.name for r in ladder.shows.rungs]
    assert all(r.what.key == r.where.key == "ladder" for r in ladder.shows.rungs)
    assert ladder.shows.edges is edges.shows
    long = [tile_strokes(nine.digit.pixels, m, LONG_TILE) for m in nine.masks]
    assert [list(s) for s in ladder.shows.long_strokes] == (long if hidden > 2 else [])

    assert chapter.step("speech").shows.words == SPEECH
    hope = chapter.step("only-a-hope")
    assert {(n.key, n.name) for n in hope.notes.values()} == {
        ("only-a-hope", ""),
        ("only-a-hope", "later"),
    }
    for rung in ladder.shows.rungs:
        inputs.script.note(chapter.name, rung.what.key, rung.what.name, rung.what.values)
        inputs.script.note(chapter.name, rung.where.key, rung.where.name, rung.where.values)
    assert_words_fill(inputs, chapter)


def test_the_plan_tells_the_hope_for_the_networks_layers(network_shape: str) -> None:
    inputs = load_inputs()
    assert_plan_matches(inputs)
    if network_shape == "16-16":  # the shipped network reads an example of each right
        assert not plan(inputs).step("pieces").shows.misread


@pytest.mark.parametrize("sizes", [(784, 16, 16, 16, 16, 10), (784, 20, 10)])
def test_an_untrained_network_misreads_and_four_layers_list_those_between(
    sizes: tuple[int, ...],
) -> None:
    """No test network has four hidden layers or misreads a whole kind: untrained ones
    stand in (they read few digits right), for the misread note and the listed layers."""
    inputs = dataclasses.replace(load_inputs(), network=Network.initialised(sizes, seed=3))
    assert plan(inputs).step("pieces").shows.misread
    assert_plan_matches(inputs)


def test_pieces_and_edges_drawn_are_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(WhyLayers)
    chapter = scene.chapter
    pieces = chapter.step("pieces")
    for grid, example in zip(scene.piece_grids, pieces.shows.examples, strict=True):
        np.testing.assert_array_equal(grid.pixels.reshape(-1), example.digit.pixels)
    assert (scene.misread_text is None) == ("misread" not in pieces.notes)
    edges = chapter.step("edges").shows
    for lines, strokes in zip(scene.edge_lines, edges.strokes, strict=True):
        assert len(lines) == len(strokes) > 0
        for line, stroke in zip(lines, strokes, strict=True):
            np.testing.assert_allclose(
                line.get_center(), scene.big.cell_center(stroke.row, stroke.col), atol=1e-6
            )
            direction = line.get_unit_vector()
            along = np.array([np.cos(stroke.angle), np.sin(stroke.angle)])
            assert abs(direction[0] * along[1] - direction[1] * along[0]) < 1e-6

    # The ladder's picture: one rung per hoped-for stage, headed by its notes.
    ladder = chapter.step("ladder").shows
    assert list(scene.ladder_columns) == [r.name for r in ladder.rungs]
    heads = [[text.text for text in head] for head in scene.ladder_heads]
    assert heads == [
        [scene.note(r.what).replace(" ", ""), scene.note(r.where).replace(" ", "")]
        for r in ladder.rungs
    ]
    if "between" in scene.ladder_columns:
        lines = [m for m in scene.ladder_columns["between"].get_family() if isinstance(m, Line)]
        assert len(lines) == sum(len(s) for s in ladder.long_strokes) > 0
    assert list(words) == step_ids(chapter)


@golden(WhyLayers)
def test_ladder(scene: WhyLayers) -> None:
    build_up_to(scene, "ladder")
