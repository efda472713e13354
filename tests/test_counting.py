"""scenes/counting.py and its chapter: every count is read from the network's arrays, one
step and one line per weight layer for any shape; the magnified knobs are the featured
neuron's and the answer's strongest parameters, on their layer's scale; all of it drawn
on the stage and clear of the diagram."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import numpy as np
import pytest
from scene_helpers import build_up_to, dry_render, golden, render_in_frame, says, step_ids

from lecture.chapters.counting import FEW_BIASES, NEARLY_ALL, plan
from lecture.inputs import Inputs, load_inputs
from lecture.palette import get_palette
from network.model import Network
from network.shapes import sizes_with_hidden
from scenes.counting import CountingKnobs
from scenes.kit.maths import tex_count as grouped
from scenes.kit.stage import STAGE, overlaps

__module_test__ = "counting"


def expected_layer_key(index: int, hidden: int) -> str:
    """The words of layer transition ``index`` when the network has ``hidden`` hidden
    layers: the first explained (or the only one), the second compared, later ones named."""
    if index == hidden:
        return "output-layer"
    if hidden == 1:
        return "hidden-layer-one"
    return ("hidden-layer", "hidden-layer-next")[index] if index < 2 else "hidden-layer-again"


def test_the_plan_counts_the_arrays(network_shape: str) -> None:
    net = load_inputs().network
    chapter = plan(load_inputs())
    hidden = len(net.weights) - 1
    keys = [expected_layer_key(i, hidden) for i in range(hidden + 1)]
    assert step_ids(chapter) == [
        *(f"counting.{key}-{i}" for i, key in enumerate(keys[:-1], start=1)),
        "counting.output-layer",
        "counting.total",
        f"counting.{chapter.step('every-knob').key}",
        "counting.learning",
    ]
    counted = chapter.steps[: hidden + 1]
    for index, (step, w, key) in enumerate(zip(counted, net.weights, keys, strict=True)):
        n_out, n_in = w.shape
        assert step.shows.index == index
        assert (step.shows.parameters.n_in, step.shows.parameters.n_out) == (n_in, n_out)
        expected = {"inputs": n_in, "neurons": n_out}
        assert step.key == key
        if index < hidden:
            assert (step.beat, step.part) == ("hidden-layer", index + 1)
            numbered = {"hidden": index + 1} if hidden > 1 else {}
            assert step.values == {**numbered, **expected}
        else:
            assert (step.beat, step.part) == ("output-layer", None)
            assert step.values == expected
    weights = sum(w.size for w in net.weights)
    biases = sum(b.size for b in net.biases)
    counts = chapter.shows
    assert [(layer.n_in, layer.n_out) for layer in counts.layers] == [
        (w.shape[1], w.shape[0]) for w in net.weights
    ]
    assert (counts.weights, counts.biases) == (weights, biases)
    assert counts.parameters == weights + biases
    assert chapter.step("total").values == {
        "weights": weights,
        "biases": biases,
        "parameters": weights + biases,
    }
    inputs = load_inputs()
    palette = inputs.palette
    assert chapter.step("every-knob").values == {
        "parameters": weights + biases,
        "positive": inputs.script.word("colours", palette.positive_key),
        "negative": inputs.script.word("colours", palette.negative_key),
    }
    assert chapter.step("learning").values == {"parameters": weights + biases}
    if network_shape == "16-16":
        assert (weights, biases) == (12960, 42)
    remark = chapter.step("learning").notes["remark"]
    assert (remark.key, remark.name) == ("learning", "")


def check_wording(name: str, inputs: Inputs) -> None:
    """Each value-dependent sentence of ``inputs``' counting, against the arrays."""
    net = inputs.network
    chapter = plan(inputs)
    hidden = len(net.weights) - 1
    first = net.weights[0].size + net.biases[0].size
    for index, step in enumerate(chapter.steps[: hidden + 1]):
        assert step.key == expected_layer_key(index, hidden), name
        if step.key == "hidden-layer-next":
            # "far fewer weights" than the first layer: at most a quarter as many.
            w = net.weights[index]
            assert w.size <= net.weights[0].size / 4, name
            # "only the {inputs} neurons before them, not every pixel"
            assert w.shape[1] < net.weights[0].shape[1], name
    # "Only {biases} of them are biases": at most FEW_BIASES of all parameters.
    biases = sum(b.size for b in net.biases)
    total = chapter.step("total")
    assert total.values["biases"] == biases, name
    assert biases <= FEW_BIASES * net.n_parameters, name
    # "Nearly all of them sit in the first layer": at least NEARLY_ALL of them.
    knobs = chapter.step("every-knob")
    nearly_all = first >= NEARLY_ALL * net.n_parameters
    assert knobs.key == ("every-knob" if nearly_all else "every-knob-spread"), name
    # The colours named are the palette's, whatever it is.
    palette = inputs.palette
    assert (knobs.values["positive"], knobs.values["negative"]) == (
        inputs.script.word("colours", palette.positive_key),
        inputs.script.word("colours", palette.negative_key),
    ), name
    # Every step's words fill from its values, and each cue mark is one it draws.
    for step in chapter.steps:
        inputs.script.words(chapter.name, step.key, step.values, step.part)
        inputs.script.check_marks(chapter.name, step.key, step.cues)


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    for case in sweep_cases:
        check_wording(case.name, case.inputs)


