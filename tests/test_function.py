"""scenes/function.py: the signature, the count, the chain of sigmas and the output vector
are the network's, for any shape; the plan says the network's answer, whether it is right,
wrong or (a user's image) not judged, and how far behind the runner-up is; the scene
points at each level of the chain and at the answer's entry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from manim import MathTex
from PIL import Image
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit
from test_three import assert_words_fill

from lecture.chapters.function import BEHIND, CLOSE_BEHIND, behind_note, plan
from lecture.inputs import Inputs, load_inputs
from network.data import IMAGE_SIDE, load_bundled
from network.shapes import HIDDEN_LAYERS
from network.shipped import bundled_split
from scenes.function import (
    CHAIN_SIZE,
    MIN_CHAIN_SIZE,
    NetworkFunction,
    chain_parts,
    chain_tex,
    level_parts,
)
from scenes.kit.maths import tex_count, tex_number
from scenes.kit.stage import STAGE

__module_test__ = "function"


def output_from_weights(net, pixels: np.ndarray) -> np.ndarray:
    """The output layer's activations, computed here from the arrays, not by network/."""
    a = pixels
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + b)
    return a


def assert_plan_matches(inputs: Inputs) -> str:
    """Every step's key and values against the network, worked out here; every step's
    words fill with its values. Returns the last step's key."""
    chapter = plan(inputs)
    net, digit = inputs.network, inputs.digit
    parameters = sum(w.size + b.size for w, b in zip(net.weights, net.biases, strict=True))
    layers = len(net.weights)
    assert chapter.step("function").values == {
        "inputs": 784,
        "outputs": 10,
        "parameters": parameters,
    }
    assert dict(chapter.step("chain").values) == {}
    signature = chapter.shows
    assert (signature.inputs, signature.outputs) == (784, 10)
    assert (signature.parameters, signature.layers) == (parameters, layers)

    real = chapter.step("real-values")
    output = output_from_weights(net, digit.pixels)
    answer, runner_up = (int(d) for d in np.argsort(output)[::-1][:2])
    if digit.label is None:
        key, judged = "real-values", {}
    elif digit.label != answer:
        key, judged = "real-values-wrong", {"label": digit.label}
    else:
        key, judged = "real-values-right", {}
    assert real.key == key
    assert (
        real.values
        == {"outputs": 10, "answer": answer, "behind": behind_said(inputs, real)} | judged
    )
    np.testing.assert_allclose(real.shows.values, output, rtol=1e-9)
    assert real.shows.answer == answer and real.shows.runner_up == runner_up
    assert real.shows.digit is digit
    assert_words_fill(inputs, chapter)
    return real.key


def test_the_plan_carries_the_networks_function(network_shape: str) -> None:
    key = assert_plan_matches(load_inputs())
    if network_shape == "16-16":
        assert key == "real-values-right"  # the shipped network reads the shipped digit


def test_a_misread_digit_is_called_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    digits, net = load_bundled(), load_inputs().network
    misread = int(np.flatnonzero(net.predict(digits.images) != digits.labels)[0])
    monkeypatch.setenv("LECTURE_DIGIT", str(misread))
    assert assert_plan_matches(load_inputs()) == "real-values-wrong"


def test_a_users_image_is_not_judged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pixels = load_bundled().images[0].reshape(IMAGE_SIDE, IMAGE_SIDE)
    path = tmp_path / "mine.png"
    Image.fromarray((pixels * 255).astype(np.uint8)).save(path)
    monkeypatch.setenv("LECTURE_DIGIT", str(path))
    assert load_inputs().digit.label is None
    assert assert_plan_matches(load_inputs()) == "real-values"


def test_what_is_drawn_is_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(NetworkFunction)
    chapter = scene.chapter
    signature = chapter.shows
    tex = scene.signature.tex_string
    assert f"{{{signature.inputs}}}" in tex and f"{{{signature.outputs}}}" in tex
    assert tex_count(signature.parameters) in scene.parameters.tex_string
    if network_shape == "16-16":
        assert "13{,}002" in scene.parameters.tex_string
    # One sigma, one W and one b per weight layer, nested, on the stage.
    layers, chain = signature.layers, scene.formula.tex_string
    assert chain == chain_tex(layers) and chain.count(r"\sigma") == layers
    for k in range(1, layers + 1):
        assert f"W^{{({k})}}" in chain and f"b^{{({k})}}" in chain
    assert f"W^{{({layers + 1})}}" not in chain
    assert scene.formula.width <= STAGE.width + 1e-6
    assert MIN_CHAIN_SIZE <= scene.chain_size <= CHAIN_SIZE
    output = chapter.step("real-values").shows
    assert scene.entries == [tex_number(v) for v in output.values]
    for entry in scene.entries:
        assert entry in scene.output_tex.tex_string
    # The box frames the answer's name beside the vector, and the answer's entry is the
    # one coloured: each name sits level with its own entry.
    box = scene.answer_box.get_center()
    nearest = np.argmin([np.linalg.norm(n.get_center() - box) for n in scene.output_names])
    assert nearest == output.answer
    assert scene.output_names[output.answer].text == str(output.answer)
    assert scene.answer_entry.tex_string == tex_number(output.values[output.answer])
    assert scene.answer_entry.get_color() == scene.palette.highlight
    for d, name in enumerate(scene.output_names):
        assert name.get_y() == pytest.approx(scene.output_tex.line("output", d).get_y())
    # The frame last points at the hidden layers' part of the chain: every level but
    # the output layer's, whose glyphs lie inside it.
    hidden = scene.level(layers - 1)
    assert scene.level_box.get_left()[0] < hidden.get_left()[0]
    assert scene.level_box.get_right()[0] > hidden.get_right()[0]
    assert scene.level_box.width < scene.level(layers).width
    assert list(words) == step_ids(chapter)


