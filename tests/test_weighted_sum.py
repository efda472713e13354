"""scenes/weighted_sum.py: the sums, terms and detector shown and said are what network/
computes."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import dry_render, golden, render_in_frame

from network.detector import LECTURE_DETECTOR, apply_neuron, best_centre, edge_detector
from scenes.kit.diagram import DRAWN_PIXELS, edge_style
from scenes.kit.maths import tex_number
from scenes.weighted_sum import WeightedSum

__module_test__ = "weighted_sum"


def test_every_number_is_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(WeightedSum)
    digit, net = scene.lecture.digit, scene.lecture.network
    k = scene.neuron
    assert k == int(np.argmax(digit.trace.activations[1]))
    w = net.weights[0][k]
    total = float(w @ digit.pixels)
    assert tex_number(total) in scene.sum_tex.tex_string
    assert abs(total - (digit.trace.zs[0][k] - net.biases[0][k])) < 1e-9
    for i, line in zip(scene.terms, scene.term_tex, strict=True):
        assert f"w_{{{i + 1}}}" in line.tex_string
        assert tex_number(w[i] * digit.pixels[i]) in line.tex_string
    d = LECTURE_DETECTOR
    centre = best_centre(digit.pixels, d.orientation, surround=d.surround, **d.shape)
    assert centre == scene.centre
    edge = apply_neuron(edge_detector(centre, surround=d.surround, **d.shape), digit.pixels)
    patch = apply_neuron(edge_detector(centre, surround=0.0, **d.shape), digit.pixels)
    assert scene.edge_result == edge and scene.patch_result == patch
    shown_edge, shown_white = (r[1].tex_string for r in scene.readouts)
    assert shown_edge == tex_number(edge.weighted_sum)
    assert shown_white == tex_number(scene.white_result.weighted_sum)
    assert scene.white_result.weighted_sum < edge.weighted_sum  # why the surround matters

    # The words name the same neuron and sums, formatted as on screen.
    assert list(words) == [f"weighted_sum.{key}" for key in WeightedSum.STEPS]
    one = words["weighted_sum.one-neuron"]
    assert one.headline.endswith(f"neuron {k}")
    assert f"neuron {k}, the one our digit lights most brightly, at " in one.narration
    assert f"at {digit.trace.activations[1][k]:.2f}." in one.narration
    assert f"connected to all {w.size} input neurons" in one.narration
    said = words["weighted_sum.weighted-sum"].narration
    assert f"adds up all {w.size} products" in said
    assert f"The {num2words(len(scene.terms))} largest terms" in said
    assert f"the whole sum comes to {tex_number(total)}." in said
    grid = words["weighted_sum.weights-as-grid"]
    assert grid.headline == f"The same {w.size} weights as a 28 × 28 grid"
    assert f"adds it all up: {tex_number(total)}." in grid.narration
    patch_weights = edge_detector(centre, surround=0.0, **d.shape)
    cells = int(np.count_nonzero(patch_weights))
    assert f"a patch of {cells} pixels" in words["weighted_sum.positive-patch"].narration
    assert f"{tex_number(patch.weighted_sum)} here, and at most {cells} if" in (
        words["weighted_sum.positive-patch"].narration
    )
    surround = words["weighted_sum.negative-surround"]
    assert f"Add {scene.palette.negative_name} bands" in surround.headline
    assert f"On our digit it comes to {tex_number(edge.weighted_sum)};" in surround.narration
    white = apply_neuron(edge_detector(centre, surround=d.surround, **d.shape), np.ones(784))
    assert f"pull it down to {tex_number(white.weighted_sum)}." in surround.narration


def test_wires_come_from_the_marked_pixels_and_follow_their_weights() -> None:
    scene = dry_render(WeightedSum)
    w = scene.lecture.network.weights[0][scene.neuron]
    size = scene.digit_grid.cell_size  # the grid itself moves on later; its cells keep their size
    assert len(scene.sources) == len(scene.wires) == len(DRAWN_PIXELS)
    scale = float(np.max(np.abs(w[list(DRAWN_PIXELS)])))
    first_row, first_col = divmod(DRAWN_PIXELS[0], 28)
    origin = scene.sources[0].get_center()
    for pixel, mark, wire in zip(DRAWN_PIXELS, scene.sources, scene.wires, strict=True):
        row, col = divmod(pixel, 28)
        offset = size * np.array([col - first_col, first_row - row, 0.0])
        np.testing.assert_allclose(mark.get_center(), origin + offset, atol=1e-9)
        np.testing.assert_allclose(wire.get_start(), mark.get_center(), atol=1e-9)
        assert wire.get_stroke_width() == edge_style(float(w[pixel]), scale).width


@golden(WeightedSum)
def test_edge_detector(scene: WeightedSum) -> None:
    WeightedSum.construct(scene)
