"""scenes/function.py: the signature, the count and the output vector are the network's,
and the words say the network's answer, and whether it is right, as it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from num2words import num2words
from PIL import Image
from scene_helpers import golden, render_words, says

from network.data import IMAGE_SIDE, load_bundled
from scenes.function import NetworkFunction
from scenes.kit.lecture import load_lecture
from scenes.kit.maths import tex_number
from scenes.narration.script import Words

__module_test__ = "function"


@pytest.fixture
def fresh_lecture() -> Iterator[None]:
    """Drop the cached lecture before and after a test that changes the digit."""
    load_lecture.cache_clear()
    yield
    load_lecture.cache_clear()


def assert_answer_said(scene: NetworkFunction, words: Words) -> None:
    """The last step names the output's size, its largest entry and the runner-up."""
    output = scene.lecture.digit.trace.output
    answer, runner_up = (int(d) for d in np.argsort(output)[::-1][:2])
    assert words.headline.endswith(f"the largest says {answer}")
    pixels = len(scene.lecture.digit.pixels)
    assert f"{pixels} pixel values go in, {num2words(len(output))} numbers" in words.narration
    assert f"The largest, {tex_number(output[answer])}, belongs to {answer}" in words.narration
    assert f"The runner-up is {runner_up}, with {tex_number(output[runner_up])}." in (
        words.narration
    )


def test_output_vector_and_answer_are_the_networks() -> None:
    scene, words = render_words(NetworkFunction)
    digit, net = scene.lecture.digit, scene.lecture.network
    assert "784" in scene.signature.tex_string and "{10}" in scene.signature.tex_string
    assert "13{,}002" in scene.parameters.tex_string and net.n_parameters == 13002
    assert scene.entries == [tex_number(v) for v in digit.trace.output]
    for entry in scene.entries:
        assert entry in scene.output_tex.tex_string
    answer = int(np.argmax(digit.trace.output))
    assert says(scene.caption, f"says {answer}")
    assert list(words) == ["function.function", "function.chain", "function.real-values-right"]
    signature = words["function.function"]
    assert f"{net.sizes[0]} numbers in, {net.sizes[-1]} numbers out" in signature.headline
    assert f"{net.n_parameters:,} parameters" in signature.narration
    assert f"all {num2words(len(net.weights))} layers" in words["function.chain"].narration
    assert not digit.is_wrong
    assert "and it is right" in words["function.real-values-right"].narration
    assert_answer_said(scene, words["function.real-values-right"])


def test_a_misread_digit_is_called_wrong(monkeypatch: pytest.MonkeyPatch, fresh_lecture) -> None:
    digits, net = load_bundled(), load_lecture().network
    misread = int(np.flatnonzero(net.predict(digits.images) != digits.labels)[0])
    monkeypatch.setenv("LECTURE_DIGIT", str(misread))
    load_lecture.cache_clear()
    scene, words = render_words(NetworkFunction)
    digit = scene.lecture.digit
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
    load_lecture.cache_clear()
    scene, words = render_words(NetworkFunction)
    assert scene.lecture.digit.label is None
    said = words["function.real-values"]
    assert "right" not in said.narration and "wrong" not in said.narration
    assert_answer_said(scene, said)


@golden(NetworkFunction)
def test_real_values(scene: NetworkFunction) -> None:
    NetworkFunction.construct(scene)