@pytest.mark.parametrize("hidden", [(2,), (2, 128, 128, 128), (128, 128, 128, 128), (128, 2)])
@pytest.mark.parametrize("palette", ["classic", "colorblind"])
def test_wording_holds_for_the_extreme_shapes(hidden: tuple[int, ...], palette: str) -> None:
    """The narrowest and widest networks the lecture accepts, in either palette: a narrow
    first layer before wide ones holds only a small share of the knobs."""
    inputs = load_inputs()
    net = Network.initialised(sizes_with_hidden(hidden), "sigmoid", seed=0)
    digit = inputs.digit
    changed = dataclasses.replace(
        inputs,
        network=net,
        palette=get_palette(palette),
        digit=dataclasses.replace(digit, trace=net.forward(digit.pixels)),
    )
    check_wording(f"784-{hidden}-10 ({palette})", changed)
    if hidden[0] == 2 and len(hidden) > 1:
        assert plan(changed).step("every-knob").key == "every-knob-spread"


@pytest.mark.parametrize("digit", ["0", "1512", "4321"])
def test_the_magnified_knobs_are_chosen_from_the_values(
    digit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The featured neuron's strongest weight and its bias, then the strongest weight into
    the answer; each slider spans its layer's largest |parameter|, and is named as a
    weight or a bias."""
    monkeypatch.setenv("LECTURE_DIGIT", digit)
    inputs = load_inputs()
    net, trace = inputs.network, inputs.digit.trace
    j = int(np.argmax(trace.activations[1]))
    answer = int(np.argmax(trace.output))
    strongest = int(np.argmax(np.abs(net.weights[0][j])))
    into_answer = int(np.argmax(np.abs(net.weights[-1][answer])))
    last = len(net.weights)
    knobs = plan(inputs).step("every-knob").shows.knobs
    assert [(k.parameter.layer, k.parameter.neuron, k.parameter.source) for k in knobs] == [
        (1, j, strongest),
        (1, j, None),
        (last, answer, into_answer),
    ]
    real = [net.weights[0][j, strongest], net.biases[0][j], net.weights[-1][answer, into_answer]]
    assert [k.parameter.value for k in knobs] == real
    for k in knobs:
        w, b = net.weights[k.parameter.layer - 1], net.biases[k.parameter.layer - 1]
        assert k.limit == np.abs(np.concatenate([w.ravel(), b])).max() >= abs(k.parameter.value)
        where = {"layer": k.parameter.layer, "neuron": k.parameter.neuron}
        if k.parameter.source is None:
            assert (k.name.key, k.name.name, dict(k.name.values)) == ("every-knob", "bias", where)
        else:
            assert (k.name.key, k.name.name) == ("every-knob", "weight")
            assert dict(k.name.values) == {"source": k.parameter.source, **where}


def test_counts_are_drawn_as_planned(network_shape: str) -> None:
    scene, words = render_in_frame(CountingKnobs)
    net, chapter = scene.inputs.network, scene.chapter
    assert list(words) == step_ids(chapter)
    assert len(scene.lines) == len(net.weights)
    for line, w in zip(scene.lines, net.weights, strict=True):
        n_out, n_in = w.shape
        assert line.tex_string == rf"{n_in} \times {n_out} + {n_out} = {grouped(w.size + n_out)}"
    counts = chapter.shows
    total = f"{grouped(counts.weights)} + {counts.biases} = {grouped(counts.parameters)}"
    assert scene.total_line.tex_string == total
    if network_shape == "16-16":
        assert scene.total_line.tex_string == "12{,}960 + 42 = 13{,}002"
    remark = scene.note(chapter.step("learning").notes["remark"])
    assert "".join(scene.remark.text.split()) == "".join(remark.split())
    # The column sits on the stage, in order, and the note is clear of the diagram.
    area, column = STAGE, [*scene.lines, scene.total_line]
    for above, below in pairwise(column):
        assert above.get_bottom()[1] > below.get_top()[1]
    for part in [*column, scene.remark, scene.mass, scene.sliders]:
        assert area.bottom - 1e-6 <= part.get_bottom()[1] and part.get_top()[1] <= area.top
        assert area.left - 1e-6 <= part.get_left()[0] and part.get_right()[0] <= area.right
    # The closing note sits clear of the parameters' images and the sliders.
    assert not overlaps(scene.remark, scene.mass)
    drawn = [m for m in scene.sliders.get_family() if not m.submobjects and m.has_points()]
    assert not [m for m in drawn if overlaps(scene.remark, m)]


@golden(CountingKnobs)
def test_total(scene: CountingKnobs) -> None:
    CountingKnobs.construct(scene)


def test_every_knob_is_drawn_at_its_value(network_shape: str) -> None:
    scene, _ = render_in_frame(CountingKnobs)
    net, mass = scene.inputs.network, scene.mass
    # One cell per parameter, every one shown, the counter at the network's count.
    assert mass.counts == [w.size + b.size for w, b in zip(net.weights, net.biases, strict=True)]
    assert sum(mass.counts) == net.n_parameters == int(scene.counted.get_value())
    assert mass.shown == mass.counts
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        cells = mass.cells[layer]
        # Counting order: neuron by neuron, its weights then its bias.
        expected = np.concatenate([np.append(w[j], b[j]) for j in range(w.shape[0])])
        np.testing.assert_array_equal(cells.values, expected)
        assert cells.is_bias.sum() == b.size
        # No two parameters share a cell, and each cell's colour is its value's.
        assert len(set(zip(cells.rows, cells.cols, strict=True))) == len(cells.values)
        colors = np.round(scene.palette.weight_rgb(expected, mass.scales[layer]) * 255)
        np.testing.assert_array_equal(mass.shown_colors(layer), colors.astype(np.uint8))
    # The magnified sliders are the plan's knobs: set to real parameters, on their layer's
    # scale, named by their notes, and marked on their own cells.
    knobs = scene.chapter.step("every-knob").shows.knobs
    assert len(scene.sliders) == len(knobs) == len(scene.marks)
    for knob, slider, mark in zip(knobs, scene.sliders, scene.marks, strict=True):
        param = knob.parameter
        if param.source is None:
            real = net.biases[param.layer - 1][param.neuron]
        else:
            real = net.weights[param.layer - 1][param.neuron, param.source]
        assert slider.value == real
        assert slider.limit == knob.limit == np.abs(mass.cells[param.layer - 1].values).max()
        assert abs(slider.knob_value - real) < 1e-9 * max(1.0, slider.limit)
        assert says(slider.title, scene.note(knob.name))
        cells = mass.cells[param.layer - 1]
        assert cells.values[param.order(net)] == real
        at = mass.cell_center(param.layer - 1, param.order(net))
        np.testing.assert_allclose(mark.get_center(), at, atol=1e-9)


def test_counting_mid_reveal_counter_matches_cells() -> None:
    scene = dry_render(CountingKnobs)
    mass = scene.mass
    mass.show(0, 1000)
    assert np.count_nonzero(mass.images[0].pixel_array[..., 3]) == 1000


@golden(CountingKnobs)
def test_every_knob(scene: CountingKnobs) -> None:
    build_up_to(scene, "every-knob")