def test_the_chain_parts_give_the_formula_and_each_level_holds_the_one_inside() -> None:
    """Joined, the parts are the formula; each level's parts run from its σ( to its
    bracket, hold its own W and b and every level inside, and no level outside."""
    for layers in range(1, max(HIDDEN_LAYERS) + 2):
        parts = chain_parts(layers)
        assert "".join(parts) == chain_tex(layers)
        for level in range(1, layers + 1):
            span = level_parts(layers, level)
            text = "".join(parts[i] for i in span)
            assert text.startswith(r"\sigma\!\left(") and text.endswith(r"\right)")
            assert text.count(r"\left(") == text.count(r"\right)") == level
            for k in range(1, level + 1):
                assert f"W^{{({k})}}" in text and f"b^{{({k})}}" in text
            assert f"W^{{({level + 1})}}" not in text and f"b^{{({level + 1})}}" not in text
        assert level_parts(layers, layers) == range(1, len(parts))
        with pytest.raises(ValueError):
            level_parts(layers, layers + 1)


def test_a_plain_weighted_sum_per_digit_already_reads_most_digits() -> None:
    """What the chain step says of a simpler function: one weighted sum of the pixels per
    digit (least squares on the training split, no hidden layer) reads most of the
    validation digits right — well over half, though below the network."""
    train, validation = bundled_split()
    x = np.c_[train.images, np.ones(len(train))]
    w = np.linalg.solve(x.T @ x + np.eye(x.shape[1]), x.T @ np.eye(10)[train.labels])
    guesses = (np.c_[validation.images, np.ones(len(validation))] @ w).argmax(axis=1)
    share = float(np.mean(guesses == validation.labels))
    assert (
        0.5
        < share
        < float(np.mean(load_inputs().network.predict(validation.images) == validation.labels))
    )


def behind_said(inputs: Inputs, real) -> str:
    """The sentence the script has for how far behind the plan says the runner-up is."""
    assert real.shows.behind in BEHIND
    note = behind_note(real.shows.behind)
    return inputs.script.note("function", note.key, note.name, note.values)


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Over every input of the sweep: the answer is called right only when it is the
    label, wrong only when it is not, and neither for an unlabelled image; the runner-up
    is said to come close only within CLOSE_BEHIND, and no other to come close only when
    the runner-up is at most half the answer — all worked out here from the weights."""
    for case in sweep_cases:
        inputs = case.inputs
        real = plan(inputs).step("real-values")
        output = output_from_weights(inputs.network, inputs.digit.pixels)
        ranked = np.argsort(output)[::-1]
        answer, runner_up = int(ranked[0]), int(ranked[1])
        top, second = float(output[answer]), float(output[runner_up])
        label = inputs.digit.label
        assert real.values["answer"] == answer, case.name
        if label is None:
            assert real.key == "real-values", case.name
        elif label == answer:
            assert real.key == "real-values-right", case.name
        else:
            assert real.key == "real-values-wrong", case.name
            assert real.values["label"] == label, case.name
        said = real.shows.behind
        assert real.values["behind"] == behind_said(inputs, real), case.name
        assert real.shows.runner_up == runner_up, case.name
        if said == "close":
            assert top - second < CLOSE_BEHIND, case.name
        elif said == "far":
            assert top - second >= CLOSE_BEHIND and second <= top / 2, case.name
        else:
            assert top - second >= CLOSE_BEHIND and second > top / 2, case.name


def test_the_chain_is_the_shipped_formula_and_the_deepest_stays_readable() -> None:
    """Three levels are exactly the formula the lecture always showed; the deepest
    network allowed needs the most shrinking, and still stays above the readable size."""
    assert chain_tex(3) == (
        r"f(a) = \sigma\!\left(W^{(3)}\,\sigma\!\left(W^{(2)}\,"
        r"\sigma\!\left(W^{(1)} a + b^{(1)}\right) + b^{(2)}\right) + b^{(3)}\right)"
    )
    assert chain_tex(1) == r"f(a) = \sigma\!\left(W^{(1)} a + b^{(1)}\right)"
    deepest = max(HIDDEN_LAYERS) + 1  # weight layers: every hidden layer and the output
    width = MathTex(chain_tex(deepest), font_size=CHAIN_SIZE).width
    assert CHAIN_SIZE * min(1.0, STAGE.width / width) >= MIN_CHAIN_SIZE


@golden(NetworkFunction)
def test_real_values(scene: NetworkFunction) -> None:
    build_up_to(scene, "real-values")
    # The test's camera draws, after the last animation, only what that animation moved
    # (the rest is left out when frames are skipped): a moment's hold draws the whole
    # picture, as it stays on screen while the narration ends.
    scene.wait(0.1)
