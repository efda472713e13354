"""scenes/function.py: the signature, the count, the chain of sigmas and the output vector
are the network's, for any shape, and the words say the network's answer, and whether it
is right, as it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from manim import MathTex
from num2words import num2words
from PIL import Image
from scene_helpers import golden, render_in_frame, render_words, says

from lecture.inputs import load_inputs
from network.data import IMAGE_SIDE, load_bundled
from network.shapes import HIDDEN_LAYERS
from scenes.function import CHAIN_SIZE, MIN_CHAIN_SIZE, NetworkFunction, chain_tex
from scenes.kit.maths import tex_count, tex_number
from scenes.kit.stage import STAGE
from scenes.narration.script import Words

__module_test__ = "function"


@pytest.fixture
def fresh_lecture() -> Iterator[None]:
    """Drop the cached lecture before and after a test that changes the digit."""
    load_inputs.cache_clear()
    yield
    load_inputs.cache_clear()


def assert_answer_said(scene: NetworkFunction, words: Words) -> None:
    """The last step names the output's size, its largest entry and the runner-up."""
    output = scene.inputs.digit.trace.output
    answer, runner_up = (int(d) for d in np.argsort(output)[::-1][:2])
    assert words.headline.endswith(f"the largest says {answer}")
    pixels = len(scene.inputs.digit.pixels)
    assert f"{pixels} pixel values go in, {num2words(len(output))} numbers" in words.narration
    assert f"The largest, {tex_number(output[answer])}, belongs to {answer}" in words.narration
    assert f"The runner-up is {runner_up}, with {tex_number(output[runner_up])}." in (
        words.narration
    )


def test_output_vector_and_answer_are_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(NetworkFunction)
    digit, net = scene.inputs.digit, scene.inputs.network
    signature = scene.signature.tex_string
    assert f"{{{net.sizes[0]}}}" in signature and f"{{{net.sizes[-1]}}}" in signature
    assert tex_count(net.n_parameters) in scene.parameters.tex_string
    if network_shape == "16-16":
        assert "13{,}002" in scene.parameters.tex_string and net.n_parameters == 13002
    # One sigma, one W and one b per weight layer, nested, on the stage.
    layers = len(net.weights)
    assert scene.chain.tex_string == chain_tex(layers)
    assert scene.chain.tex_string.count(r"\sigma") == layers
    for k in range(1, layers + 1):
        assert f"W^{{({k})}}" in scene.chain.tex_string
        assert f"b^{{({k})}}" in scene.chain.tex_string
    assert f"W^{{({layers + 1})}}" not in scene.chain.tex_string
    assert scene.chain.width <= STAGE.width + 1e-6
    assert MIN_CHAIN_SIZE <= scene.chain_size <= CHAIN_SIZE
    assert scene.entries == [tex_number(v) for v in digit.trace.output]
    for entry in scene.entries:
        assert entry in scene.output_tex.tex_string
    answer = int(np.argmax(digit.trace.output))
    assert says(scene.caption, f"says {answer}")
    last = "function.real-values-wrong" if digit.is_wrong else "function.real-values-right"
    assert list(words) == ["function.function", "function.chain", last]
    said = words["function.function"]
    assert f"{net.sizes[0]} numbers in, {net.sizes[-1]} numbers out" in said.headline
    assert f"{net.n_parameters:,} parameters" in said.narration
    chain = words["function.chain"].narration
    assert f"one sigma for every layer after the input: {num2words(layers)} in all" in chain
    if network_shape == "16-16":
        assert not digit.is_wrong
        assert "and it is right" in words[last].narration
    assert_answer_said(scene, words[last])


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


def test_a_misread_digit_is_called_wrong(monkeypatch: pytest.MonkeyPatch, fresh_lecture) -> None:
    digits, net = load_bundled(), load_inputs().network
    misread = int(np.flatnonzero(net.predict(digits.images) != digits.labels)[0])
    monkeypatch.setenv("LECTURE_DIGIT", str(misread))
    load_inputs.cache_clear()
    scene, words = render_words(NetworkFunction)
    digit = scene.inputs.digit
    assert digit.is_wrong and digit.label == digits.labels[misread]
    said = words["function.real-values-wrong"]
    assert f"it is wrong: the label says {digit.label}." in said.narration
    assert_answer_said(scene, said)


def test_a_users_image_is_not_judged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_lecture
) -> None:
    pixels = load_bundled().images[0].reshape(IMAGE_SIDE, IMAGE_SIDE)
    path = tmp_path / "mine.png"
    Image.fromarray((pixels * 255).astype(np.uint8)).save(path)
    monkeypatch.setenv("LECTURE_DIGIT", str(path))
    load_inputs.cache_clear()
    scene, words = render_words(NetworkFunction)
    assert scene.inputs.digit.label is None
    said = words["function.real-values"]
    assert "right" not in said.narration and "wrong" not in said.narration
    assert_answer_said(scene, said)


@golden(NetworkFunction)
def test_real_values(scene: NetworkFunction) -> None:
    NetworkFunction.construct(scene)
