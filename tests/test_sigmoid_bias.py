"""scenes/sigmoid_bias.py: σ, the bias and the trained neuron's numbers are network/'s,
on screen and in the words."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden, render_in_frame
from scipy.special import expit

from scenes.kit.maths import tex_number
from scenes.sigmoid_bias import BIAS, X_RANGE, SigmoidAndBias

__module_test__ = "sigmoid_bias"


def test_marked_values_are_the_networks_and_the_words_name_them(network_shape: str) -> None:
    scene, words = render_in_frame(SigmoidAndBias)
    assert list(words) == [f"sigmoid_bias.{key}" for key in SigmoidAndBias.STEPS]
    digit = scene.inputs.digit
    s = scene.plain.weighted_sum
    assert abs(scene.plain.activation - expit(s)) < 1e-12
    assert abs(scene.biased.activation - expit(s + BIAS)) < 1e-12
    k = int(np.argmax(digit.trace.activations[1]))
    t = scene.trained
    assert abs(t.z - digit.trace.zs[0][k]) < 1e-9
    assert abs(t.activation - digit.trace.activations[1][k]) < 1e-12
    assert scene.trained_tex.tex_string.endswith(tex_number(digit.trace.activations[1][k], 4))
    # the curve drawn is the sigmoid: every point along it sits where expit says
    xs, ys = np.array(
        [scene.axes.p2c(scene.curve.point_from_proportion(t)) for t in np.linspace(0, 1, 61)]
    ).T
    assert xs.min() < -14 and xs.max() > 14  # it spans the axis
    np.testing.assert_allclose(ys, expit(xs), atol=2e-3)
    dot = scene.mark[0].get_center()
    np.testing.assert_allclose(scene.axes.p2c(dot), [t.z, t.activation], atol=1e-6)

    # The words say the numbers the picture shows, formatted as the script does.
    x = X_RANGE[2]
    said = words["sigmoid_bias.sigmoid"].narration
    assert f"It gives {expit(-x):.3f} at {-x:g} and {expit(x):.3f} at {x:g}" in said
    real = words["sigmoid_bias.real-sum"]
    assert f"{s:.2f}" in real.headline
    assert f"sum of {s:.2f}." in real.narration
    assert f"read off {scene.plain.activation:.4f}:" in real.narration
    bias = words["sigmoid_bias.bias"]
    assert f"past {-BIAS:g}, add a bias of {BIAS:g}" in bias.headline
    assert f"{s:.2f} now gives {scene.biased.activation:.4f}" in bias.narration
    landed = words["sigmoid_bias.neuron-sum"]
    assert landed.headline.startswith(f"Back to neuron {k}:")
    assert f"neuron {k}, the one our digit" in landed.narration
    assert f"connections, {tex_number(t.weighted_sum)}, lands here" in landed.narration
    trained = words["sigmoid_bias.trained-neuron"].narration
    b = float(scene.inputs.network.biases[0][k])
    assert f"Neuron {k} adds its learned bias" in trained
    assert f"bias of {tex_number(b)} to a sum of {tex_number(t.weighted_sum)}" in trained
    assert f"along the axis to {tex_number(t.z)}." in trained
    assert f"sigma of {tex_number(t.z)} is {tex_number(t.activation, 4)}" in trained


def test_the_neurons_sum_lands_on_the_axis_and_the_bias_shifts_it(network_shape: str) -> None:
    """The featured neuron's real sum is a point on the x axis; the bias arrow runs from
    it to z = sum + b; the point ends on the curve at (z, σ(z)); the axis holds them all."""
    seen: dict[str, np.ndarray] = {}

    def record(words, scene) -> None:
        if words.step_id == "sigmoid_bias.neuron-sum":
            seen["dot"] = scene.axes.p2c(scene.dot.get_center())
            seen["sum"] = scene.sum_tex.tex_string

    scene = dry_render(SigmoidAndBias, step_recorder=record)
    digit, net = scene.inputs.digit, scene.inputs.network
    k = int(np.argmax(digit.trace.activations[1]))
    s = float(net.weights[0][k] @ digit.pixels)
    b = float(net.biases[0][k])
    assert scene.neuron == k
    np.testing.assert_allclose(seen["dot"], [s, 0.0], atol=1e-6)
    assert seen["sum"].endswith(f"= {tex_number(s)}")
    start = scene.axes.p2c(scene.shift_arrow.get_start())[0]
    end = scene.axes.p2c(scene.shift_arrow.get_end())[0]
    np.testing.assert_allclose([start, end], [s, s + b], atol=1e-6)
    assert scene.bias_tex.tex_string == f"b = {tex_number(b)}"
    np.testing.assert_allclose(
        scene.axes.p2c(scene.dot.get_center()), [s + b, expit(s + b)], atol=1e-6
    )
    reach = scene.x_range[1]
    assert scene.x_range == (-reach, reach, X_RANGE[2]) and reach >= X_RANGE[1]
    for x in (scene.plain.weighted_sum, s, s + b):
        assert abs(x) < reach


@golden(SigmoidAndBias)
def test_neuron_sum_on_the_axis(scene: SigmoidAndBias) -> None:
    scene.prepare()
    scene.show_sigmoid()
    scene.mark_sum()
    scene.add_bias()
    scene.land_neuron_sum()


@golden(SigmoidAndBias)
def test_trained_neuron(scene: SigmoidAndBias) -> None:
    SigmoidAndBias.construct(scene)
