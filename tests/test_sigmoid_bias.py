"""scenes/sigmoid_bias.py: σ, the bias and the trained neuron's numbers are network/'s."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden
from scipy.special import expit

from scenes.kit.maths import tex_number
from scenes.sigmoid_bias import BIAS, SigmoidAndBias

__module_test__ = "sigmoid_bias"


def test_marked_values_are_the_networks() -> None:
    scene = dry_render(SigmoidAndBias)
    digit = scene.lecture.digit
    s = scene.plain.weighted_sum
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


@golden(SigmoidAndBias)
def test_trained_neuron(scene: SigmoidAndBias) -> None:
    SigmoidAndBias.construct(scene)
