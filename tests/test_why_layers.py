"""scenes/why_layers.py: pieces and edges are drawn from real digits; it says it is a hope,
told for the network's real hidden layers (one, two, or three and more)."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame, says

from network.shapes import hidden_between, hidden_count
from network.strokes import PIECES, piece_masks, tile_strokes
from scenes.why_layers import LONG_TILE, TILE, WhyLayers

__module_test__ = "why_layers"


def expected_rungs(sizes: tuple[int, ...]) -> list[tuple[str, str]]:
    """The ladder's heads (what, which layer) the script gives for a network of ``sizes``."""
    hidden, between = hidden_count(sizes), hidden_between(sizes)
    rungs = [("little edges", "hidden layer 1?" if hidden > 1 else "no layer of their own")]
    if between:
        names = [str(n) for n in between]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        rungs.append(("longer strokes", f"hidden layer{'s' * (len(names) > 1)} {listed}?"))
    return [*rungs, ("pieces", f"hidden layer {hidden}?"), ("the digit", "output layer")]


def test_pieces_and_edges_come_from_the_real_digits(network_shape: str) -> None:
    scene, words = render_in_frame(WhyLayers)
    net, val = scene.inputs.network, scene.inputs.validation()
    assert sorted(scene.digits) == sorted(PIECES)
    for kind, digit in scene.digits.items():
        assert digit.label == kind
        assert (digit.prediction == kind) == (kind not in scene.misread)
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
    if network_shape == "16-16":
        assert scene.misread_text is None  # the shipped network reads an example of each

    # The steps told are those of this network's hidden layers.
    hidden = hidden_count(net.sizes)
    one = "-one-hidden" if hidden == 1 else ""
    ladder = {1: "ladder-one-hidden", 2: "ladder"}.get(hidden, "ladder-deeper")
    pieces_key = f"pieces{'-misread' if scene.misread else ''}{one}"
    keys = (pieces_key, f"edges{one}", ladder, "speech", "only-a-hope")
    assert list(words) == [f"why_layers.{key}" for key in keys]
    assert set(keys) <= set(WhyLayers.STEPS)

    loop_line, two_loops, strokes = PIECES
    pieces = words[f"why_layers.{pieces_key}"].narration
    assert f"A {loop_line} is a loop on top of a line, an {two_loops} is two loops" in pieces
    assert f"a {strokes} is {num2words(len(PIECES[strokes]))} strokes" in pieces
    if hidden == 1:
        assert "each neuron of our network's only hidden layer" in pieces
    else:  # pieces are hoped for in the last hidden layer
        assert f"each neuron of the {num2words(hidden, to='ordinal')} hidden layer" in pieces
    edges = sum(len(tile_strokes(nine.pixels, m, TILE)) for m in masks)
    said = words[f"why_layers.edges{one}"].narration
    assert f"Cut this {nine.label} into patches of {TILE} by {TILE} pixels" in said
    assert f"in each: {edges} little edges" in said
    assert ("ours has a single hidden layer" in said) == (hidden == 1)
    assert ("Perhaps each neuron of the first hidden layer" in said) == (hidden > 1)
    told = words[f"why_layers.{ladder}"].narration
    if hidden > 2:
        assert f"the hope for our {num2words(hidden)} hidden layers" in told
        assert f"the {num2words(hidden, to='ordinal')} the pieces" in told
    assert words["why_layers.only-a-hope"].headline.startswith("Only a hope")
    assert says(scene.caption, "Only a hope")

    # The ladder's picture: one rung per hoped-for stage, named by its real layer.
    heads = [(head[0].text, head[1].text) for head in scene.ladder_heads]
    expected = [(w.replace(" ", ""), h.replace(" ", "")) for w, h in expected_rungs(net.sizes)]
    assert heads == expected
    between = hidden_between(net.sizes)
    if between:
        assert scene.long_strokes == [tile_strokes(nine.pixels, m, LONG_TILE) for m in masks]
    else:
        assert scene.long_strokes == []


@golden(WhyLayers)
def test_ladder(scene: WhyLayers) -> None:
    scene.show_pieces()
    scene.show_edges_make_loops()
    scene.show_ladder()
