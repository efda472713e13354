"""scenes/weighted_sum.py: the plan's neuron, terms, sums and detector are what network/
computes, and what is drawn is the plan's."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scene_helpers import build_up_to, dry_render, golden, render_in_frame, says, step_ids
from test_sigmoid_bias import (
    assert_said_briefly,
    designed_sum_here,
    ear,
    featured_here,
    said_here,
)

from lecture.chapters.weighted_sum import CLEAR, KEYS, LIFTED_TERMS, plan
from lecture.choices import DRAWN_PIXELS, axis_reach, drawn_neurons, fan_in_strengths
from lecture.inputs import Digit, Inputs, load_inputs
from lecture.palette import get_palette
from network.detector import (
    LECTURE_DETECTOR,
    apply_neuron,
    best_centre,
    edge_detector,
    largest_terms,
)
from scenes.kit.maths import tex_number
from scenes.weighted_sum import FAN_IN_WIDTH, WeightedSum

__module_test__ = "weighted_sum"


def check_plan() -> None:
    """Every step's key and values, and what it shows, against network/ and the choices."""
    inputs = load_inputs()
    digit, net, palette = inputs.digit, inputs.network, inputs.palette
    chapter = plan(inputs)
    assert {s.key for s in chapter.steps} <= KEYS
    assert all(s.key.startswith(s.beat) and s.part is None for s in chapter.steps)
    k = int(np.argmax(digit.trace.activations[1]))
    w, a = net.weights[0][k], digit.pixels
    featured = chapter.shows
    assert featured.index == k
    np.testing.assert_array_equal(featured.weights, w)
    assert featured.activation == digit.trace.activations[1][k]
    assert abs(featured.weighted_sum - float(w @ a)) < 1e-12
    assert abs(featured.weighted_sum - (digit.trace.zs[0][k] - net.biases[0][k])) < 1e-9

    one = chapter.step("one-neuron")
    assert one.values == {
        "neuron": k,
        "lit": said_here(inputs, digit.trace.activations[1][k]),
        "positive": inputs.script.word("colours", palette.positive_key),
        "negative": inputs.script.word("colours", palette.negative_key),
    }
    assert one.notes[""].key == "one-neuron"
    assert one.notes[""].values == {"drawn": len(DRAWN_PIXELS), "inputs": 784}
    fan = one.shows
    assert fan.sources == DRAWN_PIXELS == drawn_neurons(net.sizes, 0)
    np.testing.assert_array_equal(fan.weights, w[list(DRAWN_PIXELS)])
    drawn = np.abs(w[list(DRAWN_PIXELS)])
    np.testing.assert_allclose(fan.strengths, drawn / drawn.max())

    # The lifted terms: the largest |w·a| among the drawn connections, in pixel order.
    written = chapter.step("weighted-sum")
    sources = list(DRAWN_PIXELS)
    products = np.abs(w[sources] * a[sources])
    expected = sorted(sources[i] for i in np.argsort(-products, kind="stable")[:LIFTED_TERMS])
    assert [t.pixel for t in written.shows.terms] == expected
    for term in written.shows.terms:
        i = term.pixel
        assert (term.weight, term.activation, term.product) == (w[i], a[i], w[i] * a[i])
    assert written.shows.inputs == 784 and written.shows.total == featured.weighted_sum
    assert written.values == {"total": ear(float(w @ a))}
    assert written.notes["more"].values == {"rest": 784 - LIFTED_TERMS}

    grid = chapter.step("weights-as-grid")
    assert grid.values["inputs"] == 784 and grid.values["side"] == 28
    np.testing.assert_array_equal(grid.shows.weights, w)
    assert grid.shows.cells == tuple(divmod(p, 28) for p in DRAWN_PIXELS)
    # The strongest weight of each sign, outlined as its colour is named.
    positive, negative = grid.shows.strongest
    assert positive == (divmod(int(np.argmax(w)), 28) if w.max() > 0 else None)
    assert negative == (divmod(int(np.argmin(w)), 28) if w.min() < 0 else None)
    assert grid.cues == ("grid", "positive", "negative", "marks")

    # The designed neuron sits where it gives this digit its largest sum.
    d = LECTURE_DETECTOR
    centre = best_centre(a, d.orientation, surround=d.surround, **d.shape)
    patch, edge = chapter.step("positive-patch"), chapter.step("negative-surround")
    for step, surround in ((patch, 0.0), (edge, d.surround)):
        weights = edge_detector(centre, surround=surround, **d.shape)
        assert step.shows.centre == centre
        np.testing.assert_array_equal(step.shows.weights, weights)
        assert step.shows.on_digit == apply_neuron(weights, a)
        assert step.shows.on_white == apply_neuron(weights, np.ones(784))
        # The outline spans the detector's non-zero weights (columns across, rows down),
        # measured where the field does not cut it off.
        rows, cols = np.nonzero(edge_detector((14, 14), surround=surround, **d.shape))
        assert step.shows.outline == (np.ptp(cols) + 1, np.ptp(rows) + 1)
    patch_weights = patch.shows.weights
    assert patch.values == {
        "weight": 1.0,
        "total": ear(float(patch_weights.reshape(-1) @ a)),
        "most": float(np.count_nonzero(patch_weights)),  # an all-white image fills the patch
    }
    assert edge.values == {
        "negative": inputs.script.word("colours", palette.negative_key),
        "edge": ear(edge.shows.on_digit.weighted_sum),
        "white": ear(edge.shows.on_white.weighted_sum),
    }
    # Why the surround matters: the bands pull a blank image below the stroke.
    assert edge.key == "negative-surround"
    assert edge.values["white"] < edge.values["edge"]


