"""scenes/three.py: the digits and answers shown are the data's and the network's, the
plan chooses the words for a labelled digit or a user's image, and its values are the
network's."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit

from lecture.chapters.three import COLUMN_PIXELS, FAR_APART, N_ALIKE, plan
from lecture.inputs import Inputs, load_inputs, training_rows
from lecture.step import Chapter
from network.data import IMAGE_SIDE, load_bundled
from scenes.three import ThisIsAThree

__module_test__ = "three"


def answer_from_weights(net, pixels: np.ndarray) -> int:
    """The digit the weights give, computed here from the arrays, not by network/."""
    a = pixels
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + b)
    return int(np.argmax(a))


def assert_cards_tell_the_truth(cards, net, palette) -> None:
    """Every card's verdict names the network's answer (and, if wrong, the label) in the
    colour of its verdict; exactly the wrong ones are framed."""
    for card in cards:
        digit = card.digit
        assert card.verdict is not None
        answer = answer_from_weights(net, digit.pixels)
        assert digit.prediction == answer
        named = [int(n) for n in re.findall(r"\d+", card.verdict[0].text)]
        assert named == ([answer, digit.label] if digit.is_wrong else [answer])
        if digit.label is None:
            colour = palette.text
        else:
            colour = palette.wrong if digit.is_wrong else palette.right
        assert card.verdict[0].get_color().to_hex() == colour.to_hex()
        assert (len(card.verdict) == 2) == digit.is_wrong


def assert_words_fill(inputs: Inputs, chapter: Chapter) -> None:
    """Every step's chosen words and notes take exactly its values (the script raises on a
    placeholder left without a value, or a value no placeholder uses)."""
    for step in chapter.steps:
        inputs.script.words(chapter.name, step.key, step.values, step.part)
        inputs.script.check_marks(chapter.name, step.key, step.cues)
        for note in step.notes.values():
            inputs.script.note(chapter.name, note.key, note.name, note.values)


def differ(a: np.ndarray, b: np.ndarray) -> int:
    """Pixels that differ clearly (by more than half the grey scale), counted here."""
    return int(np.sum(np.abs(a - b) > 0.5))


def alike_rows_here(digit_pixels: np.ndarray, val, kind: int) -> list[int]:
    """The first N_ALIKE validation rows of ``kind`` that differ clearly from the digit in
    at least one pixel (the digit itself, if it is a validation digit, is left out)."""
    rows = [int(r) for r in np.flatnonzero(val.labels == kind)]
    return [r for r in rows if differ(digit_pixels, val.images[r]) > 0][:N_ALIKE]


def assert_plan_matches(inputs: Inputs) -> None:
    """Every step's key and values against the data and the network, counted here."""
    chapter = plan(inputs)
    digit, net, val = inputs.digit, inputs.network, inputs.validation()
    labelled = digit.label is not None
    kind = digit.label if labelled else answer_from_weights(net, digit.pixels)

    first = chapter.step("the-digit")
    assert first.key == ("the-digit" if labelled else "your-image")
    assert first.values == {"kind": kind, "side": IMAGE_SIDE}

    alike = chapter.step("alike")
    rows = alike_rows_here(digit.pixels, val, kind)
    shown = alike.shows.digits
    assert shown[0] is digit and len(shown) == 1 + N_ALIKE
    for d, row in zip(shown[1:], rows, strict=True):
        np.testing.assert_array_equal(d.pixels, val.images[row])
        assert d.label == kind
    counts = [differ(digit.pixels, val.images[r]) for r in rows]
    assert list(alike.shows.differ) == counts
    assert [int(a.sum()) for a in alike.shows.apart] == counts
    far = min(counts) >= FAR_APART
    assert alike.key == ("alike" if labelled else "alike-yours") + ("" if far else "-close")
    assert set(alike.values) == {"count" if labelled else "kind", *(["at_least"] * far)}

    others = chapter.step("other-digits")
    assert others.key == "other-digits"
    kinds = [k for k in range(net.sizes[-1]) if k != kind]
    assert [d.label for d in others.shows.digits] == kinds
    for d, k in zip(others.shows.digits, kinds, strict=True):
        np.testing.assert_array_equal(d.pixels, val.images[np.flatnonzero(val.labels == k)[0]])
    assert not others.values

    task = chapter.step("the-task")
    assert task.key == "the-task"
    assert task.values == {"pixels": IMAGE_SIDE**2}
    assert list(task.shows.pixels) == list(np.flatnonzero(digit.pixels)[:COLUMN_PIXELS])
    assert (task.shows.count, task.shows.last) == (IMAGE_SIDE**2, net.sizes[-1] - 1)
    assert task.notes["remark"].key == "the-task"

    answers = chapter.step("answers")
    every = [*shown, *others.shows.digits]
    assert list(answers.shows.digits) == every
    judged = [d for d in every if d.label is not None]
    wrong = sum(answer_from_weights(net, d.pixels) != d.label for d in judged)
    assert len(judged) == N_ALIKE + len(kinds) + labelled
    assert answers.values == {"right": len(judged) - wrong, "wrong": wrong}
    assert_words_fill(inputs, chapter)


def test_the_plan_carries_the_digits_and_the_networks_answers(network_shape: str) -> None:
    assert_plan_matches(load_inputs())


