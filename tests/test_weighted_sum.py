"""scenes/weighted_sum.py: the sums, terms and detector shown and said are what network/
computes."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import dry_render, golden, render_in_frame, says

from lecture.choices import DRAWN_PIXELS, axis_reach, drawn_neurons, fan_in_strengths
from network.detector import (
    LECTURE_DETECTOR,
    apply_neuron,
    best_centre,
    edge_detector,
    largest_terms,
)
from scenes.kit.maths import tex_number
from scenes.weighted_sum import FAN_IN_WIDTH, LIFTED_TERMS, WeightedSum

__module_test__ = "weighted_sum"


def test_every_number_is_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(WeightedSum)
    digit, net = scene.inputs.digit, scene.inputs.network
    k = scene.neuron
    assert k == int(np.argmax(digit.trace.activations[1]))
    w = net.weights[0][k]
    total = float(w @ digit.pixels)
    assert tex_number(total) in scene.sum_tex.tex_string
    assert abs(total - (digit.trace.zs[0][k] - net.biases[0][k])) < 1e-9
    assert set(scene.terms) <= set(DRAWN_PIXELS)  # lifted off drawn edges
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
    assert f"its {num2words(len(DRAWN_PIXELS))} drawn connections light up" in one.narration
    said = words["weighted_sum.weighted-sum"].narration
    assert f"adds up all {w.size} products" in said
    assert f"The {num2words(len(scene.terms))} largest terms among the drawn" in said
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


def test_fan_in_is_drawn_from_the_weights_and_becomes_the_grid(network_shape: str) -> None:
    """Widths ∝ |w| and colours by sign at the end of the fan-in step, whatever the
    network's shape (the featured neuron is drawn even in an elided layer); the lifted
    terms are the drawn edges' largest; the grid then lies over the digit."""
    seen: dict[str, dict] = {}

    def record(words, scene) -> None:
        if words.step_id == "weighted_sum.one-neuron":
            seen["fan"] = {
                "widths": [e.get_stroke_width() for e in scene.fan],
                "colors": [e.get_stroke_color().to_hex() for e in scene.fan],
                "opacities": [e.get_stroke_opacity() for e in scene.fan],
                "ends": [(e.get_start(), e.get_end()) for e in scene.fan],
                "inputs": [n.get_center() for n in scene.diagram.layers[0]],
                "neuron": scene.diagram.neuron(1, scene.neuron).get_center(),
            }
        if words.step_id == "weighted_sum.weights-as-grid":
            seen["grid"] = {
                "weights": scene.weight_grid.get_center(),
                "values": scene.weight_grid.weights.reshape(-1).copy(),
                "digit": scene.digit_grid.get_center(),
                "marks": [m.get_center() for m in scene.marks],
            }

    scene = dry_render(WeightedSum, step_recorder=record)
    digit, net, p = scene.inputs.digit, scene.inputs.network, scene.palette
    k = scene.neuron
    assert k == int(np.argmax(digit.trace.activations[1]))
    assert k in scene.diagram.drawn[1]
    assert list(scene.diagram.drawn[1]) == sorted(scene.diagram.drawn[1])
    w = net.weights[0][k]
    sources = list(DRAWN_PIXELS)
    assert list(scene.sources) == sources
    fan = seen["fan"]
    drawn_w = w[sources]
    np.testing.assert_allclose(
        fan["widths"], FAN_IN_WIDTH * np.abs(drawn_w) / np.abs(drawn_w).max(), rtol=1e-6
    )
    assert max(fan["widths"]) == FAN_IN_WIDTH
    assert fan["colors"] == [p.signed_color(float(x)).to_hex() for x in drawn_w]
    assert fan["colors"] == [(p.positive if x >= 0 else p.negative).to_hex() for x in drawn_w]
    assert all(o == 1.0 for o in fan["opacities"])
    radius = scene.diagram.neuron_radius
    for (start, end), source in zip(fan["ends"], fan["inputs"], strict=True):
        np.testing.assert_allclose(start, source + np.array([radius, 0, 0]), atol=1e-6)
        np.testing.assert_allclose(end, fan["neuron"] - np.array([radius, 0, 0]), atol=1e-6)

    # The lifted terms: the largest |w·a| among the drawn connections, with their numbers.
    products = np.abs(drawn_w * digit.pixels[sources])
    expected = sorted(sources[i] for i in np.argsort(-products, kind="stable")[:LIFTED_TERMS])
    assert scene.terms == expected
    for i, line in zip(scene.terms, scene.term_tex, strict=True):
        assert f"w_{{{i + 1}}} a_{{{i + 1}}} = {tex_number(w[i])}" in line.tex_string
        assert line.tex_string.endswith(f"= {tex_number(w[i] * digit.pixels[i])}")
    assert says(scene.rest, f"+ {w.size - LIFTED_TERMS} more terms")

    # The grid lies over the digit, and the drawn pixels are marked on it.
    grid = seen["grid"]
    np.testing.assert_allclose(grid["weights"], grid["digit"], atol=1e-9)
    np.testing.assert_allclose(grid["values"], w)
    size = scene.digit_grid.cell_size
    top_left = grid["digit"] + 14 * size * np.array([-1.0, 1.0, 0.0])
    for pixel, mark in zip(sources, grid["marks"], strict=True):
        row, col = divmod(pixel, 28)
        np.testing.assert_allclose(
            mark, top_left + size * np.array([col + 0.5, -(row + 0.5), 0.0]), atol=1e-6
        )


