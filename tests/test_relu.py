"""scenes/relu.py and its chapter: the plan computes both activations' slopes, both
networks' answers and accuracies, and chooses its words from them (how near the sigmoid
comes to zero and one, what is left of a learning signal, whether the networks agree and
do about equally well, and the shapes when the networks differ); both diagrams show their
own network's activations and answers, as the plan gives them."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from scene_helpers import build_up_to, golden, render_in_frame, says, step_ids
from scipy.special import expit
from test_three import assert_words_fill

from lecture.chapters.relu import (
    ALMOST,
    CLOSE,
    DEEP,
    EDGE,
    EVEN,
    Comparison,
    Scores,
    fraction_note,
    plan,
    round_down,
    share_note,
)
from lecture.choices import drawn_neurons
from lecture.inputs import Inputs, load_inputs
from network.activations import relu, sigmoid
from network.model import Network
from scenes.kit.maths import tex_number, tex_scientific
from scenes.relu import SigmoidVsRelu, score_text

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


def answers_by_hand(net: Network, images: np.ndarray) -> np.ndarray:
    """Each image's answer, the layers worked out here: the hidden layers' activation
    (a sigmoid, or the larger of zero and the input), a sigmoid output."""
    a = images.T
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = w @ a + b[:, None]
        last = layer == len(net.weights) - 1
        a = expit(z) if last or net.activation == "sigmoid" else np.maximum(z, 0.0)
    return a.argmax(axis=0)


def test_the_plan_computes_slopes_and_answers(network_shape: str) -> None:
    inputs = load_inputs()
    chapter = plan(inputs)
    assert chapter.beats() == ["sigmoid", "relu", "why-relu", "same-digit", "accuracy", "ahead"]
    # The sigmoid's slope is at most 1/4, ReLU's is 1: over DEEP layers the sigmoid lets
    # through at most one part in 4^DEEP. Each is said in the script's words for it.
    why = chapter.step("why-relu")
    assert why.values["sigmoid_slope"] == pytest.approx(0.25, abs=1e-9)
    assert why.values["steepest"] == said(inputs, "why-relu", "slope-quarter")
    assert why.values["relu_steepest"] == said(inputs, "why-relu", "slope-one")
    assert why.values["layers"] == DEEP
    assert why.values["left"] == said(inputs, "why-relu", "below-million")
    slopes = why.shows
    assert slopes.layers == DEEP
    assert slopes.sigmoid.steepest == why.values["sigmoid_slope"]
    assert slopes.relu.steepest == 1.0
    assert slopes.sigmoid.after_layers == pytest.approx(0.25**DEEP, rel=1e-6)
    assert slopes.relu.after_layers == 1.0
    # Both networks have the shape under test: no shape in the words or the titles.
    same = chapter.step("same-digit")
    comparison = same.shows
    check_plan(comparison)
    assert comparison.sigmoid.shape is None and comparison.relu.shape is None
    if comparison.sigmoid.answer == comparison.relu.answer:
        assert same.key == "same-digit"
        assert same.values == {"answer": comparison.sigmoid.answer}
    else:
        assert same.key == "same-digit-differ"
    assert comparison.scaling.key == "same-digit"
    ahead = chapter.step("ahead")
    assert ahead.shows is inputs.network
    assert ahead.values == {"parameters": inputs.network.n_parameters}
    assert set(ahead.notes) == {"next", "book"}
    assert_words_fill(inputs, chapter)


def test_the_shipped_networks_do_about_equally_well() -> None:
    """The shipped sigmoid and ReLU networks, at this depth, read the validation digits
    about equally well: the words say so."""
    step = plan(load_inputs()).step("accuracy")
    assert step.key in ("accuracy-same", "accuracy-close")
    assert abs(step.shows.sigmoid - step.shows.relu) < EVEN


def said(inputs: Inputs, key: str, name: str, **values: object) -> str:
    """The relu chapter's note ``name`` of step ``key``, as the script words it."""
    return inputs.script.note("relu", key, name, values)


