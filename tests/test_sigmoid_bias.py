"""scenes/sigmoid_bias.py: σ, the bias and the trained neuron's numbers in the plan are
network/'s, and what is drawn is the plan's."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from scene_helpers import build_up_to, dry_render, golden, render_in_frame, step_ids
from scipy.special import expit

from lecture.chapters.sigmoid_bias import BIAS, KEYS, LEAST_REACH, SMALL_BIAS, TICK, plan
from lecture.inputs import Inputs, load_inputs
from lecture.nearness import ALMOST, NEAR
from network.detector import LECTURE_DETECTOR, apply_neuron, best_centre, edge_detector
from network.model import Network
from scenes.kit.maths import tex_activation, tex_number
from scenes.sigmoid_bias import SigmoidAndBias

__module_test__ = "sigmoid_bias"


def ear(x: float) -> float:
    """``x`` to two significant figures, as the narration should say it (worked out here)."""
    return float(f"{x:.2g}")


def said_here(inputs: Inputs, a: float) -> str:
    """The script's words for an activation ``a``, chosen here by how near it is to zero
    or one: within ``ALMOST`` "almost exactly", within ``NEAR`` "close to", else the
    number to two places."""
    if a >= 1 - ALMOST or a <= ALMOST:
        near = "almost-one" if a > 0.5 else "almost-zero"
    elif a >= 1 - NEAR or a <= NEAR:
        near = "near-one" if a > 0.5 else "near-zero"
    else:
        return inputs.script.note("sigmoid_bias", "sigmoid", "middle", {"value": round(a, 2)})
    return inputs.script.note("sigmoid_bias", "sigmoid", near, {})


def featured_here(inputs: Inputs) -> tuple[int, float, float, float]:
    """The first-layer neuron the digit lights most, its weighted sum, bias and activation,
    computed here from the arrays."""
    net, a = inputs.network, inputs.digit.pixels
    z = net.weights[0] @ a + net.biases[0]
    k = int(np.argmax(expit(z)))
    return k, float(net.weights[0][k] @ a), float(net.biases[0][k]), float(expit(z[k]))


def designed_sum_here(pixels: np.ndarray, surround: float | None = None) -> tuple[float, float]:
    """The designed detector's sum on ``pixels`` where it is largest, and on a blank
    white image (with its bands unless ``surround`` is 0)."""
    d = LECTURE_DETECTOR
    surround = d.surround if surround is None else surround
    centre = best_centre(pixels, d.orientation, surround=d.surround, **d.shape)
    w = edge_detector(centre, d.orientation, surround=surround, **d.shape).reshape(-1)
    return float(w @ pixels), float(w.sum())


def significant_digits(number: str) -> int:
    """How many significant figures a number as written in words has ("0.94" 2, "13" 2,
    "-10" 1, "27" 2, "0.0030" 2)."""
    digits = number.lstrip("-").replace(".", "").lstrip("0")
    return len(digits if "." in number else digits.rstrip("0")) or 1


def assert_said_briefly(inputs: Inputs, chapter, name: str) -> None:
    """No number the narration says has more than two significant figures, and no sentence
    says more than two numbers."""
    for step in chapter.steps:
        words = inputs.script.words(chapter.name, step.key, step.values, step.part)
        for sentence, _ in words.sentences():
            numbers = re.findall(r"-?\d[\d,]*(?:\.\d+)?", sentence)
            assert len(numbers) <= 2, (name, sentence)
            for number in numbers:
                assert significant_digits(number.replace(",", "")) <= 2, (name, sentence)


def shown_honestly(text: str, a: float) -> bool:
    """An activation as shown after "≈" (0.9970, or 1 - 1.0 \\times 10^{-11}): never 0 or
    1 unless the float is, and its distance to the nearer of 0 and 1 right to within a
    twentieth."""
    gap = min(a, 1 - a)
    power = re.fullmatch(r"(1 - )?([0-9.]+) \\times 10\^\{(-?\d+)\}", text)
    if power:
        shown_gap = float(power[2]) * 10.0 ** int(power[3])
        if (power[1] is not None) != (a > 0.5):
            return False
    else:
        shown = float(text)
        if shown in (0.0, 1.0):
            return gap == 0
        shown_gap = min(shown, 1 - shown)
    return abs(shown_gap - gap) <= 0.05 * gap + 1e-15


def check_plan() -> None:
    """Every step's key, values and marked sum against network/, and the axis's reach."""
    inputs = load_inputs()
    digit, net = inputs.digit, inputs.network
    chapter = plan(inputs)
    assert {s.key for s in chapter.steps} <= KEYS
    assert all(s.key.startswith(s.beat) and s.part is None for s in chapter.steps)

    assert dict(chapter.step("sigmoid").values) == {}
    # The designed detector of the weighted-sum chapter, on the same stroke.
    d = LECTURE_DETECTOR
    centre = best_centre(digit.pixels, d.orientation, surround=d.surround, **d.shape)
    detector = edge_detector(centre, surround=d.surround, **d.shape)
    s = float(detector.reshape(-1) @ digit.pixels)
    real = chapter.step("real-sum")
    assert real.shows == apply_neuron(detector, digit.pixels)
    assert real.values["sum"] == pytest.approx(s, abs=1e-12)
    assert real.values["said"] == ear(s)
    assert real.values["near"] == said_here(inputs, expit(s))
    bias = chapter.step("bias")
    assert bias.shows.bias == BIAS and bias.shows.weighted_sum == s
    assert bias.values["threshold"] == -BIAS and bias.values["bias"] == BIAS
    assert bias.values["near"] == said_here(inputs, expit(s + BIAS))

    k, total, b, activation = featured_here(inputs)
    w = net.weights[0][k]
    landed, trained = chapter.step("neuron-sum"), chapter.step("trained-neuron")
    assert landed.shows is trained.shows
    t = trained.shows
    assert landed.values == {"neuron": k}
    assert t.weighted_sum == pytest.approx(total) and t.bias == b
    assert trained.values == {"bias": ear(b), "near": said_here(inputs, activation)}
    assert abs(t.z - digit.trace.zs[0][k]) < 1e-9
    assert abs(t.activation - digit.trace.activations[1][k]) < 1e-12
    assert w.size == 784

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
    shown = scene.trained_tex.tex_string.split("\\approx ")[-1].strip()
    assert shown_honestly(shown, t.activation)
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


def trained_key_here(bias: float) -> str:
    """The trained neuron's words by the sign of its bias, worked out here."""
    if abs(bias) < SMALL_BIAS:
        return "trained-neuron-small"
    return "trained-neuron" if bias > 0 else "trained-neuron-negative"


