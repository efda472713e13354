"""network/analysis.py: the digits and neurons scenes pick are found, not chosen by hand."""

from __future__ import annotations

import numpy as np
import pytest

from lecture.choices import weight_scale
from lecture.inputs import Digit
from network.analysis import (
    Example,
    example_per_label,
    example_wrong,
    first_correct_per_label,
    misclassified,
    most_exciting,
    pixels_differ,
    preview_rows,
    rows_with_label,
)
from network.data import Digits
from network.errors import NetworkInputError
from network.model import Network


@pytest.fixture(scope="module")
def net() -> Network:
    return Network.initialised(seed=5)


@pytest.fixture(scope="module")
def digits() -> Digits:
    rng = np.random.default_rng(1)
    return Digits(rng.random((60, 784)), np.arange(60) % 10)


def test_misclassified_and_first_correct_agree_with_predictions(net, digits) -> None:
    predictions = net.predict(digits.images)
    wrong = misclassified(net, digits)
    assert np.all(predictions[wrong] != digits.labels[wrong])
    assert len(wrong) == np.count_nonzero(predictions != digits.labels)
    for row in first_correct_per_label(net, digits, list(range(10))):
        assert predictions[row] == digits.labels[row]


def test_rows_with_label_skips_the_excluded_row_and_refuses_too_many(digits) -> None:
    assert rows_with_label(digits, 3, 2) == [3, 13]
    assert rows_with_label(digits, 3, 2, exclude=3) == [13, 23]
    with pytest.raises(NetworkInputError, match="only 6 digits labelled 3"):
        rows_with_label(digits, 3, 7)


def test_preview_always_contains_a_mistake_when_there_is_one(net, digits) -> None:
    for seed in range(5):
        rows = preview_rows(net, digits, 4, seed=seed)
        assert len(set(rows)) == 4
        assert np.any(net.predict(digits.images[rows]) != digits.labels[rows])
    with pytest.raises(NetworkInputError):
        preview_rows(net, digits, 0)


def test_preview_with_a_mistake_already_in_it_is_left_alone() -> None:
    # A network whose outputs ignore the input predicts the same digit for every image.
    net = Network.initialised(seed=0)
    digits = Digits(np.zeros((20, 784)), np.arange(20) % 10)
    rows = preview_rows(net, digits, 6, seed=2)
    expected = np.random.default_rng(2).permutation(20)[:6].tolist()
    assert rows == expected


def test_most_exciting_and_featured_are_argmaxes(net, digits) -> None:
    z = digits.images @ net.weights[0].T + net.biases[0]
    for neuron in (0, 7, 15):
        assert most_exciting(net, digits, neuron) == int(np.argmax(z[:, neuron]))
    digit = Digit(digits.images[4], int(digits.labels[4]), "test", net.forward(digits.images[4]))
    assert digit.featured_neuron == int(np.argmax(digit.trace.activations[1]))
    z4 = digits.images[4] @ net.weights[0].T + net.biases[0]
    assert digit.featured_neuron == int(np.argmax(z4))


def test_pixels_differ_and_weight_scale() -> None:
    a, b = np.zeros(784), np.zeros(784)
    b[:10] = 0.6
    b[10:20] = 0.4
    assert pixels_differ(a, b) == 10
    w = np.linspace(-1, 1, 101)
    assert weight_scale(w, 100) == 1.0
    assert weight_scale(w, 50) == pytest.approx(0.5)


def reading(reads: list[int], labels: list[int]) -> tuple[Network, Digits]:
    """Digits labelled ``labels`` and a one-layer network that reads them as ``reads``.

    Digit i lights only pixel ``reads[i]``, and output k listens only to pixel k: so
    any mix of right and wrong answers (all right, all wrong, one class) can be made.
    """
    images = np.zeros((len(reads), 784))
    images[np.arange(len(reads)), reads] = 1.0
    weights = np.zeros((10, 784))
    weights[np.arange(10), np.arange(10)] = 10.0
    net = Network([weights], [np.full(10, -5.0)])
    assert list(net.predict(images)) == reads
    return net, Digits(images, np.array(labels))


def test_example_per_label_prefers_a_right_reading_and_falls_back_to_the_first() -> None:
    net, digits = reading(reads=[1, 7, 3, 3, 9, 0], labels=[7, 7, 0, 0, 9, 0])
    assert example_per_label(net, digits, [7, 0, 9]) == [
        Example(row=1, label=7, read_right=True, fallback=False),
        Example(row=5, label=0, read_right=True, fallback=False),
        Example(row=4, label=9, read_right=True, fallback=False),
    ]
    # Every 0 misread: the first 0 stands in, and says it is misread.
    net, digits = reading(reads=[1, 7, 3, 3], labels=[7, 7, 0, 0])
    assert example_per_label(net, digits, [0, 7]) == [
        Example(row=2, label=0, read_right=False, fallback=True),
        Example(row=1, label=7, read_right=True, fallback=False),
    ]
    with pytest.raises(NetworkInputError, match="no digits labelled 5"):
        example_per_label(net, digits, [5])


def test_example_wrong_skips_excluded_rows_and_never_invents_a_mistake() -> None:
    net, digits = reading(reads=[3, 1, 2, 4], labels=[3, 7, 2, 0])
    assert example_wrong(net, digits) == Example(1, 7, read_right=False, fallback=False)
    assert example_wrong(net, digits, exclude=[1]) == Example(3, 0, False, False)
    # Right on every row left: the first of them stands in, read right.
    assert example_wrong(net, digits, exclude=[1, 3]) == Example(0, 3, True, True)
    net, digits = reading(reads=[3, 1, 2], labels=[3, 1, 2])
    assert example_wrong(net, digits) == Example(0, 3, read_right=True, fallback=True)
    with pytest.raises(NetworkInputError, match="no digits left"):
        example_wrong(net, digits, exclude=[0, 1, 2])


def test_preview_of_a_network_never_wrong_or_never_right_is_the_random_pick() -> None:
    labels = [i % 10 for i in range(20)]
    expected = np.random.default_rng(3).permutation(20)[:6].tolist()
    never_wrong, digits = reading(reads=labels, labels=labels)
    assert preview_rows(never_wrong, digits, 6, seed=3) == expected
    never_right, digits = reading(reads=[(k + 1) % 10 for k in labels], labels=labels)
    assert preview_rows(never_right, digits, 6, seed=3) == expected
    one_class, digits = reading(reads=[5] * 20, labels=[4] * 20)
    assert preview_rows(one_class, digits, 6, seed=3) == expected


def test_preview_with_no_right_answer_gets_one_when_there_is_one() -> None:
    labels = [i % 10 for i in range(20)]
    pick = np.random.default_rng(3).permutation(20)[:6].tolist()
    right = next(r for r in range(20) if r not in pick)
    reads = [labels[r] if r == right else (labels[r] + 1) % 10 for r in range(20)]
    net, digits = reading(reads=reads, labels=labels)
    assert preview_rows(net, digits, 6, seed=3) == [*pick[:-1], right]
    # And the mirror image: no mistake in the pick, one elsewhere.
    reads = [(labels[r] + 1) % 10 if r == right else labels[r] for r in range(20)]
    net, digits = reading(reads=reads, labels=labels)
    assert preview_rows(net, digits, 6, seed=3) == [*pick[:-1], right]