def test_the_plan_is_the_networks(network_shape: str) -> None:
    check_plan()


def test_the_plan_follows_the_digit(digit_index: int) -> None:
    check_plan()
    assert load_inputs().digit.source == f"bundled digit #{digit_index}"


def test_every_number_drawn_is_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(WeightedSum)
    chapter = scene.chapter
    assert list(words) == step_ids(chapter)
    written = chapter.step("weighted-sum")
    assert scene.sum_tex.tex_string.endswith(f"= {tex_number(written.shows.total)}")
    assert list(scene.term_tex) == [t.pixel for t in written.shows.terms]
    assert set(scene.term_tex) <= set(DRAWN_PIXELS)  # lifted off drawn edges
    for term in written.shows.terms:
        line = scene.term_tex[term.pixel].tex_string
        assert line.startswith(f"w_{{{term.pixel + 1}}} a_{{{term.pixel + 1}}} = ")
        assert f"= {tex_number(term.weight)} \\times {tex_number(term.activation)} =" in line
        assert line.endswith(f"= {tex_number(term.product)}")
    assert says(scene.rest, scene.note(written.notes["more"]))
    assert says(scene.more, scene.note(chapter.step("one-neuron").notes[""]))
    edge = chapter.step("negative-surround").shows
    assert scene.on_digit.value.tex_string == tex_number(edge.on_digit.weighted_sum)
    assert scene.on_white.value.tex_string == tex_number(edge.on_white.weighted_sum)
    patch = chapter.step("positive-patch").shows
    assert scene.readout.value.tex_string == tex_number(patch.on_digit.weighted_sum)
    np.testing.assert_array_equal(scene.weight_grid.weights.reshape(28, 28), edge.weights)
    # The box outlines the detector's non-zero weights on the digit.
    size = scene.digit_grid.cell_size
    np.testing.assert_allclose(
        [scene.box.width, scene.box.height], np.array(edge.outline) * size, atol=1e-9
    )
    np.testing.assert_allclose(
        scene.box.get_center(), scene.digit_grid.cell_center(*edge.centre), atol=1e-9
    )


def test_fan_in_is_drawn_from_the_plan_and_becomes_the_grid(network_shape: str) -> None:
    """Widths ∝ |w| and colours by sign at the end of the fan-in step, whatever the
    network's shape (the featured neuron is drawn even in an elided layer); the grid
    then lies over the digit, the drawn pixels marked."""
    seen: dict[str, dict] = {}

    def record(words, scene) -> None:
        if words.step_id == "weighted_sum.one-neuron":
            seen["fan"] = {
                "widths": [e.get_stroke_width() for e in scene.fan],
                "colors": [e.get_stroke_color().to_hex() for e in scene.fan],
                "opacities": [e.get_stroke_opacity() for e in scene.fan],
                "ends": [(e.get_start(), e.get_end()) for e in scene.fan],
                "inputs": [n.get_center() for n in scene.diagram.layers[0]],
                "neuron": scene.diagram.neuron(1, scene.featured.index).get_center(),
                "fill": scene.cell.get_fill_opacity(),
            }
        if words.step_id == "weighted_sum.weights-as-grid":
            seen["grid"] = {
                "weights": scene.weight_grid.get_center(),
                "values": scene.weight_grid.weights.reshape(-1).copy(),
                "digit": scene.digit_grid.get_center(),
                "marks": [m.get_center() for m in scene.marks],
            }

    scene = dry_render(WeightedSum, step_recorder=record)
    p, featured = scene.palette, scene.chapter.shows
    k = featured.index
    fan = scene.chapter.step("one-neuron").shows
    assert k in scene.diagram.drawn[1]
    assert list(scene.diagram.drawn[1]) == sorted(scene.diagram.drawn[1])
    assert scene.diagram.drawn[0] == fan.sources
    drawn = seen["fan"]
    np.testing.assert_allclose(drawn["widths"], FAN_IN_WIDTH * fan.strengths, rtol=1e-6)
    assert max(drawn["widths"]) == FAN_IN_WIDTH
    signs = [p.positive if x >= 0 else p.negative for x in fan.weights]
    assert drawn["colors"] == [colour.to_hex() for colour in signs]
    assert all(o == 1.0 for o in drawn["opacities"])
    assert abs(drawn["fill"] - featured.activation) < 1e-9
    radius = scene.diagram.neuron_radius
    for (start, end), source in zip(drawn["ends"], drawn["inputs"], strict=True):
        np.testing.assert_allclose(start, source + np.array([radius, 0, 0]), atol=1e-6)
        np.testing.assert_allclose(end, drawn["neuron"] - np.array([radius, 0, 0]), atol=1e-6)

    # The grid lies over the digit, and the drawn pixels are marked on it.
    overlay = scene.chapter.step("weights-as-grid").shows
    grid = seen["grid"]
    np.testing.assert_allclose(grid["weights"], grid["digit"], atol=1e-9)
    np.testing.assert_allclose(grid["values"], overlay.weights.reshape(-1))
    size = scene.digit_grid.cell_size
    top_left = grid["digit"] + 14 * size * np.array([-1.0, 1.0, 0.0])
    assert len(grid["marks"]) == len(overlay.cells)
    for (row, col), mark in zip(overlay.cells, grid["marks"], strict=True):
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


