"""scenes/relu.py: both diagrams show their own network's activations and answers, and the
words name the same slopes and answers."""

from __future__ import annotations

import numpy as np
from scene_helpers import golden, render_words, says

from network.activations import largest_slope, relu, sigmoid, slope_through_layers
from scenes.kit.diagram import DRAWN_PIXELS
from scenes.kit.maths import tex_number, tex_scientific
from scenes.relu import DEEP, EDGE, SigmoidVsRelu

__module_test__ = "relu"


def test_both_networks_are_drawn_from_their_traces() -> None:
    scene, words = render_words(SigmoidVsRelu)
    digit = scene.lecture.digit
    relu_net = scene.lecture.relu_network()
    assert relu_net.activation == "relu"
    answers = []
    for side, trace in ((scene.sigmoid_side, digit.trace), (scene.relu_side, scene.relu_trace)):
        diagram, _marker, value, title = side
        np.testing.assert_allclose(
            diagram.fill_opacities(0), trace.activations[0][list(DRAWN_PIXELS)], atol=1e-6
        )
        for layer in range(1, 4):
            a = trace.activations[layer]
            np.testing.assert_allclose(
                diagram.fill_opacities(layer), a / max(1, a.max()), atol=1e-6
            )
        answer = int(np.argmax(trace.output))
        assert value.tex_string == tex_number(trace.output[answer])
        assert title.text.endswith(f"reads{answer}")
        answers.append((answer, value.tex_string))
    np.testing.assert_allclose(
        scene.relu_trace.activations[1], relu(scene.relu_trace.zs[0]), atol=0
    )
    said = words["relu.same-digit"].narration
    (s_answer, s_value), (r_answer, r_value) = answers
    assert f"sigmoid network reads it as {s_answer}, at {s_value};" in said
    assert f"the ReLU network as {r_answer}, at {r_value}." in said
    assert says(scene.scaling, "relative to their brightest neuron")
    assert -7.1 < scene.scaling.get_left()[0] and scene.scaling.get_right()[0] < 7.1
    assert scene.scaling.get_bottom()[1] > -4


def test_slopes_shown_are_the_activations_own() -> None:
    scene, words = render_words(SigmoidVsRelu)
    assert scene.slopes == {"sigmoid": largest_slope("sigmoid"), "relu": largest_slope("relu")}
    for note, name in zip(scene.slope_notes, ("sigmoid", "relu"), strict=True):
        shown = note.tex_string
        assert tex_number(scene.slopes[name]) in shown
        assert tex_scientific(slope_through_layers(name, DEEP)) in shown
    assert list(words) == [f"relu.{key}" for key in SigmoidVsRelu.STEPS]
    ends = f"at {-EDGE} it gives {sigmoid(-EDGE):.2f}, at {EDGE} it gives {sigmoid(EDGE):.2f}"
    assert ends in words["relu.sigmoid"].narration
    why = words["relu.why-relu"]
    steepest = tex_number(largest_slope("sigmoid"))
    assert why.headline.endswith(f"at most {steepest}")
    kept = round(1 / slope_through_layers("sigmoid", DEEP))
    assert f"The sigmoid's is at most {steepest}, so over {DEEP} layers" in why.narration
    assert f"at most one part in {kept:,}." in why.narration
    assert f"ReLU's slope is {tex_number(largest_slope('relu'))}" in why.narration


@golden(SigmoidVsRelu)
def test_same_digit(scene: SigmoidVsRelu) -> None:
    SigmoidVsRelu.construct(scene)
