"""scenes/relu.py and its chapter: the plan computes both activations' slopes and both
networks' answers, and chooses to name the shapes when the networks differ; both diagrams
show their own network's activations and answers, as the plan gives them."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from scene_helpers import golden, render_in_frame, says, step_ids

from lecture.chapters.relu import DEEP, EDGE, Comparison, plan
from lecture.choices import drawn_neurons
from lecture.inputs import load_inputs
from network.activations import relu, sigmoid
from scenes.kit.maths import tex_number, tex_scientific
from scenes.relu import SigmoidVsRelu

__module_test__ = "relu"


def check_plan(comparison: Comparison) -> None:
    """Each side's trace, answer and activation are its own network's, computed here."""
    inputs = load_inputs()
    digit = inputs.digit
    sig, rel = comparison.sigmoid, comparison.relu
    assert sig.network is inputs.network and rel.network is inputs.relu_network()
    assert (sig.network.activation, rel.network.activation) == ("sigmoid", "relu")
    assert sig.trace is digit.trace
    # The ReLU network's trace, layer by layer by hand: ReLU hidden layers, sigmoid output.
    a = digit.pixels
    for layer, (w, b) in enumerate(zip(rel.network.weights, rel.network.biases, strict=True)):
        z = w @ a + b
        a = sigmoid(z) if layer == len(rel.network.weights) - 1 else relu(z)
        np.testing.assert_allclose(rel.trace.activations[layer + 1], a, atol=1e-12)
    for side in (sig, rel):
        assert side.answer == int(np.argmax(side.trace.output))
        assert side.activation == side.trace.output.max()


def test_the_plan_computes_slopes_and_answers(network_shape: str) -> None:
    inputs = load_inputs()
    chapter = plan(inputs)
    assert step_ids(chapter) == ["relu.sigmoid", "relu.relu", "relu.why-relu", "relu.same-digit"]
    ends = chapter.step("sigmoid").values
    assert (ends["left"], ends["right"]) == (-EDGE, EDGE)
    np.testing.assert_allclose(
        [ends["at_left"], ends["at_right"]],
        [1 / (1 + np.exp(EDGE)), 1 / (1 + np.exp(-EDGE))],
        rtol=1e-12,
    )
    # The sigmoid's slope is at most 1/4, ReLU's is 1: over DEEP layers the sigmoid lets
    # through at most one part in 4^DEEP.
    why = chapter.step("why-relu")
    assert why.values["sigmoid_slope"] == pytest.approx(0.25, abs=1e-9)
    assert why.values["relu_slope"] == 1.0
    assert (why.values["layers"], why.values["one_in"]) == (DEEP, 4**DEEP)
    slopes = why.shows
    assert slopes.layers == DEEP
    assert (slopes.sigmoid.steepest, slopes.relu.steepest) == (
        why.values["sigmoid_slope"],
        why.values["relu_slope"],
    )
    assert slopes.sigmoid.after_layers == pytest.approx(0.25**DEEP, rel=1e-6)
    assert slopes.relu.after_layers == 1.0
    # Both networks have the shape under test: the plain key, and no shape in the titles.
    same = chapter.step("same-digit")
    assert same.key == "same-digit"
    comparison = same.shows
    check_plan(comparison)
    assert comparison.sigmoid.shape is None and comparison.relu.shape is None
    assert same.values == {
        "sigmoid_answer": comparison.sigmoid.answer,
        "sigmoid_activation": comparison.sigmoid.activation,
        "relu_answer": comparison.relu.answer,
        "relu_activation": comparison.relu.activation,
    }
    assert comparison.scaling.key == "same-digit"


def check_drawn(scene: SigmoidVsRelu) -> None:
    """What is drawn is the plan's: the slope notes, each side's lit neurons, answer,
    value and title, and the note under both."""
    slopes = scene.chapter.step("why-relu").shows
    for note, slope in ((scene.sigmoid_note, slopes.sigmoid), (scene.relu_note, slopes.relu)):
        assert tex_number(slope.steepest) in note.tex_string
        assert tex_scientific(slope.after_layers) in note.tex_string
        assert f"after {DEEP} layers" in note.tex_string
    assert scene.relu_note.get_color() == scene.palette.highlight
    assert scene.sigmoid_note.get_color() != scene.palette.highlight
    comparison = scene.chapter.step("same-digit").shows
    sides = ((scene.sigmoid_side, comparison.sigmoid), (scene.relu_side, comparison.relu))
    for lit, side in sides:
        assert lit.diagram.network is side.network
        for layer in range(len(side.network.sizes)):
            a = side.trace.activations[layer]
            drawn = list(drawn_neurons(side.network.sizes, layer))
            assert len(lit.diagram.layers[layer]) == len(drawn)
            expected = a[drawn] / max(1, a.max())  # ReLU layers relative to their brightest
            np.testing.assert_allclose(lit.diagram.fill_opacities(layer), expected, atol=1e-6)
        assert lit.value.tex_string == tex_number(side.activation)
        assert lit.heading.text.endswith(f"reads{side.answer}")
        assert lit.heading.text.startswith(side.name)
        if side.shape is None:
            assert lit.shape is None and lit.title is lit.heading
        else:
            assert lit.shape is not None and lit.shape.text == side.shape
            assert lit.shape.get_top()[1] < lit.heading.get_bottom()[1]
    assert says(scene.scaling, scene.note(comparison.scaling))


def test_both_networks_are_drawn_from_their_traces(network_shape: str) -> None:
    scene, words = render_in_frame(SigmoidVsRelu)
    assert list(words) == step_ids(scene.chapter)
    check_drawn(scene)


@pytest.fixture
def other_shapes(monkeypatch: pytest.MonkeyPatch, shape_weights) -> Iterator[None]:
    """Only the sigmoid weights are set, to a 784-32-10 network: the ReLU one ships 16-16."""
    monkeypatch.setenv("LECTURE_WEIGHTS", str(shape_weights["32"]["sigmoid"]))
    load_inputs.cache_clear()
    yield
    load_inputs.cache_clear()


def test_networks_of_different_shapes_are_named(other_shapes) -> None:
    chapter = plan(load_inputs())
    step = chapter.step("same-digit")
    assert step.key == "same-digit-other-shapes"
    comparison = step.shows
    check_plan(comparison)
    assert (comparison.sigmoid.shape, comparison.relu.shape) == ("784-32-10", "784-16-16-10")
    assert step.values == {
        "sigmoid_shape": "784-32-10",
        "relu_shape": "784-16-16-10",
        "sigmoid_answer": comparison.sigmoid.answer,
        "sigmoid_activation": comparison.sigmoid.activation,
        "relu_answer": comparison.relu.answer,
        "relu_activation": comparison.relu.activation,
    }
    scene, words = render_in_frame(SigmoidVsRelu)
    assert list(words) == step_ids(scene.chapter)
    assert "relu.same-digit-other-shapes" in words
    check_drawn(scene)


@golden(SigmoidVsRelu)
def test_same_digit(scene: SigmoidVsRelu) -> None:
    SigmoidVsRelu.construct(scene)
