"""Storyboard section 9 as data: what the trained first-layer neurons actually look for.

The honest answer to section 5: the featured neuron's 784 real weights, then every
first-layer neuron's (or, beyond ``MAX_GRIDS``, an evenly spread sample with the
featured one in it, and words that say how many of how many), all on one colour
scale; the validation digit that excites the featured neuron most; and the
network's accuracy on digits it never trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import spread_neurons, weight_scale
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Step
from network.analysis import most_exciting
from network.data import IMAGE_SIDE
from network.detector import apply_neuron
from network.training import accuracy

__all__ = ["KEYS", "MAX_GRIDS", "Exciter", "Layer", "Sample", "plan"]

#: Every script key of the chapter: the whole layer, or a sample of a wide one.
KEYS = frozenset(
    {"one-neuron", "all-neurons", "all-neurons-sample", "most-exciting", "honest-answer"}
)

#: Most weight grids shown at once. 32 (4 rows of 8) are still about 1.1 units high,
#: some 65 px at 480p: the blotches and the neuron names stay readable. More would
#: shrink every thumbnail below that, so a wider layer is shown by a sample this size.
MAX_GRIDS = 32


@dataclass(frozen=True)
class Layer:
    """The first hidden layer's weights, drawn on one colour scale, and the neuron the
    chapter is about (``Digit.featured_neuron``)."""

    weights: np.ndarray  # (neurons, 784)
    scale: float  # the |w| drawn at full brightness, for every grid alike (``weight_scale``)
    neuron: int


@dataclass(frozen=True)
class Sample:
    """The neurons whose grids are drawn, in order: all of them, or an even sample of a
    layer wider than ``MAX_GRIDS`` with the featured neuron in it."""

    shown: tuple[int, ...]


@dataclass(frozen=True)
class Exciter:
    """The validation digit that gives the featured neuron its largest weighted sum."""

    digit: Digit
    weighted_sum: float


def plan(inputs: Inputs) -> Chapter[Layer]:
    """The chapter's steps for ``inputs``' digit and network.

    The grids step's key says whether the whole layer is shown (``all-neurons``) or a
    sample of it (``all-neurons-sample``).
    """
    net, palette = inputs.network, inputs.palette
    weights = net.weights[0]
    count, inputs_per_neuron = weights.shape
    k = inputs.digit.featured_neuron
    layer = Layer(weights, weight_scale(weights), k)
    colours = {"positive": palette.positive_name, "negative": palette.negative_name}

    sample = Sample(tuple(spread_neurons(count, MAX_GRIDS, keep=k)))
    if len(sample.shown) < count:
        grids = Step(
            "all-neurons",
            "all-neurons-sample",
            {"shown": len(sample.shown), "count": count, **colours},
            sample,
        )
    else:
        grids = Step("all-neurons", "all-neurons", {"count": count, **colours}, sample)

    validation = inputs.validation()
    row = most_exciting(net, validation, k)
    digit = inputs.validation_digit(row)
    exciter = Exciter(digit, apply_neuron(weights[k], digit.pixels).weighted_sum)

    steps: tuple[Step, ...] = (
        Step(
            "one-neuron",
            "one-neuron",
            {"neuron": k, "weights": inputs_per_neuron, "side": IMAGE_SIDE, **colours},
        ),
        grids,
        Step(
            "most-exciting",
            "most-exciting",
            {
                "count": len(validation),
                "neuron": k,
                "label": digit.kind,
                "sum": exciter.weighted_sum,
                **colours,
            },
            exciter,
        ),
        Step("honest-answer", "honest-answer", {"share": accuracy(net, validation)}),
    )
    return Chapter("first_layer", steps, layer, KEYS)
