"""Storyboard section 12 as data: the sigmoid and ReLU side by side, why ReLU trains
more easily, the same digit through both trained networks, how well each reads the
digits kept out of training, and a look ahead to learning.

The two networks come from two weights files (``[lecture] weights`` and
``relu_weights``) and need not have the same shape; when they differ, the words and
the diagrams' titles name both shapes, so the comparison says what it compares.

Every value-dependent word is chosen here: how close the sigmoid comes to zero and one
at the graph's edges, the slopes as words ("a quarter"), what is left of a learning
signal rounded for the ear ("about one part in a million"), whether the two networks
agree on the digit, and whether they read the validation digits about equally well.
"""

from __future__ import annotations

from dataclasses import dataclass

from num2words import num2words

from lecture.inputs import Inputs
from lecture.step import Chapter, Note, Step, Value
from network.activations import largest_slope, sigmoid, signal_divided_by, slope_through_layers
from network.model import Network, Trace
from network.shapes import dashed, same_shape
from network.training import accuracy

__all__ = [
    "ALMOST",
    "CLOSE",
    "DEEP",
    "EDGE",
    "EVEN",
    "KEYS",
    "NEAR",
    "Comparison",
    "Scores",
    "Side",
    "Slope",
    "Slopes",
    "accuracy_key",
    "fraction_words",
    "how_near",
    "near_words",
    "one_in_words",
    "plan",
    "round_down",
    "score_note",
    "slope_notes",
]

#: Every script key of the chapter: the last steps name both shapes when the two
#: networks differ, say one answer or two, and one score or two.
KEYS = frozenset(
    {
        "sigmoid",
        "relu",
        "why-relu",
        "same-digit",
        "same-digit-differ",
        "same-digit-other-shapes",
        "same-digit-other-shapes-differ",
        "accuracy-same",
        "accuracy-close",
        "accuracy-relu-ahead",
        "accuracy-sigmoid-ahead",
        "ahead",
    }
)

#: Layers in the "deep network" the slopes are multiplied through.
DEEP = 10
#: Both graphs run from -EDGE to EDGE (and the words say how near the sigmoid is to zero
#: and one at the two ends).
EDGE = 4
#: Within this of zero (or one), the sigmoid's value is "almost" zero (or one); within
#: ``CLOSE``, "close to" it.
ALMOST = 0.05
CLOSE = 0.15
#: Two networks whose validation accuracies differ by less than this (a fraction: two
#: percentage points) do "about equally well".
EVEN = 0.02


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
    """One network of the comparison: its trace of our digit, its answer, the shape
    its title names (``None`` when both networks have the same shape) and its title's
    heading (the activation's name and the answer, a note of the same-digit step)."""

    name: str  # the activation, as the title's note names it
    network: Network
    trace: Trace
    answer: int
    activation: float  # the answer's output activation
    shape: str | None
    heading: Note


@dataclass(frozen=True)
class Comparison:
    """Our digit through the sigmoid and the ReLU network, with the note under both."""

    sigmoid: Side
    relu: Side
    scaling: Note  # why the ReLU layers are drawn relative to their brightest neuron


@dataclass(frozen=True)
class Scores:
    """Each network's accuracy (a fraction) on the validation digits, and how many."""

    sigmoid: float
    relu: float
    digits: int


def how_near(value: float, target: float) -> str:
    """How near ``value`` is to ``target``: "almost" within ``ALMOST``, "close" within
    ``CLOSE``, else "above" or "below" it (the keys of ``NEAR``)."""
    gap = abs(value - target)
    if gap <= ALMOST:
        return "almost"
    if gap <= CLOSE:
        return "close"
    return "above" if value > target else "below"


#: How near a value is to a number called ``{name}``, for the ear, by ``how_near``.
NEAR = {
    "almost": "almost {name}",
    "close": "close to {name}",
    "above": "well above {name}",
    "below": "well below {name}",
}


def near_words(value: float, target: float, name: str) -> str:
    """How near ``value`` is to ``target`` (called ``name``), for the ear: "almost zero",
    "close to zero", "well above zero" (see ``how_near``)."""
    return NEAR[how_near(value, target)].format(name=name)


#: Fractions said as words, by denominator.
_FRACTIONS = {1: "one", 2: "a half", 3: "a third", 4: "a quarter", 5: "a fifth"}


def fraction_words(value: float) -> str:
    """A slope for the ear: "one", "a half" … "a fifth" when it is exactly that, else
    the value to two places (which the voice reads out as a number)."""
    for denominator, words in _FRACTIONS.items():
        if abs(value - 1 / denominator) < 1e-6:
            return words
    return f"{value:.2f}"


#: Large round numbers said as words, largest first.
_UNITS = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def round_down(n: int) -> int:
    """``n`` cut to its first digit: 1,048,576 → 1,000,000, 65,536 → 60,000, 7 → 7."""
    if n < 10:
        return n
    step = 10 ** (len(str(n)) - 1)
    return n // step * step


def one_in_words(n: int) -> str:
    """A learning signal cut to one part in ``n``, for the ear, and true: ``n`` rounded
    down to its first digit, so a part in the rounded number is no less than the real
    part: 1,048,576 → "less than one part in a million", 65,536 → "less than one part
    in sixty thousand", 4 → "one part in four"."""
    rounded = round_down(n)
    said = num2words(rounded)
    for unit, name in _UNITS:
        if rounded >= unit:
            lead = rounded // unit
            said = f"a {name}" if lead == 1 else f"{num2words(lead)} {name}"
            break
    return f"{'' if rounded == n else 'less than '}one part in {said}"