def check_wording(inputs: Inputs, name: str) -> None:
    """Every value-dependent word of the chapter against the values, worked out here."""
    from lecture.chapters.weighted_sum import plan as weighted_sum_plan

    chapter = plan(inputs)
    s, _ = designed_sum_here(inputs.digit.pixels)
    real, bias = chapter.step("real-sum"), chapter.step("bias")
    assert real.values["said"] == ear(s), name
    assert real.values["near"] == said_here(inputs, expit(s)), name
    assert bias.values["near"] == said_here(inputs, expit(s + BIAS)), name
    _, _, b, activation = featured_here(inputs)
    trained = chapter.step("trained-neuron")
    assert trained.key == trained_key_here(b), name
    assert trained.values["bias"] == ear(b), name
    assert trained.values["near"] == said_here(inputs, activation), name
    # The same neuron sounds the same in the weighted-sum chapter.
    assert weighted_sum_plan(inputs).step("one-neuron").values["lit"] == trained.values["near"]
    # Shown: never "1.0000" for an activation that is not one.
    for a in (expit(s), expit(s + BIAS), activation):
        assert shown_honestly(tex_activation(a), a), (name, a, tex_activation(a))
    assert_said_briefly(inputs, chapter, name)


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    for case in sweep_cases:
        check_wording(case.inputs, case.name)


@pytest.mark.parametrize("bias", [-0.5, -0.05, 0.0, 0.09, 0.73])
def test_the_trained_neurons_words_follow_its_bias(bias: float) -> None:
    """A negative bias raises the bar, a positive one lowers it, a tiny one hardly moves
    the point: the featured neuron given each bias in turn (each small enough that it
    stays the neuron the digit lights most)."""
    inputs = load_inputs()
    old = inputs.network
    k = inputs.digit.featured_neuron
    biases = [b.copy() for b in old.biases]
    biases[0][k] = bias
    net = Network(old.weights, biases, old.activation)
    digit = dataclasses.replace(inputs.digit, trace=net.forward(inputs.digit.pixels))
    changed = dataclasses.replace(inputs, network=net, digit=digit)
    assert changed.digit.featured_neuron == k  # still the neuron the digit lights most
    check_wording(changed, f"bias {bias}")
    assert plan(changed).step("trained-neuron").key == trained_key_here(bias)


@pytest.mark.parametrize(
    ("a", "kind"),
    [
        (0.9999974, "almost-one"),
        (0.997, "near-one"),
        (0.9448, "middle"),
        (0.5, "middle"),
        (0.03, "near-zero"),
        (4.5e-5, "almost-zero"),
    ],
)
def test_activations_are_said_by_how_near_they_are(a: float, kind: str) -> None:
    from lecture.nearness import said_activation

    inputs = load_inputs()
    values = {"value": round(a, 2)} if kind == "middle" else {}
    assert said_activation(inputs, a) == inputs.script.note(
        "sigmoid_bias", "sigmoid", kind, values
    )
    assert said_activation(inputs, a) == said_here(inputs, a)
    assert shown_honestly(tex_activation(a), a)


@golden(SigmoidAndBias)
def test_neuron_sum_on_the_axis(scene: SigmoidAndBias) -> None:
    build_up_to(scene, "neuron-sum")


@golden(SigmoidAndBias)
def test_trained_neuron(scene: SigmoidAndBias) -> None:
    SigmoidAndBias.construct(scene)
