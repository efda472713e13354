"""Storyboard section 7 as data: squish the sum with the sigmoid, then shift it with a bias.

The designed edge detector of section 6 gives the digit a sum, marked on σ; a bias
of ``BIAS`` makes it fire only past ``-BIAS``; then the featured neuron's own sum
(the one section 6 built from its connections) lands on the axis, its learned
bias slides it along, and σ lifts it to the activation the network computes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecture.choices import axis_reach
from lecture.inputs import Inputs
from lecture.step import Chapter, Step
from network.activations import sigmoid
from network.detector import LECTURE_DETECTOR, NeuronResult, apply_neuron

__all__ = ["BIAS", "KEYS", "LEAST_REACH", "TICK", "Plot", "plan"]

#: Every script key of the chapter (it has no variants).
KEYS = frozenset({"sigmoid", "real-sum", "bias", "neuron-sum", "trained-neuron"})

#: The designed neuron's bias: "fire only when the sum exceeds 10".
BIAS = -10.0
#: The sigmoid's x axis: ticks every ``TICK``, reaching at least ``LEAST_REACH`` either
#: side of 0 (the shipped network's sums fit); a network whose sums land further out
#: gets a longer axis (``axis_reach``) with the same ticks.
TICK = 5.0
LEAST_REACH = 15.0


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
    x = TICK  # the first tick either side of 0
    steps: tuple[Step[NeuronResult | None], ...] = (
        Step(
            "sigmoid",
            "sigmoid",
            {"left": -x, "right": x, "at_left": float(sigmoid(-x)), "at_right": float(sigmoid(x))},
        ),
        Step(
            "real-sum",
            "real-sum",
            {"sum": plain.weighted_sum, "activation": plain.activation},
            plain,
        ),
        Step(
            "bias",
            "bias",
            {
                "threshold": -BIAS,
                "bias": BIAS,
                "sum": biased.weighted_sum,
                "activation": biased.activation,
            },
            biased,
        ),
        Step("neuron-sum", "neuron-sum", {"neuron": k, "sum": trained.weighted_sum}, trained),
        Step(
            "trained-neuron",
            "trained-neuron",
            {
                "neuron": k,
                "sum": trained.weighted_sum,
                "bias": trained.bias,
                "z": trained.z,
                "activation": trained.activation,
            },
            trained,
        ),
    )
    return Chapter("sigmoid_bias", steps, plot, KEYS)
