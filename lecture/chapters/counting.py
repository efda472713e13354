"""Storyboard section 8 as data: counting the knobs, every weight and bias read from the
network.

One step per weight layer, however many the network has, and each said more briefly
than the one before: the first hidden layer is explained, the next is compared with it,
any further one is only named, and the output layer's has words of its own. Then the
total, every parameter at once with a few of them magnified as sliders, and what
learning means.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import colour_words
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

#: Every script key of the chapter: one hidden-layer step per hidden layer (numbered by
#: part): the first (``-one`` when it is the only hidden layer), the second (``-next``),
#: any later one (``-again``); then the output layer's. The every-knob step says that
#: nearly all the parameters sit in the first layer, or (``-spread``) does not.
KEYS = frozenset(
    {
        "hidden-layer",
        "hidden-layer-one",
        "hidden-layer-next",
        "hidden-layer-again",
        "output-layer",
        "total",
        "every-knob",
        "every-knob-spread",
        "learning",
    }
)

#: "Nearly all" the parameters sit in the first layer when it holds at least this share.
NEARLY_ALL = 0.9
#: The biases are "only" a few of the parameters when they are at most this share.
FEW_BIASES = 0.05


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
    """The every-knob step's magnified parameters, in the order they are stacked; and the
    first layer's largest positive and most negative parameter, pointed at as the colours
    are named (``None`` when the layer has no parameter of that sign)."""

    knobs: tuple[Knob, ...]
    positive: Parameter | None = None
    negative: Parameter | None = None


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


def first_layer_extremes(net: Network) -> tuple[Parameter | None, Parameter | None]:
    """The first layer's largest positive and most negative parameter (weight or bias):
    the brightest cell of each colour; ``None`` for a sign no parameter has."""
    w, b = net.weights[0], net.biases[0]
    # Counting order: neuron by neuron, its weights then its bias.
    values = np.concatenate([w, b[:, None]], axis=1)
    n_in = w.shape[1]

    def at(flat: int) -> Parameter:
        neuron, column = divmod(flat, n_in + 1)
        source = None if column == n_in else column
        return Parameter(1, neuron, source, float(values[neuron, column]))

    high, low = int(np.argmax(values)), int(np.argmin(values))
    return (
        at(high) if values.flat[high] > 0 else None,
        at(low) if values.flat[low] < 0 else None,
    )


def knob(net: Network, parameter: Parameter) -> Knob:
    """``parameter`` as a slider: a bias and a weight are named by different notes."""
    where: dict[str, Value] = {"layer": parameter.layer, "neuron": parameter.neuron}
    if parameter.source is None:
        name = Note("every-knob", "bias", where)
    else:
        name = Note("every-knob", "weight", {"source": parameter.source, **where})
    return Knob(parameter, largest_parameter(net, parameter.layer), name)


def layer_step(index: int, layer: LayerParameters, count: int) -> Step[CountedLayer]:
    """The count of layer transition ``index`` of ``count``: the first hidden layer is
    explained (it is the only one, or the first), the second is compared with it, a later
    one only named; the last transition is the output layer's."""
    values: dict[str, Value] = {"inputs": layer.n_in, "neurons": layer.n_out}
    shows, cues = CountedLayer(index, layer), ("frame", "sources", "line")
    if index == count - 1:
        return Step("output-layer", "output-layer", values, shows, cues=cues)
    if count == 2:
        return Step("hidden-layer", "hidden-layer-one", values, shows, 1, cues=cues)
    key = ("hidden-layer", "hidden-layer-next")[index] if index < 2 else "hidden-layer-again"
    return Step("hidden-layer", key, {"hidden": index + 1, **values}, shows, index + 1, cues=cues)


def first_layer_share(counts: Counts) -> float:
    """The share of all parameters that are the first layer's weights and biases."""
    return counts.layers[0].total / counts.parameters


def plan(inputs: Inputs) -> Chapter[Counts]:
    """The chapter's steps for ``inputs``' network; the magnified parameters are those of
    the featured neuron and of the digit's answer."""
    net, digit = inputs.network, inputs.digit
    counts = Counts(tuple(net.layer_parameters()), net.n_weights, net.n_biases, net.n_parameters)
    featured = featured_parameters(net, digit.trace, digit.featured_neuron)
    steps: list[Step] = [
        layer_step(index, layer, len(counts.layers)) for index, layer in enumerate(counts.layers)
    ]
    colours = colour_words(inputs)
    nearly_all = first_layer_share(counts) >= NEARLY_ALL
    positive, negative = first_layer_extremes(net)
    steps += [
        Step(
            "total",
            "total",
            {"weights": counts.weights, "biases": counts.biases, "parameters": counts.parameters},
            cues=("lines", "total", "biases", "weights"),
        ),
        Step(
            "every-knob",
            "every-knob" if nearly_all else "every-knob-spread",
            {"parameters": counts.parameters, **colours},
            Knobs(tuple(knob(net, p) for p in featured), positive, negative),
            notes={"counter": Note("every-knob", "counter")},
            cues=("positive", "negative", "first", "knobs"),
        ),
        Step(
            "learning",
            "learning",
            {"parameters": counts.parameters},
            notes={"remark": Note("learning")},
            cues=("all", "remark"),
        ),
    ]
    return Chapter("counting", tuple(steps), counts, KEYS)