@pytest.mark.parametrize(
    ("n", "rounded", "name", "parts"),
    [
        (4**10, 10**6, "below-million", None),
        (4**8, 60_000, "below", 60_000),
        (1000, 1000, "part-thousand", None),
        (4, 4, "part", 4),
        (2**30, 10**9, "below-billion", None),
        (2_500_000, 2_000_000, "below", 2_000_000),
        (1_999, 1000, "below-thousand", None),
    ],
)
def test_a_tiny_share_is_said_rounded_and_true(
    n: int, rounded: int, name: str, parts: int | None
) -> None:
    """One part in n, said for the ear: n cut to its first digit, so the words never claim
    more is left than is; "less than" (a ``below`` note) exactly when the cut changed n;
    a round number with words of its own by its own note, any other given as ``parts``."""
    assert round_down(n) == rounded <= n
    note = share_note(n)
    assert (note.key, note.name) == ("why-relu", name)
    assert note.name.startswith("below") == (rounded < n)
    assert dict(note.values) == ({} if parts is None else {"parts": parts})
    said(load_inputs(), note.key, note.name, **note.values)  # the script has the words


@pytest.mark.parametrize(
    ("slope", "name"),
    [(1.0, "slope-one"), (0.5, "slope-half"), (1 / 3, "slope-third"), (0.25, "slope-quarter"),
     (0.2, "slope-fifth"), (0.37, "slope")],
)  # fmt: skip
def test_a_slope_is_said_as_a_fraction_when_it_is_one(slope: float, name: str) -> None:
    note = fraction_note(slope)
    assert (note.key, note.name) == ("why-relu", name)
    assert dict(note.values) == ({"slope": slope} if name == "slope" else {})
    said(load_inputs(), note.key, note.name, **note.values)


def near_kind(value: float, target: float) -> str:
    gap = abs(value - target)
    if gap <= ALMOST:
        return "almost"
    if gap <= CLOSE:
        return "close"
    return "above" if value > target else "below"


