"""scenes/relu.py: both diagrams show their own network's activations and answers."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden

from network.activations import largest_slope, relu, slope_through_layers
from scenes.kit.diagram import DRAWN_PIXELS
from scenes.kit.maths import tex_number, tex_scientific
from scenes.relu import DEEP, SigmoidVsRelu

__module_test__ = "relu"


def test_both_networks_are_drawn_from_their_traces() -> None:
    scene = dry_render(SigmoidVsRelu)
    digit = scene.lecture.digit
    relu_net = scene.lecture.relu_network()
    assert relu_net.activation == "relu"
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
    np.testing.assert_allclose(
        scene.relu_trace.activations[1], relu(scene.relu_trace.zs[0]), atol=0
    )


def test_slopes_shown_are_the_activations_own() -> None:
    scene = dry_render(SigmoidVsRelu)
    assert scene.slopes == {"sigmoid": largest_slope("sigmoid"), "relu": largest_slope("relu")}
    for note, name in zip(scene.note, ("sigmoid", "relu"), strict=True):
        shown = note.tex_string
        assert tex_number(scene.slopes[name]) in shown
        assert tex_scientific(slope_through_layers(name, DEEP)) in shown


@golden(SigmoidVsRelu)
def test_same_digit(scene: SigmoidVsRelu) -> None:
    SigmoidVsRelu.construct(scene)
