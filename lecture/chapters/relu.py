"""Storyboard section 12 as data: the sigmoid and ReLU side by side, why ReLU trains
more easily, the same digit through both trained networks, how well each reads the
digits kept out of training, and a look ahead to learning.

The two networks come from two weights files (``[lecture] weights`` and
``relu_weights``) and need not have the same shape; when they differ, the words and
the diagrams' titles name both shapes, so the comparison says what it compares.

Every value-dependent word is chosen here: how close the sigmoid comes to zero and one
at the graph's edges, the slopes as words ("a quarter"), what is left of a learning
signal rounded for the ear ("less than one part in a million"), whether the two networks
agree on the digit, and whether they read the validation digits about equally well. The
words themselves are the script's: the plan picks a note by its name (``note-almost-zero``
of ``[relu.sigmoid]``, ``note-slope-quarter`` and ``note-below-million`` of
``[relu.why-relu]``) and fills the step's values with it, so a translation says them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "Comparison",
    "Scores",
    "Side",
    "Slope",
    "Slopes",
    "accuracy_key",
    "fraction_note",
    "how_near",
    "near_note",
    "plan",
    "round_down",
    "score_note",
    "share_note",
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
    ``CLOSE``, else "above" or "below" it."""
    gap = abs(value - target)
    if gap <= ALMOST:
        return "almost"
    if gap <= CLOSE:
        return "close"
    return "above" if value > target else "below"


#: The numbers ``near_note`` says a value is near, by the word in its notes' names.
_TARGETS = {0: "zero", 1: "one"}


def near_note(value: float, target: int) -> Note:
    """How near ``value`` is to ``target`` (zero or one), for the ear: the sigmoid step's
    note ``<how_near>-<zero|one>`` ("almost zero", "close to one", "well above zero")."""
    return Note("sigmoid", f"{how_near(value, target)}-{_TARGETS[target]}")


#: Fractions said as words, by denominator: the name of each one's note.
_FRACTIONS = {1: "one", 2: "half", 3: "third", 4: "quarter", 5: "fifth"}


def fraction_note(value: float) -> Note:
    """A slope for the ear: the why-ReLU step's note ``slope-one``, ``slope-half`` …
    ``slope-fifth`` when it is exactly that ("a quarter"), else ``slope`` with the
    value, written to two places (and read out as a number)."""
    for denominator, name in _FRACTIONS.items():
        if abs(value - 1 / denominator) < 1e-6:
            return Note("why-relu", f"slope-{name}")
    return Note("why-relu", "slope", {"slope": value})


#: Large round numbers with words of their own ("a million"), largest first: the names
#: of their notes.
_UNITS = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def round_down(n: int) -> int:
    """``n`` cut to its first digit: 1,048,576 → 1,000,000, 65,536 → 60,000, 7 → 7."""
    if n < 10:
        return n
    step = 10 ** (len(str(n)) - 1)
    return n // step * step


def share_note(n: int) -> Note:
    """A learning signal cut to one part in ``n``, for the ear, and true: ``n`` rounded
    down to its first digit, so a part in the rounded number is no less than the real
    part. The why-ReLU step's note ``below`` ("less than one part in …") when rounding
    changed ``n``, else ``part`` ("one part in …"); ``-thousand``, ``-million`` or
    ``-billion`` when the rounded number is just that ("less than one part in a
    million"), else with the rounded number as ``parts`` ("one part in sixty
    thousand", said by the language's num2words)."""
    rounded = round_down(n)
    name = "part" if rounded == n else "below"
    for unit, unit_name in _UNITS:
        if rounded == unit:
            return Note("why-relu", f"{name}-{unit_name}")
    return Note("why-relu", name, {"parts": rounded})


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


def _said(inputs: Inputs, note: Note) -> str:
    """``note``'s words (a note of this chapter), to fill a value of the narration."""
    return inputs.script.note("relu", note.key, note.name, note.values)


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
                "low": _said(inputs, near_note(float(sigmoid(-EDGE)), 0)),
                "high": _said(inputs, near_note(float(sigmoid(EDGE)), 1)),
            },
            cues=("curve", "low", "high"),
        ),
        Step("relu", "relu", cues=("name", "graph", "flat", "slope")),
        Step(
            "why-relu",
            "why-relu",
            {
                "sigmoid_slope": slopes.sigmoid.steepest,
                "steepest": _said(inputs, fraction_note(slopes.sigmoid.steepest)),
                "layers": DEEP,
                "left": _said(inputs, share_note(signal_divided_by("sigmoid", DEEP))),
                "relu_steepest": _said(inputs, fraction_note(slopes.relu.steepest)),
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
