"""Storyboard section 7 as data: squish the sum with the sigmoid, then shift it with a bias.

The designed edge detector of section 6 gives the digit a sum, marked on σ; a bias
of ``BIAS`` makes it fire only past ``-BIAS``; then the featured neuron's own sum
(the one section 6 built from its connections) lands on the axis, its learned
bias slides it along, and σ lifts it to the activation the network computes.

Words for the ear: sums are said rounded (``lecture.nearness.for_the_ear``), and an
activation by how near it is to zero or one (``lecture.nearness.said_activation``:
"almost exactly one", "about 0.94"); the screen keeps the precise values. The trained
neuron's words follow the sign of its learned bias: a positive bias lowers the bar and slides the
point right, a negative one raises it and slides it left, a tiny one hardly moves it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecture.choices import axis_reach
from lecture.inputs import Inputs
from lecture.nearness import for_the_ear, said_activation
from lecture.step import Chapter, Step
from network.detector import LECTURE_DETECTOR, NeuronResult, apply_neuron

__all__ = [
    "BIAS",
    "KEYS",
    "LEAST_REACH",
    "SMALL_BIAS",
    "TICK",
    "Plot",
    "bias_key",
    "plan",
]

#: Every script key of the chapter: the trained neuron's words by its bias's sign
#: ("trained-neuron" positive, "-negative", "-small" for a bias under ``SMALL_BIAS``).
KEYS = frozenset(
    {
        "sigmoid",
        "real-sum",
        "bias",
        "neuron-sum",
        "trained-neuron",
        "trained-neuron-negative",
        "trained-neuron-small",
    }
)

#: The designed neuron's bias: "fire only when the sum exceeds 10".
BIAS = -10.0
#: The sigmoid's x axis: ticks every ``TICK``, reaching at least ``LEAST_REACH`` either
#: side of 0 (the shipped network's sums fit); a network whose sums land further out
#: gets a longer axis (``axis_reach``) with the same ticks.
TICK = 5.0
LEAST_REACH = 15.0
#: A learned bias smaller than this either way "hardly moves" the point: a fiftieth
#: of a tick, too little to see on the axis.
SMALL_BIAS = 0.1


def bias_key(bias: float) -> str:
    """The trained neuron's words for its learned bias: it lowers the bar (positive),
    raises it (negative) or hardly moves the point (under ``SMALL_BIAS`` either way)."""
    if abs(bias) < SMALL_BIAS:
        return "trained-neuron-small"
    return "trained-neuron" if bias > 0 else "trained-neuron-negative"


@dataclass(frozen=True)
class Plot:
    """What every step draws on: the sigmoid's x axis, long enough for every sum the
    chapter marks, and the inputs the formula sums over."""

    x_range: tuple[float, float, float]  # (start, end, tick)
    inputs: int  # the formula runs w_1 a_1 … w_n a_n
    neuron: int  # the featured neuron (``Digit.featured_neuron``)


def plan(inputs: Inputs) -> Chapter[Plot]:
    """The chapter's steps for ``inputs``' digit and network.

    Each marking step shows the :class:`~network.detector.NeuronResult` it marks:
    the designed detector's sum, the same with ``BIAS``, and the featured neuron's
    sum with its learned bias.
    """
    digit, net = inputs.digit, inputs.network
    detector = LECTURE_DETECTOR.weights(LECTURE_DETECTOR.centre_on(digit.pixels))
    plain = apply_neuron(detector, digit.pixels)
    biased = apply_neuron(detector, digit.pixels, bias=BIAS)
    k = digit.featured_neuron
    trained = apply_neuron(net.weights[0][k], digit.pixels, bias=float(net.biases[0][k]))
    reach = axis_reach(
        (plain.weighted_sum, trained.weighted_sum, trained.z), step=TICK, least=LEAST_REACH
    )
    plot = Plot((-reach, reach, TICK), net.sizes[0], k)
    steps: tuple[Step[NeuronResult | None], ...] = (
        Step("sigmoid", "sigmoid", {}, cues=("range", "curve", "formula", "left", "right")),
        Step(
            "real-sum",
            "real-sum",
            {
                "sum": plain.weighted_sum,
                "said": for_the_ear(plain.weighted_sum),
                "near": said_activation(inputs, plain.activation),
            },
            plain,
            cues=("mark", "value", "further"),
        ),
        Step(
            "bias",
            "bias",
            {
                "threshold": -BIAS,
                "bias": BIAS,
                "near": said_activation(inputs, biased.activation),
            },
            biased,
            cues=("bias", "inside", "sigma", "shift", "value"),
        ),
        Step("neuron-sum", "neuron-sum", {"neuron": k}, trained, cues=("lands",)),
        Step(
            "trained-neuron",
            bias_key(trained.bias),
            {
                "bias": for_the_ear(trained.bias),
                "near": said_activation(inputs, trained.activation),
            },
            trained,
            cues=("shift", "sum", "sign", "slides", "lift", "computes", "weights", "strength"),
        ),
    )
    return Chapter("sigmoid_bias", steps, plot, KEYS)
