"""Storyboard section 8 as data: counting the knobs, every weight and bias read from the
network.

One step per weight layer, however many the network has (the last is the output
layer's, with its own words), the total, every parameter at once with a few of them
magnified as sliders, and what learning means.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.inputs import Inputs
from lecture.step import Chapter, Note, Step, Value
from network.algebra import Parameter, largest_parameter
from network.model import LayerParameters, Network, Trace

__all__ = [
    "KEYS",
    "CountedLayer",
    "Counts",
    "Knob",
    "Knobs",
    "featured_parameters",
    "plan",
]

#: Every script key of the chapter: one hidden-layer step per hidden layer (numbered
#: by part), then the output layer's.
KEYS = frozenset({"hidden-layer", "output-layer", "total", "every-knob", "learning"})


@dataclass(frozen=True)
class Counts:
    """What the whole chapter counts, known before the first step so that the column of
    lines, the total and the closing note can be laid out once and never jump."""

    layers: tuple[LayerParameters, ...]  # per weight layer, input side first
    weights: int
    biases: int
    parameters: int


@dataclass(frozen=True)
class CountedLayer:
    """The layer transition a counting step frames: its index (0 = into the first hidden
    layer) and its weights and biases."""

    index: int
    parameters: LayerParameters


@dataclass(frozen=True)
class Knob:
    """One parameter magnified as a slider whose track spans ±``limit``, the largest
    |parameter| of its layer (so its knob's place says how large it is there)."""

    parameter: Parameter
    limit: float
    name: Note  # the slider's title


@dataclass(frozen=True)
class Knobs:
    """The every-knob step's magnified parameters, in the order they are stacked."""

    knobs: tuple[Knob, ...]


def featured_parameters(net: Network, trace: Trace, neuron: int) -> tuple[Parameter, ...]:
    """A few parameters worth magnifying: the strongest weight into first-hidden-layer
    ``neuron`` and that neuron's bias, then the strongest weight into the output neuron
    of the network's answer; the values are the network's own."""
    w1, b1 = net.weights[0], net.biases[0]
    strongest = int(np.argmax(np.abs(w1[neuron])))
    answer = int(trace.prediction)
    w_out = net.weights[-1]
    into_answer = int(np.argmax(np.abs(w_out[answer])))
    last = len(net.weights)
    return (
        Parameter(1, neuron, strongest, float(w1[neuron, strongest])),
        Parameter(1, neuron, None, float(b1[neuron])),
        Parameter(last, answer, into_answer, float(w_out[answer, into_answer])),
    )


def knob(net: Network, parameter: Parameter) -> Knob:
    """``parameter`` as a slider: a bias and a weight are named by different notes."""
    where: dict[str, Value] = {"layer": parameter.layer, "neuron": parameter.neuron}
    if parameter.source is None:
        name = Note("every-knob", "bias", where)
    else:
        name = Note("every-knob", "weight", {"source": parameter.source, **where})
    return Knob(parameter, largest_parameter(net, parameter.layer), name)


def layer_step(index: int, layer: LayerParameters, last: bool) -> Step[CountedLayer]:
    """The count of one layer transition: a hidden layer's (numbered), or the output's."""
    values: dict[str, Value] = {"inputs": layer.n_in, "neurons": layer.n_out, "total": layer.total}
    shows = CountedLayer(index, layer)
    if last:
        return Step("output-layer", "output-layer", values, shows)
    return Step("hidden-layer", "hidden-layer", {"hidden": index + 1, **values}, shows, index + 1)


def plan(inputs: Inputs) -> Chapter[Counts]:
    """The chapter's steps for ``inputs``' network; the magnified parameters are those of
    the featured neuron and of the digit's answer."""
    net, digit = inputs.network, inputs.digit
    counts = Counts(tuple(net.layer_parameters()), net.n_weights, net.n_biases, net.n_parameters)
    last = len(counts.layers) - 1
    featured = featured_parameters(net, digit.trace, digit.featured_neuron)
    steps: list[Step] = [
        layer_step(index, layer, index == last) for index, layer in enumerate(counts.layers)
    ]
    steps += [
        Step(
            "total",
            "total",
            {"weights": counts.weights, "biases": counts.biases, "parameters": counts.parameters},
        ),
        Step(
            "every-knob",
            "every-knob",
            {"parameters": counts.parameters},
            Knobs(tuple(knob(net, p) for p in featured)),
            notes={"counter": Note("every-knob", "counter")},
        ),
        Step(
            "learning",
            "learning",
            {"parameters": counts.parameters},
            notes={"remark": Note("learning")},
        ),
    ]
    return Chapter("counting", tuple(steps), counts, KEYS)