@pytest.mark.parametrize("which", ["a seven", "a misread digit"])
def test_the_plan_follows_the_digit(which: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another kind of digit, and one the network misreads: the alike digits, the
    others and the count of mistakes follow it."""
    digits, net = load_bundled(), load_inputs().network
    if which == "a seven":
        index = int(np.flatnonzero(digits.labels == 7)[0])
    else:
        index = int(np.flatnonzero(net.predict(digits.images) != digits.labels)[0])
    monkeypatch.setenv("LECTURE_DIGIT", str(index))
    inputs = load_inputs()
    assert inputs.digit.is_wrong == (which == "a misread digit")
    assert_plan_matches(inputs)


def test_a_users_image_is_not_judged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An image without a label gets the words for the network's reading, and its answer
    is not counted right or wrong."""
    pixels = load_bundled().images[0].reshape(IMAGE_SIDE, IMAGE_SIDE)
    path = tmp_path / "mine.png"
    Image.fromarray((pixels * 255).astype(np.uint8)).save(path)
    monkeypatch.setenv("LECTURE_DIGIT", str(path))
    inputs = load_inputs()
    assert inputs.digit.label is None
    assert_plan_matches(inputs)
    keys = {s.beat: s.key for s in plan(inputs).steps}
    assert keys["the-digit"] == "your-image"
    assert keys["answers"].startswith("answers-yours")


def test_every_digit_shown_is_the_plans_and_answered_by_the_network(network_shape: str) -> None:
    scene, words = render_in_frame(ThisIsAThree)
    chapter, net = scene.chapter, scene.inputs.network
    assert [c.digit for c in scene.alike_cards] == list(chapter.step("alike").shows.digits)
    assert [c.digit for c in scene.others] == list(chapter.step("other-digits").shows.digits)
    cards = [*scene.alike_cards, *scene.others]
    assert [c.digit for c in cards] == list(chapter.step("answers").shows.digits)
    assert_cards_tell_the_truth(cards, net, scene.palette)
    task = chapter.step("the-task").shows
    shown = [n.get_value() for n in scene.column_values]
    np.testing.assert_allclose(shown, scene.inputs.digit.pixels[list(task.pixels)], atol=5e-3)
    assert list(words) == step_ids(chapter)


@golden(ThisIsAThree)
def test_answers(scene: ThisIsAThree) -> None:
    build_up_to(scene, "answers")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)


def test_a_validation_digit_is_not_shown_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Configured as a validation digit, the digit is left out of its alike examples
    (it would otherwise be the first of them, the same picture twice)."""
    labels = load_bundled().labels
    trained = training_rows()
    row = next(int(r) for r in np.flatnonzero(labels == 3) if int(r) not in trained)
    monkeypatch.setenv("LECTURE_DIGIT", str(row))
    inputs = load_inputs()
    assert not inputs.digit.trained_on
    alike = plan(inputs).step("alike").shows
    first_val = np.flatnonzero(inputs.validation().labels == 3)[0]
    np.testing.assert_array_equal(inputs.validation().images[first_val], inputs.digit.pixels)
    assert all(differ(d.pixels, inputs.digit.pixels) > 0 for d in alike.digits[1:])
    assert_plan_matches(inputs)


def bundled_row(source: str) -> int | None:
    """The bundled row a digit's source names (``"bundled digit #1524"``), if any."""
    found = re.fullmatch(r"bundled digit #(\d+)", source)
    return int(found.group(1)) if found else None


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Every value-dependent sentence of the chapter, chosen by the plan, checked against
    values computed here from the arrays for each of the sweep's lectures."""
    trained = training_rows()
    for case in sweep_cases:
        inputs, where = case.inputs, case.name
        chapter = plan(inputs)
        assert_words_fill(inputs, chapter)
        digit, net, val = inputs.digit, inputs.network, inputs.validation()
        kind = digit.label if digit.label is not None else answer_from_weights(net, digit.pixels)
        # The alike digits: none the first digit again, and "far apart" only when each
        # differs clearly in FAR_APART pixels; the round number said is no more than that.
        alike = chapter.step("alike")
        rows = alike_rows_here(digit.pixels, val, kind)
        counts = [differ(digit.pixels, val.images[r]) for r in rows]
        assert min(counts) > 0, where
        for d, row in zip(alike.shows.digits[1:], rows, strict=True):
            np.testing.assert_array_equal(d.pixels, val.images[row], err_msg=where)
        if alike.key.endswith("-close"):
            assert min(counts) < FAR_APART, where
        else:
            assert min(counts) >= FAR_APART, where
            said = alike.values["at_least"]
            assert isinstance(said, int), where
            unit = 10 ** int(np.floor(np.log10(said)))
            assert said % unit == 0 and said <= min(counts) < said + unit, where
        # The answers: mistakes spoken of only when there are some; the first digit a
        # training example only when the recipe trained on it.
        answers = chapter.step("answers")
        judged = [d for d in answers.shows.digits if d.label is not None]
        assert all(d.source.startswith("validation digit") for d in answers.shows.digits[1:])
        wrong = sum(answer_from_weights(net, d.pixels) != d.label for d in judged)
        assert answers.key.endswith("-none-wrong") == (wrong == 0), where
        assert ("wrong" in answers.cues) == (wrong > 0), where
        row = bundled_row(digit.source)
        if digit.label is None:
            assert answers.key.startswith("answers-yours"), where
        elif row is not None and row in trained:
            assert answers.key in ("answers", "answers-none-wrong"), where
        else:
            assert answers.key.startswith("answers-unseen"), where
            assert row is None or row not in trained, where
