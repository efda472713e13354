"""Many lectures' inputs, for checking that every value-dependent sentence is true.

A sentence such as "only", "never saw" or "a clear win" is chosen by a chapter's plan
from the values. The sweep builds well over a hundred inputs — digits of every label
from both splits, right and wrong answers, near ties, users' images, every supported
hidden shape, an untrained and a barely trained network — so that each chapter's test
can run its plan on all of them (no rendering) and check each chosen sentence's
condition against the values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from lecture.inputs import Digit, Inputs, load_inputs, training_rows
from network.data import load_bundled
from network.model import DEFAULT_SIZES, Network
from network.shipped import SHIPPED_RECIPES, bundled_split
from network.training import train

__all__ = ["Case", "barely_trained", "cases", "untrained"]


@dataclass(frozen=True)
class Case:
    """One lecture's inputs and what makes it worth checking."""

    name: str  # "shipped · bundled #1524 (train, 3, right)", for a failing assertion
    inputs: Inputs


def untrained(activation: str) -> Network:
    """Random weights: answers that mean nothing."""
    return Network.initialised(DEFAULT_SIZES, activation, seed=0)


def barely_trained(activation: str) -> Network:
    """One epoch on 200 training digits: a network that reads only a digit or two."""
    train_set = bundled_split()[0]
    rows = np.random.default_rng(0).permutation(len(train_set))[:200]
    net = Network.initialised(DEFAULT_SIZES, activation, seed=0)
    recipe = dataclasses.replace(SHIPPED_RECIPES[activation], epochs=1)
    train(net, train_set.subset(rows), recipe)
    return net


def _with(inputs: Inputs, sigmoid: Network, relu: Network) -> Inputs:
    """``inputs`` with other networks, its digit run again through the new one."""
    d = inputs.digit
    digit = Digit(d.pixels, d.label, d.source, sigmoid.forward(d.pixels), d.trained_on)
    return dataclasses.replace(inputs, network=sigmoid, relu=relu, digit=digit)


def _digit(
    inputs: Inputs, pixels: np.ndarray, label: int | None, source: str, trained: bool
) -> Inputs:
    return dataclasses.replace(
        inputs, digit=Digit(pixels, label, source, inputs.network.forward(pixels), trained)
    )


def _bundled_rows(per_label: int) -> list[int]:
    """``per_label`` bundled rows of each label from each split (training, validation)."""
    labels = load_bundled().labels
    trained = training_rows()
    rows = []
    for label in range(10):
        of_label = np.flatnonzero(labels == label)
        rows += [int(r) for r in of_label if r in trained][:per_label]
        rows += [int(r) for r in of_label if r not in trained][:per_label]
    return rows


def _interesting_rows(net: Network, count: int) -> list[int]:
    """Bundled rows the network gets wrong, and rows it answers by a hair (near ties)."""
    digits = load_bundled()
    outputs = net.forward(digits.images).activations[-1]
    top2 = np.sort(outputs, axis=1)[:, -2:]
    margin = top2[:, 1] - top2[:, 0]
    wrong = np.flatnonzero(outputs.argmax(axis=1) != digits.labels)[:count]
    close = np.argsort(margin)[:count]
    return [int(r) for r in (*wrong, *close)]


def cases(networks: dict[str, tuple[Network, Network]] | None = None) -> Iterator[Case]:
    """The sweep: the shipped lecture over digits of every kind, users' images, and each
    of ``networks`` (name → sigmoid and ReLU networks) over a few of the same digits.

    With the shipped networks: 2 digits of each label from each split (40), 10 it gets
    wrong and 10 near ties (20), 6 users' images (unlabelled), and the digit as shipped.
    With each other network: 12 of those digits and 2 users' images.
    """
    shipped = load_inputs()
    digits = load_bundled()
    trained = training_rows()
    validation = bundled_split()[1]

    def over(name: str, base: Inputs, rows: list[int], images: int) -> Iterator[Case]:
        yield Case(f"{name} · as configured", base)
        for row in rows:
            pixels, label = digits.images[row], int(digits.labels[row])
            split = "train" if row in trained else "validation"
            case = _digit(base, pixels, label, f"bundled digit #{row}", row in trained)
            verdict = "wrong" if case.digit.is_wrong else "right"
            yield Case(f"{name} · bundled #{row} ({split}, {label}, {verdict})", case)
        for k in range(images):
            # A user's image: a validation digit, shifted a pixel so it is not that digit.
            pixels = np.roll(validation.images[40 + k].reshape(28, 28), 1, axis=1).reshape(-1)
            yield Case(
                f"{name} · a user's image #{k}", _digit(base, pixels, None, "mine.png", False)
            )

    rows = list(dict.fromkeys(_bundled_rows(2) + _interesting_rows(shipped.network, 10)))
    yield from over("shipped", shipped, rows, 6)
    few = rows[::7][:12]
    for name, (sigmoid, relu) in (networks or {}).items():
        yield from over(name, _with(shipped, sigmoid, relu), few, 2)
