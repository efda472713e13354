"""network/analysis.py: the digits and neurons scenes pick are found, not chosen by hand."""

from __future__ import annotations

import numpy as np
import pytest

from network.analysis import (
    first_correct_per_label,
    misclassified,
    most_exciting,
    pixels_differ,
    preview_rows,
    rows_with_label,
    strongest_neuron,
    weight_scale,
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


def test_most_exciting_and_strongest_are_argmaxes(net, digits) -> None:
    z = digits.images @ net.weights[0].T + net.biases[0]
    for neuron in (0, 7, 15):
        assert most_exciting(net, digits, neuron) == int(np.argmax(z[:, neuron]))
    trace = net.forward(digits.images[4])
    assert strongest_neuron(trace, 2) == int(np.argmax(trace.activations[2]))


def test_pixels_differ_and_weight_scale() -> None:
    a, b = np.zeros(784), np.zeros(784)
    b[:10] = 0.6
    b[10:20] = 0.4
    assert pixels_differ(a, b) == 10
    w = np.linspace(-1, 1, 101)
    assert weight_scale(w, 100) == 1.0
    assert weight_scale(w, 50) == pytest.approx(0.5)