def accuracy_by_hand(net: Network, inputs: Inputs) -> float:
    validation = inputs.validation()
    return float(np.mean(answers_by_hand(net, validation.images) == validation.labels))


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Over every input of the sweep, worked out here from the arrays: the sigmoid is
    "almost" zero and one at the graph's edges only within ALMOST; ten sigmoid layers
    leave less than the part the words name; the networks are said to agree only when
    their answers are equal; the shapes are named only when they differ; "about equally
    well" only within EVEN, "so does the ReLU network" only when both round to the same
    percentage, and a network is said to do better only when it does."""
    slope = float(
        np.max(expit(np.linspace(-20, 20, 40_001)) * expit(-np.linspace(-20, 20, 40_001)))
    )
    for case in sweep_cases:
        inputs = case.inputs
        chapter = plan(inputs)
        ends = chapter.step("sigmoid").values
        low, high = near_kind(expit(-EDGE), 0.0), near_kind(expit(EDGE), 1.0)
        assert ends["low"] == said(inputs, "sigmoid", f"{low}-zero"), case.name
        assert ends["high"] == said(inputs, "sigmoid", f"{high}-one"), case.name

        why = chapter.step("why-relu")
        divided_by = round(1 / slope**DEEP)
        left = share_note(divided_by)
        assert why.values["left"] == said(inputs, left.key, left.name, **left.values), case.name
        assert slope**DEEP <= 1 / round_down(divided_by), case.name

        same = chapter.step("same-digit")
        sig_net, relu_net = inputs.network, inputs.relu_network()
        pixels = inputs.digit.pixels[None, :]
        sig_answer = int(answers_by_hand(sig_net, pixels)[0])
        relu_answer = int(answers_by_hand(relu_net, pixels)[0])
        other_shapes = sig_net.sizes != relu_net.sizes
        assert ("other-shapes" in same.key) == other_shapes, case.name
        assert same.key.endswith("-differ") == (sig_answer != relu_answer), case.name
        if sig_answer == relu_answer:
            assert same.values["answer"] == sig_answer, case.name
        else:
            assert (same.values["sigmoid_answer"], same.values["relu_answer"]) == (
                sig_answer,
                relu_answer,
            ), case.name

        scores = chapter.step("accuracy")
        s, r = accuracy_by_hand(sig_net, inputs), accuracy_by_hand(relu_net, inputs)
        assert (scores.shows.sigmoid, scores.shows.relu) == pytest.approx((s, r)), case.name
        if scores.key == "accuracy-same":
            assert abs(s - r) < EVEN and round(100 * s) == round(100 * r), case.name
            assert scores.values == {"accuracy": round(100 * s)}, case.name
        else:
            want = {"sigmoid_accuracy": round(100 * s), "relu_accuracy": round(100 * r)}
            assert scores.values == want, case.name
            if scores.key == "accuracy-close":
                assert abs(s - r) < EVEN and round(100 * s) != round(100 * r), case.name
            elif scores.key == "accuracy-relu-ahead":
                assert r - s >= EVEN, case.name
            else:
                assert scores.key == "accuracy-sigmoid-ahead", case.name
                assert s - r >= EVEN, case.name


def check_drawn(scene: SigmoidVsRelu) -> None:
    """What is drawn is the plan's: the slope notes, each side's lit neurons, answer,
    value and title, and the note under both."""
    why = scene.chapter.step("why-relu")
    slopes = why.shows
    for note, slope in ((scene.sigmoid_note, slopes.sigmoid), (scene.relu_note, slopes.relu)):
        assert tex_number(slope.steepest) in note.tex_string
        assert tex_scientific(slope.after_layers) in note.tex_string
        after = why.notes[f"{slope.name}-after"]  # "after {layers} layers", in the script's words
        assert after.values["layers"] == DEEP
        written = scene.formula_note(after, after=tex_scientific(slope.after_layers))
        assert written in note.tex_string
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
        assert says(lit.heading, scene.note(side.heading))
        assert dict(side.heading.values) == {"answer": side.answer}
        if side.shape is None:
            assert lit.shape is None and lit.title is lit.heading
        else:
            assert lit.shape is not None and lit.shape.text == side.shape
            assert lit.shape.get_top()[1] < lit.heading.get_bottom()[1]
    assert says(scene.scaling, scene.note(comparison.scaling))
    scores: Scores = scene.chapter.step("accuracy").shows
    for text, share in zip(scene.scores, (scores.sigmoid, scores.relu), strict=True):
        assert says(text, score_text(share, scores.digits))
    ahead = scene.chapter.step("ahead")
    assert scene.ahead_diagram.network is ahead.shows
    assert says(scene.next_text, scene.note(ahead.notes["next"]).replace(" ", ""))
    assert says(scene.book_text, scene.note(ahead.notes["book"]).replace(" ", ""))


def test_both_networks_are_drawn_from_their_traces(network_shape: str) -> None:
    scene, words = render_in_frame(SigmoidVsRelu)
    assert list(words) == step_ids(scene.chapter)
    check_drawn(scene)


@pytest.fixture
def other_shapes(monkeypatch: pytest.MonkeyPatch, shape_weights) -> Iterator[None]:
    """Only the sigmoid weights are set, to a 784-32-10 network: the ReLU one ships 16-16."""
    monkeypatch.setenv("LECTURE_WEIGHTS", str(shape_weights["32"]["sigmoid"]))
    yield


def test_networks_of_different_shapes_are_named(other_shapes) -> None:
    chapter = plan(load_inputs())
    step = chapter.step("same-digit")
    assert step.key.startswith("same-digit-other-shapes")
    comparison = step.shows
    check_plan(comparison)
    assert (comparison.sigmoid.shape, comparison.relu.shape) == ("784-32-10", "784-16-16-10")
    assert step.values["sigmoid_shape"] == "784-32-10"
    assert step.values["relu_shape"] == "784-16-16-10"
    scene, words = render_in_frame(SigmoidVsRelu)
    assert list(words) == step_ids(scene.chapter)
    assert any(w.startswith("relu.same-digit-other-shapes") for w in words)
    check_drawn(scene)


@golden(SigmoidVsRelu)
def test_same_digit(scene: SigmoidVsRelu) -> None:
    """Both networks on the digit, with their scores: the picture of the comparison."""
    build_up_to(scene, "accuracy")
    # The test's camera draws, after the last animation, only what that animation moved
    # (the rest is left out when frames are skipped): a moment's hold draws the whole
    # picture, as it stays on screen while the narration ends.
    scene.wait(0.1)


@golden(SigmoidVsRelu)
def test_ahead(scene: SigmoidVsRelu) -> None:
    """The closing picture: the network whose weights learning must find, what comes
    next, and where to read on."""
    SigmoidVsRelu.construct(scene)
    scene.wait(0.1)  # the whole picture (see test_same_digit)