def test_single_neuron_maths_matches_numpy() -> None:
    rng = np.random.default_rng(3)
    w, a = rng.normal(size=784), rng.random(784)
    among = [5, 17, 300, 301, 650, 783]
    got = largest_terms(w, a, 3, among=among)
    direct = sorted(among, key=lambda i: -abs(w[i] * a[i]))[:3]
    assert got == sorted(direct)
    assert largest_terms(w, a, 4) == sorted(np.argsort(-np.abs(w * a))[:4].tolist())
    np.testing.assert_allclose(
        fan_in_strengths(w, among), np.abs(w[among]) / np.abs(w[among]).max()
    )
    assert fan_in_strengths(np.zeros(784), among).tolist() == [0.0] * len(among)
    assert axis_reach([12.8, 5.6, -6.8]) == 15.0
    assert axis_reach([14.9]) == 20.0  # too close to the last tick
    assert axis_reach([-21.0, 3.0]) == 25.0
    assert axis_reach([], least=10.0) == 10.0


def test_a_wide_layer_keeps_the_featured_neuron_drawn() -> None:
    sizes = (784, 32, 10)
    assert drawn_neurons(sizes, 1) == (*range(8), *range(24, 32))
    assert drawn_neurons(sizes, 1, keep=12) == (*range(7), 12, *range(24, 32))
    assert drawn_neurons(sizes, 1, keep=20) == (*range(8), 20, *range(25, 32))
    assert drawn_neurons(sizes, 1, keep=3) == drawn_neurons(sizes, 1)
    assert drawn_neurons((784, 16, 10), 1, keep=9) == tuple(range(16))


@golden(WeightedSum)
def test_fan_in(scene: WeightedSum) -> None:
    scene.prepare()
    scene.show_one_neuron()


@golden(WeightedSum)
def test_terms_lifted_into_the_sum(scene: WeightedSum) -> None:
    scene.prepare()
    scene.show_one_neuron()
    scene.write_weighted_sum()


@golden(WeightedSum)
def test_weights_laid_over_the_digit(scene: WeightedSum) -> None:
    scene.prepare()
    scene.show_one_neuron()
    scene.write_weighted_sum()
    scene.show_weight_grid()


@golden(WeightedSum)
def test_edge_detector(scene: WeightedSum) -> None:
    WeightedSum.construct(scene)
