"""scenes/three.py: the digits and answers shown are the data's and the network's,
and the words name them."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame
from scipy.special import expit

from network.analysis import pixels_differ
from scenes.three import ThisIsAThree

__module_test__ = "three"


def answer_from_weights(net, pixels: np.ndarray) -> int:
    """The digit the weights give, computed here from the arrays, not by network/."""
    a = pixels
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + b)
    return int(np.argmax(a))


def assert_cards_tell_the_truth(cards, net) -> None:
    """Every card's verdict is the network's answer; exactly the wrong ones are framed."""
    for card in cards:
        digit = card.digit
        assert card.verdict is not None
        expected = f"reads {digit.prediction}"
        if digit.is_wrong:
            expected += f", is {digit.label}"
        assert card.verdict[0].text == expected.replace(" ", "")
        assert digit.prediction == answer_from_weights(net, digit.pixels)
        assert (len(card.verdict) == 2) == digit.is_wrong


def test_every_digit_shown_is_real_and_answered_by_the_network(network_shape: str) -> None:
    scene, words = render_in_frame(ThisIsAThree)
    lecture = scene.inputs
    np.testing.assert_array_equal(scene.alike[0].digit.pixels, lecture.digit.pixels)
    kind = lecture.digit.label
    assert all(c.digit.label == kind for c in scene.alike)
    assert sorted(c.digit.label for c in scene.others) == [k for k in range(10) if k != kind]
    val = lecture.validation()
    for card in [*scene.alike[1:], *scene.others]:
        row = int(card.digit.source.split("#")[1])
        np.testing.assert_array_equal(card.digit.pixels, val.images[row])
        np.testing.assert_array_equal(
            card.digit.trace.output, lecture.network.forward(val.images[row]).output
        )
    assert_cards_tell_the_truth([*scene.alike, *scene.others], lecture.network)
    assert scene.differ == [
        pixels_differ(lecture.digit.pixels, c.digit.pixels) for c in scene.alike[1:]
    ]
    shown = [n.get_value() for n in scene.column_values]
    np.testing.assert_allclose(shown, lecture.digit.pixels[scene.column_pixels], atol=5e-3)

    # The words name the same digit, counts and answers, as the script formats them.
    assert list(words) == [
        f"three.{key}" for key in ("the-digit", "alike", "other-digits", "the-task", "answers")
    ]
    pixels = lecture.digit.pixels.size
    first = words["three.the-digit"]
    assert first.headline == f"This is a handwritten {num2words(kind)}: 28 × 28 grey pixels"
    assert f"28 by 28 little squares, {pixels} in all" in first.narration
    differ = [pixels_differ(lecture.digit.pixels, c.digit.pixels) for c in scene.alike[1:]]
    alike = words["three.alike"]
    assert f"written {num2words(len(differ))} more times" in alike.headline
    assert f"the digit {num2words(kind)}" in alike.narration
    assert f"in {min(differ)} to {max(differ)} of its {pixels} pixels" in alike.narration
    assert f"the {num2words(len(scene.others))} other digits" in (
        words["three.other-digits"].narration
    )
    assert f"turn {pixels} numbers into one digit" in words["three.the-task"].headline
    assert "one of the ten digits" in words["three.the-task"].narration
    cards = [*scene.alike, *scene.others]
    wrong = sum(
        answer_from_weights(lecture.network, c.digit.pixels) != c.digit.label for c in cards
    )
    answers = words["three.answers"]
    assert answers.headline.endswith(f"{len(cards) - wrong} right, {wrong} wrong")
    answer = answer_from_weights(lecture.network, lecture.digit.pixels)
    assert f"these {len(cards)} digits: it reads our first one as {num2words(answer)}" in (
        answers.narration
    )
    assert f"gets {len(cards) - wrong} right and {wrong} wrong" in answers.narration


@golden(ThisIsAThree)
def test_answers(scene: ThisIsAThree) -> None:
    ThisIsAThree.construct(scene)
