"""scenes/relu.py: both diagrams show their own network's activations and answers, and the
words name the same slopes and answers, and both shapes when the networks differ."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from scene_helpers import golden, render_in_frame, says

from lecture.choices import drawn_neurons
from lecture.inputs import load_inputs
from network.activations import largest_slope, relu, sigmoid, slope_through_layers
from network.shapes import dashed
from scenes.kit.maths import tex_number, tex_scientific
from scenes.relu import DEEP, EDGE, SigmoidVsRelu

__module_test__ = "relu"


def check_diagrams(scene: SigmoidVsRelu, said: str) -> None:
    """Each side lights its own network's drawn neurons, marks its answer, and the words
    name both answers."""
    digit = scene.inputs.digit
    relu_net = scene.inputs.relu_network()
    assert relu_net.activation == "relu"
    answers = []
    for side, net, trace in (
        (scene.sigmoid_side, scene.inputs.network, digit.trace),
        (scene.relu_side, relu_net, scene.relu_trace),
    ):
        diagram, _marker, value, title = side
        assert diagram.network is net
        for layer in range(len(net.sizes)):
            a = trace.activations[layer]
            drawn = list(drawn_neurons(net.sizes, layer))
            assert len(diagram.layers[layer]) == len(drawn)
            expected = a[drawn] / max(1, a.max())  # ReLU layers relative to their brightest
            np.testing.assert_allclose(diagram.fill_opacities(layer), expected, atol=1e-6)
        answer = int(np.argmax(trace.output))
        assert value.tex_string == tex_number(trace.output[answer])
        heading = title if scene.same_shape else title[0]
        assert heading.text.endswith(f"reads{answer}")
        if not scene.same_shape:
            assert title[1].text == dashed(net.sizes)
        answers.append((answer, value.tex_string))
    np.testing.assert_allclose(
        scene.relu_trace.activations[1], relu(scene.relu_trace.zs[0]), atol=0
    )
    (s_answer, s_value), (r_answer, r_value) = answers
    assert f"sigmoid network reads it as {s_answer}, at {s_value};" in said
    assert f"the ReLU network as {r_answer}, at {r_value}." in said
    assert says(scene.scaling, "relative to their brightest neuron")


def test_both_networks_are_drawn_from_their_traces(network_shape: str) -> None:
    scene, words = render_in_frame(SigmoidVsRelu)
    assert scene.same_shape  # network_shape gives both networks the same shape
    assert scene.inputs.relu_network().sizes == scene.inputs.network.sizes
    said = words["relu.same-digit"].narration
    check_diagrams(scene, said)
    assert "two trained networks of the same shape" in said

    # The slopes shown and said are the activations' own (whatever the networks).
    assert scene.slopes == {"sigmoid": largest_slope("sigmoid"), "relu": largest_slope("relu")}
    for note, name in zip(scene.slope_notes, ("sigmoid", "relu"), strict=True):
        shown = note.tex_string
        assert tex_number(scene.slopes[name]) in shown
        assert tex_scientific(slope_through_layers(name, DEEP)) in shown
    assert list(words) == [f"relu.{key}" for key in ("sigmoid", "relu", "why-relu", "same-digit")]
    ends = f"at {-EDGE} it gives {sigmoid(-EDGE):.2f}, at {EDGE} it gives {sigmoid(EDGE):.2f}"
    assert ends in words["relu.sigmoid"].narration
    why = words["relu.why-relu"]
    steepest = tex_number(largest_slope("sigmoid"))
    assert why.headline.endswith(f"at most {steepest}")
    kept = round(1 / slope_through_layers("sigmoid", DEEP))
    assert f"The sigmoid's is at most {steepest}, so over {DEEP} layers" in why.narration
    assert f"at most one part in {kept:,}." in why.narration
    assert f"ReLU's slope is {tex_number(largest_slope('relu'))}" in why.narration


@pytest.fixture
def other_shapes(monkeypatch: pytest.MonkeyPatch, shape_weights) -> Iterator[None]:
    """Only the sigmoid weights are set, to a 784-32-10 network: the ReLU one ships 16-16."""
    monkeypatch.setenv("LECTURE_WEIGHTS", str(shape_weights["32"]["sigmoid"]))
    load_inputs.cache_clear()
    yield
    load_inputs.cache_clear()


def test_networks_of_different_shapes_are_named(other_shapes) -> None:
    scene, words = render_in_frame(SigmoidVsRelu)
    sig, rel = scene.inputs.network.sizes, scene.inputs.relu_network().sizes
    assert sig != rel and not scene.same_shape
    assert "relu.same-digit" not in words
    step = words["relu.same-digit-other-shapes"]
    assert "different shapes" in step.headline
    said = step.narration
    assert "of the same shape" not in said
    assert f"the sigmoid network is {dashed(sig)}, the ReLU network {dashed(rel)}" in said
    check_diagrams(scene, said)


@golden(SigmoidVsRelu)
def test_same_digit(scene: SigmoidVsRelu) -> None:
    SigmoidVsRelu.construct(scene)