def check_wording(inputs: Inputs, name: str) -> None:
    """Every value-dependent word of the chapter against the values, worked out here: the
    neuron's activation in words, the sums rounded for the ear, the colours as the script
    names the palette's, and whether the designed neuron scores the digit clearly above a
    blank white image."""
    chapter = plan(inputs)
    palette, pixels = inputs.palette, inputs.digit.pixels
    _, total, _, activation = featured_here(inputs)
    one = chapter.step("one-neuron")
    assert one.values["lit"] == said_here(inputs, activation), name
    colours = {
        "positive": inputs.script.word("colours", palette.positive_key),
        "negative": inputs.script.word("colours", palette.negative_key),
    }
    assert {c: one.values[c] for c in colours} == colours, name
    grid = chapter.step("weights-as-grid")
    assert {c: grid.values[c] for c in colours} == colours, name
    assert chapter.step("weighted-sum").values["total"] == ear(total), name
    patch = chapter.step("positive-patch").values
    on_patch, most = designed_sum_here(pixels, surround=0.0)
    assert (patch["total"], patch["most"]) == (ear(on_patch), ear(most)), name
    edge = chapter.step("negative-surround")
    on_digit, on_white = designed_sum_here(pixels)
    clear = on_digit >= on_white + CLEAR
    assert edge.key == ("negative-surround" if clear else "negative-surround-flat"), name
    assert edge.values == {
        "negative": inputs.script.word("colours", palette.negative_key),
        "edge": ear(on_digit),
        "white": ear(on_white),
    }, name
    assert_said_briefly(inputs, chapter, name)


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    for case in sweep_cases:
        check_wording(case.inputs, case.name)


@pytest.mark.parametrize("palette", ["classic", "colorblind"])
@pytest.mark.parametrize("image", ["blank", "white", "shipped"])
def test_the_edge_verdict_follows_the_sums(image: str, palette: str) -> None:
    """A white image gives the designed neuron no more than a blank white image (it says
    so); a black one and the shipped digit score clearly more. The colours are named by
    the palette: blue and orange in the colour-blind one."""
    inputs = dataclasses.replace(load_inputs(), palette=get_palette(palette))
    d = inputs.digit
    pixels = {"blank": np.zeros(784), "white": np.ones(784), "shipped": d.pixels}[image]
    digit = Digit(pixels, None, image, inputs.network.forward(pixels))
    changed = dataclasses.replace(inputs, digit=digit)
    check_wording(changed, image)
    edge = plan(changed).step("negative-surround")
    assert edge.key == ("negative-surround-flat" if image == "white" else "negative-surround")
    want = {"classic": ("green", "red"), "colorblind": ("blue", "orange")}[palette]
    one = plan(changed).step("one-neuron").values
    assert (one["positive"], one["negative"]) == want
    assert edge.values["negative"] == want[1]


@golden(WeightedSum)
def test_fan_in(scene: WeightedSum) -> None:
    build_up_to(scene, "one-neuron")


@golden(WeightedSum)
def test_terms_lifted_into_the_sum(scene: WeightedSum) -> None:
    build_up_to(scene, "weighted-sum")


@golden(WeightedSum)
def test_weights_laid_over_the_digit(scene: WeightedSum) -> None:
    build_up_to(scene, "weights-as-grid")


@golden(WeightedSum)
def test_edge_detector(scene: WeightedSum) -> None:
    WeightedSum.construct(scene)
