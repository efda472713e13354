"""scenes/sigmoid_bias.py: σ, the bias and the trained neuron's numbers in the plan are
network/'s, and what is drawn is the plan's."""

from __future__ import annotations

import numpy as np
import pytest
from scene_helpers import build_up_to, dry_render, golden, render_in_frame, step_ids
from scipy.special import expit

from lecture.chapters.sigmoid_bias import BIAS, KEYS, LEAST_REACH, TICK, plan
from lecture.inputs import load_inputs
from network.detector import LECTURE_DETECTOR, apply_neuron, best_centre, edge_detector
from scenes.kit.maths import tex_number
from scenes.sigmoid_bias import SigmoidAndBias

__module_test__ = "sigmoid_bias"


def check_plan() -> None:
    """Every step's key, values and marked sum against network/, and the axis's reach."""
    inputs = load_inputs()
    digit, net = inputs.digit, inputs.network
    chapter = plan(inputs)
    assert {s.key for s in chapter.steps} == KEYS
    assert all(s.key == s.beat and s.part is None for s in chapter.steps)  # no variants

    assert dict(chapter.step("sigmoid").values) == pytest.approx(
        {"left": -TICK, "right": TICK, "at_left": expit(-TICK), "at_right": expit(TICK)},
        rel=0,
        abs=1e-12,
    )
    # The designed detector of the weighted-sum chapter, on the same stroke.
    d = LECTURE_DETECTOR
    centre = best_centre(digit.pixels, d.orientation, surround=d.surround, **d.shape)
    detector = edge_detector(centre, surround=d.surround, **d.shape)
    s = float(detector.reshape(-1) @ digit.pixels)
    real = chapter.step("real-sum")
    assert real.shows == apply_neuron(detector, digit.pixels)
    assert dict(real.values) == pytest.approx({"sum": s, "activation": expit(s)}, rel=0, abs=1e-12)
    bias = chapter.step("bias")
    assert bias.shows.bias == BIAS and bias.shows.weighted_sum == s
    assert bias.values["threshold"] == -BIAS and bias.values["bias"] == BIAS
    assert abs(bias.values["activation"] - expit(s + BIAS)) < 1e-12

    k = int(np.argmax(digit.trace.activations[1]))
    w, b = net.weights[0][k], float(net.biases[0][k])
    landed, trained = chapter.step("neuron-sum"), chapter.step("trained-neuron")
    assert landed.shows is trained.shows
    t = trained.shows
    assert landed.values == {"neuron": k, "sum": float(w @ digit.pixels)}
    assert trained.values == {
        "neuron": k,
        "sum": float(w @ digit.pixels),
        "bias": b,
        "z": t.z,
        "activation": t.activation,
    }
    assert abs(t.z - digit.trace.zs[0][k]) < 1e-9
    assert abs(t.activation - digit.trace.activations[1][k]) < 1e-12

    # The axis: ticks every TICK, at least LEAST_REACH, every marked sum inside its last
    # tick, and no longer than that needs.
    plot = chapter.shows
    assert plot.neuron == k and plot.inputs == 784
    start, reach, tick = plot.x_range
    assert start == -reach and tick == TICK and reach >= LEAST_REACH and reach % TICK == 0
    marked = [abs(s), abs(t.weighted_sum), abs(t.z)]
    assert max(marked) + TICK / 10 <= reach
    assert reach == LEAST_REACH or max(marked) + TICK / 10 > reach - TICK


def test_the_plan_is_the_networks(network_shape: str) -> None:
    check_plan()


def test_the_plan_follows_the_digit(digit_index: int) -> None:
    check_plan()
    assert load_inputs().digit.source == f"bundled digit #{digit_index}"


def curve_points(axes, curve, count: int = 61) -> np.ndarray:
    """(x, y) along a drawn curve, in the axes' coordinates."""
    points = [curve.point_from_proportion(t) for t in np.linspace(0, 1, count)]
    return np.array([axes.p2c(p) for p in points]).T


def test_the_curve_and_the_marks_are_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(SigmoidAndBias)
    chapter = scene.chapter
    assert list(words) == step_ids(chapter)
    # The axis is the plan's, and the curve drawn along all of it is σ.
    start, reach, _ = chapter.shows.x_range
    assert tuple(scene.axes.x_range[:2]) == (start, reach)
    xs, ys = curve_points(scene.axes, scene.curve)
    assert xs.min() < start + 1 and xs.max() > reach - 1
    np.testing.assert_allclose(ys, expit(xs), atol=2e-3)
    t = chapter.step("trained-neuron").shows
    np.testing.assert_allclose(scene.axes.p2c(scene.dot.get_center()), [t.z, t.activation])
    assert scene.trained_tex.tex_string.endswith(f"= {tex_number(t.activation, 4)}")
    assert f"\\sigma({tex_number(t.z)})" in scene.trained_tex.tex_string


def test_the_sums_land_and_the_bias_shifts_them(network_shape: str) -> None:
    """The designed sum with ``BIAS`` sits on the shifted curve; the featured neuron's
    sum is a point on the x axis; the bias arrow runs from it to z = sum + b; the point
    ends on the curve at (z, σ(z))."""
    seen: dict[str, object] = {}

    def record(words, scene) -> None:
        if words.step_id == "sigmoid_bias.bias":
            seen["shifted"] = curve_points(scene.axes, scene.shifted)
            seen["mark"] = scene.axes.p2c(scene.mark.dot.get_center())
            seen["formula"] = scene.bias_formula.tex_string
        if words.step_id == "sigmoid_bias.neuron-sum":
            seen["dot"] = scene.axes.p2c(scene.dot.get_center())
            seen["sum"] = scene.sum_tex.tex_string
            seen["highlit"] = scene.sum_value.get_color().to_hex()
            seen["value"] = scene.value.tex_string

    scene = dry_render(SigmoidAndBias, step_recorder=record)
    chapter = scene.chapter
    biased = chapter.step("bias").shows
    xs, ys = seen["shifted"]
    np.testing.assert_allclose(ys, expit(xs + biased.bias), atol=2e-3)
    np.testing.assert_allclose(seen["mark"], [biased.weighted_sum, biased.activation])
    assert seen["formula"].endswith(f"b = {biased.bias:g}")
    t = chapter.step("trained-neuron").shows
    np.testing.assert_allclose(seen["dot"], [t.weighted_sum, 0.0], atol=1e-6)
    # The formula's number, highlighted, is the one lifted onto the axis.
    assert seen["sum"].endswith(f"= {tex_number(t.weighted_sum)}")
    assert seen["value"] == tex_number(t.weighted_sum)
    assert seen["highlit"] == scene.palette.highlight.to_hex()
    start = scene.axes.p2c(scene.shift_arrow.get_start())[0]
    end = scene.axes.p2c(scene.shift_arrow.get_end())[0]
    np.testing.assert_allclose([start, end], [t.weighted_sum, t.z], atol=1e-6)
    assert scene.bias_tex.tex_string == f"b = {tex_number(t.bias)}"
    np.testing.assert_allclose(
        scene.axes.p2c(scene.dot.get_center()), [t.z, expit(t.z)], atol=1e-6
    )


@golden(SigmoidAndBias)
def test_neuron_sum_on_the_axis(scene: SigmoidAndBias) -> None:
    build_up_to(scene, "neuron-sum")


@golden(SigmoidAndBias)
def test_trained_neuron(scene: SigmoidAndBias) -> None:
    SigmoidAndBias.construct(scene)
