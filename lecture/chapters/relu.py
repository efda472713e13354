"""Storyboard section 12 as data: the sigmoid and ReLU side by side, why ReLU trains
more easily, and the same digit through both trained networks.

The two networks come from two weights files (``[lecture] weights`` and
``relu_weights``) and need not have the same shape; when they differ, the words and
the diagrams' titles name both shapes, so the comparison says what it compares.
"""

from __future__ import annotations

from dataclasses import dataclass

from lecture.inputs import Inputs
from lecture.step import Chapter, Note, Step, Value
from network.activations import largest_slope, sigmoid, signal_divided_by, slope_through_layers
from network.model import Network, Trace
from network.shapes import dashed, same_shape

__all__ = ["DEEP", "EDGE", "KEYS", "Comparison", "Side", "Slope", "Slopes", "plan"]

#: Every script key of the chapter: the last step names both shapes when the two
#: networks differ.
KEYS = frozenset({"sigmoid", "relu", "why-relu", "same-digit", "same-digit-other-shapes"})

#: Layers in the "deep network" the slopes are multiplied through.
DEEP = 10
#: Both graphs run from -EDGE to EDGE (and the words name the sigmoid's value at both ends).
EDGE = 4


@dataclass(frozen=True)
class Slope:
    """One activation's steepest slope, and the most a learning signal keeps after
    passing back through ``DEEP`` layers of it (the note under its graph)."""

    name: str  # the activation, as ``network.activations`` names it
    steepest: float
    after_layers: float


@dataclass(frozen=True)
class Slopes:
    """What the why-ReLU step writes under each graph: both activations' slopes over
    ``layers`` layers (the ReLU's note is the highlighted one)."""

    sigmoid: Slope
    relu: Slope
    layers: int


@dataclass(frozen=True)
class Side:
    """One network of the comparison: its trace of our digit, its answer, and the shape
    its title names (``None`` when both networks have the same shape)."""

    name: str  # how the title names the activation
    network: Network
    trace: Trace
    answer: int
    activation: float  # the answer's output activation
    shape: str | None


@dataclass(frozen=True)
class Comparison:
    """Our digit through the sigmoid and the ReLU network, with the note under both."""

    sigmoid: Side
    relu: Side
    scaling: Note  # why the ReLU layers are drawn relative to their brightest neuron


def _slope(name: str) -> Slope:
    return Slope(name, largest_slope(name), slope_through_layers(name, DEEP))


def _side(name: str, network: Network, trace: Trace, shape: str | None) -> Side:
    answer = int(trace.prediction)
    return Side(name, network, trace, answer, float(trace.output[answer]), shape)


def comparison_step(inputs: Inputs) -> Step[Comparison]:
    """The same digit through both networks: the plain key when their shapes agree, else
    the key whose words (and the diagrams' titles) name both shapes."""
    digit, sigmoid_net, relu_net = inputs.digit, inputs.network, inputs.relu_network()
    same = same_shape(sigmoid_net.sizes, relu_net.sizes)

    def shape(net: Network) -> str | None:
        return None if same else dashed(net.sizes)

    sides = Comparison(
        _side("sigmoid", sigmoid_net, digit.trace, shape(sigmoid_net)),
        _side("ReLU", relu_net, relu_net.forward(digit.pixels), shape(relu_net)),
        Note("same-digit"),
    )
    values: dict[str, Value] = {
        "sigmoid_answer": sides.sigmoid.answer,
        "sigmoid_activation": sides.sigmoid.activation,
        "relu_answer": sides.relu.answer,
        "relu_activation": sides.relu.activation,
    }
    if same:
        return Step("same-digit", "same-digit", values, sides)
    shapes = {"sigmoid_shape": dashed(sigmoid_net.sizes), "relu_shape": dashed(relu_net.sizes)}
    return Step("same-digit", "same-digit-other-shapes", {**shapes, **values}, sides)


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps: both graphs, the slopes that make the difference in training,
    and ``inputs``' digit through both trained networks."""
    slopes = Slopes(_slope("sigmoid"), _slope("relu"), DEEP)
    steps: tuple[Step, ...] = (
        Step(
            "sigmoid",
            "sigmoid",
            {
                "left": -EDGE,
                "right": EDGE,
                "at_left": float(sigmoid(-EDGE)),
                "at_right": float(sigmoid(EDGE)),
            },
        ),
        Step("relu", "relu"),
        Step(
            "why-relu",
            "why-relu",
            {
                "sigmoid_slope": slopes.sigmoid.steepest,
                "relu_slope": slopes.relu.steepest,
                "layers": DEEP,
                "one_in": signal_divided_by("sigmoid", DEEP),
            },
            slopes,
        ),
        comparison_step(inputs),
    )
    return Chapter("relu", steps, None, KEYS)