def _slope(name: str) -> Slope:
    return Slope(name, largest_slope(name), slope_through_layers(name, DEEP))


def _side(name: str, network: Network, trace: Trace, shape: str | None) -> Side:
    answer = int(trace.prediction)
    heading = Note("same-digit", name.lower(), {"answer": answer})
    return Side(name, network, trace, answer, float(trace.output[answer]), shape, heading)


def slope_notes(slopes: Slopes) -> dict[str, Note]:
    """The notes under each graph (``sigmoid-steepest``, ``sigmoid-after``, and the same
    for ``relu``): the activation's steepest slope, and what is left after
    ``slopes.layers`` layers of it; the scene typesets the two numbers."""
    notes = {}
    for slope in (slopes.sigmoid, slopes.relu):
        notes[f"{slope.name}-steepest"] = Note(
            "why-relu", "steepest", {"steepest": slope.steepest}
        )
        notes[f"{slope.name}-after"] = Note(
            "why-relu", "after", {"layers": slopes.layers, "after": slope.after_layers}
        )
    return notes


def score_note(share: float, digits: int) -> Note:
    """What is written under a network's diagram: its accuracy ``share`` of ``digits``
    validation digits (the note ``score``, in the first accuracy words' table)."""
    return Note("accuracy-same", "score", {"share": share, "digits": digits})


def comparison_step(inputs: Inputs) -> Step[Comparison]:
    """The same digit through both networks: the key names both shapes when they differ,
    and both answers when the networks disagree (else the one answer they share)."""
    digit, sigmoid_net, relu_net = inputs.digit, inputs.network, inputs.relu_network()
    same = same_shape(sigmoid_net.sizes, relu_net.sizes)

    def shape(net: Network) -> str | None:
        return None if same else dashed(net.sizes)

    sides = Comparison(
        _side("sigmoid", sigmoid_net, digit.trace, shape(sigmoid_net)),
        _side("ReLU", relu_net, relu_net.forward(digit.pixels), shape(relu_net)),
        Note("same-digit"),
    )
    key = "same-digit" if same else "same-digit-other-shapes"
    values: dict[str, Value] = {}
    if not same:
        values |= {
            "sigmoid_shape": dashed(sigmoid_net.sizes),
            "relu_shape": dashed(relu_net.sizes),
        }
    if sides.sigmoid.answer == sides.relu.answer:
        values["answer"] = sides.sigmoid.answer
    else:
        key += "-differ"
        values |= {"sigmoid_answer": sides.sigmoid.answer, "relu_answer": sides.relu.answer}
    cues = ("sigmoid", "relu", "answers")
    return Step("same-digit", key, values, sides, cues=cues)


def accuracy_key(scores: Scores) -> str:
    """The words for the two accuracies: about equal (``EVEN``) and the same whole
    percentage, about equal but said as two percentages, or one network ahead."""
    if abs(scores.sigmoid - scores.relu) < EVEN:
        same = round(100 * scores.sigmoid) == round(100 * scores.relu)
        return "accuracy-same" if same else "accuracy-close"
    return "accuracy-relu-ahead" if scores.relu > scores.sigmoid else "accuracy-sigmoid-ahead"


def accuracy_step(inputs: Inputs) -> Step[Scores]:
    """Both networks' accuracy on the validation digits, as whole percentages."""
    validation = inputs.validation()
    scores = Scores(
        accuracy(inputs.network, validation),
        accuracy(inputs.relu_network(), validation),
        len(validation),
    )
    key = accuracy_key(scores)
    values: dict[str, Value]
    if key == "accuracy-same":
        values = {"accuracy": round(100 * scores.sigmoid)}
    else:
        values = {
            "sigmoid_accuracy": round(100 * scores.sigmoid),
            "relu_accuracy": round(100 * scores.relu),
        }
    notes = {
        "sigmoid": score_note(scores.sigmoid, scores.digits),
        "relu": score_note(scores.relu, scores.digits),
    }
    return Step("accuracy", key, values, scores, notes=notes, cues=("sigmoid", "relu", "compare"))


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps: both graphs, the slopes that make the difference in training,
    ``inputs``' digit through both trained networks, their accuracies, and what comes
    next."""
    slopes = Slopes(_slope("sigmoid"), _slope("relu"), DEEP)
    parameters = inputs.network.n_parameters
    steps: tuple[Step, ...] = (
        Step(
            "sigmoid",
            "sigmoid",
            {
                "low": near_words(float(sigmoid(-EDGE)), 0.0, "zero"),
                "high": near_words(float(sigmoid(EDGE)), 1.0, "one"),
            },
            cues=("curve", "low", "high"),
        ),
        Step("relu", "relu", cues=("name", "graph", "flat", "slope")),
        Step(
            "why-relu",
            "why-relu",
            {
                "sigmoid_slope": slopes.sigmoid.steepest,
                "steepest": fraction_words(slopes.sigmoid.steepest),
                "layers": DEEP,
                "left": one_in_words(signal_divided_by("sigmoid", DEEP)),
                "relu_steepest": fraction_words(slopes.relu.steepest),
            },
            slopes,
            notes=slope_notes(slopes),
            cues=("slope", "sigmoid", "left", "relu"),
        ),
        comparison_step(inputs),
        accuracy_step(inputs),
        Step(
            "ahead",
            "ahead",
            {"parameters": parameters},
            inputs.network,
            notes={
                "next": Note("ahead", "next", {"parameters": parameters}),
                "book": Note("ahead", "book"),
            },
            cues=("knobs", "next", "book"),
        ),
    )
    return Chapter("relu", steps, None, KEYS)
