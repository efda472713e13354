"""Storyboard section 6 as data: one neuron's weighted sum, its weights as a grid, an
edge detector designed by hand.

The featured neuron (the one the digit lights most) is shown in the diagram with
its drawn connections; the largest terms w·a of those connections are lifted into
its sum; its 784 weights are laid over the digit as a grid, the drawn pixels
marked; then a designed neuron, a positive patch on a stroke of the digit and
negative bands around it, is tried on the digit and on a blank white image.

The words start from a design question (what knobs would let one neuron catch a
pattern?) and answer it with weights. Sums are said rounded for the ear
(``lecture.nearness.for_the_ear``), the neuron's activation in words
(``lecture.nearness.said_activation``), the colours by the script's names for them
(``lecture.choices.colour_words``); whether the designed neuron scores the digit above
a blank white image is chosen from the sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import colour_words, drawn_neurons, drawn_pixel_cells, fan_in_strengths
from lecture.inputs import Inputs
from lecture.nearness import for_the_ear, said_activation
from lecture.step import Chapter, Note, Step
from network.data import IMAGE_SIDE
from network.detector import LECTURE_DETECTOR, NeuronResult, apply_neuron, largest_terms

__all__ = [
    "CLEAR",
    "KEYS",
    "LIFTED_TERMS",
    "Designed",
    "FanIn",
    "Featured",
    "Overlay",
    "Sum",
    "Term",
    "plan",
    "strongest_cells",
]

#: Every script key of the chapter: "negative-surround-flat" when the designed neuron
#: scores the digit no higher than a blank white image (no stroke for it to find).
KEYS = frozenset(
    {
        "one-neuron",
        "weighted-sum",
        "weights-as-grid",
        "positive-patch",
        "negative-surround",
        "negative-surround-flat",
    }
)

#: How much more than a blank white image the designed neuron must give the digit for
#: the words to say it scores the digit higher ("only" for the blank image): a whole
#: white pixel's worth of sum.
CLEAR = 1.0

#: How many terms w·a are lifted off the drawn connections into the sum: enough to
#: show the pattern (a weight times a pixel), few enough to read.
LIFTED_TERMS = 3


@dataclass(frozen=True)
class Featured:
    """The neuron the chapter looks inside (``Digit.featured_neuron``), and its sum on
    the lecture's digit: every step draws from it."""

    index: int
    weights: np.ndarray  # its 784 incoming weights
    activation: float  # what the digit lights it to
    weighted_sum: float  # Σ w·a over all 784 inputs, before the bias


@dataclass(frozen=True)
class FanIn:
    """The featured neuron's drawn connections: one per drawn input neuron.

    ``strengths`` (|w| / the largest drawn |w|) sets each line's width, so a line
    twice as thick is a weight twice as large; ``weights`` their signs' colours.
    """

    sources: tuple[int, ...]  # the pixels the drawn input neurons stand for, top to bottom
    weights: np.ndarray  # the weight of each drawn connection
    strengths: np.ndarray


@dataclass(frozen=True)
class Term:
    """One term w·a of the sum, lifted off its drawn connection."""

    pixel: int
    weight: float
    activation: float
    product: float


@dataclass(frozen=True)
class Sum:
    """The weighted sum written out: its length, the lifted terms and the total."""

    inputs: int  # the formula runs w_1 a_1 … w_n a_n
    terms: tuple[Term, ...]  # in pixel order
    rest: int  # the terms not written out
    total: float


@dataclass(frozen=True)
class Overlay:
    """The 784 weights as a grid laid over the digit, the drawn connections' pixels marked;
    ``strongest`` the (row, column) of its largest positive weight and of its most negative
    one (``None`` for a sign it has none of), pointed at as each colour is named."""

    weights: np.ndarray
    cells: tuple[tuple[int, int], ...]  # (row, column) of each drawn input, as ``FanIn.sources``
    strongest: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)


def strongest_cells(
    weights: np.ndarray,
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The (row, column) of the largest positive and of the most negative of 784 weights
    (``None`` when no weight has that sign)."""
    grid = np.asarray(weights, dtype=float).reshape(IMAGE_SIDE, IMAGE_SIDE)

    def cell(at: np.intp) -> tuple[int, int]:
        row, col = np.unravel_index(at, grid.shape)
        return int(row), int(col)

    positive = cell(np.argmax(grid)) if grid.max() > 0 else None
    negative = cell(np.argmin(grid)) if grid.min() < 0 else None
    return positive, negative


@dataclass(frozen=True)
class Designed:
    """A designed neuron's weights, where it sits on the digit, and its sums.

    ``outline`` is the box drawn around its non-zero weights, in cells (across the
    grid's columns, down its rows); ``on_white`` is its sum on a blank white image:
    the most a positive patch alone can reach, and what the bands pull down.
    """

    centre: tuple[float, float]  # (row, column) of the detector on the digit's stroke
    weights: np.ndarray  # 28×28
    outline: tuple[float, float]
    on_digit: NeuronResult
    on_white: NeuronResult


def designed(inputs: Inputs, with_surround: bool) -> Designed:
    """``LECTURE_DETECTOR`` where it gives the digit its largest sum, with or without
    its negative bands."""
    pixels = inputs.digit.pixels
    detector = LECTURE_DETECTOR
    centre = detector.centre_on(pixels)
    weights = detector.weights(centre, with_surround=with_surround)
    surround = detector.surround if with_surround else 0.0
    across = detector.width + 2 * surround + 1  # cells across the strip and its bands
    along = detector.length + 1
    outline = (along, across) if detector.orientation == "horizontal" else (across, along)
    return Designed(
        centre,
        weights,
        outline,
        apply_neuron(weights, pixels),
        apply_neuron(weights, np.ones_like(pixels)),
    )


def plan(inputs: Inputs) -> Chapter[Featured]:
    """The chapter's steps for ``inputs``' digit and network, about its featured neuron."""
    digit, net = inputs.digit, inputs.network
    k = digit.featured_neuron
    w = net.weights[0][k]
    a = digit.pixels
    featured = Featured(
        k, w, float(digit.trace.activations[1][k]), apply_neuron(w, a).weighted_sum
    )
    colours = colour_words(inputs)

    sources = drawn_neurons(net.sizes, 0)
    fan = FanIn(sources, w[list(sources)], fan_in_strengths(w, sources))
    lifted = largest_terms(w, a, LIFTED_TERMS, among=sources)
    terms = tuple(Term(i, float(w[i]), float(a[i]), float(w[i] * a[i])) for i in lifted)
    total = featured.weighted_sum
    written = Sum(w.size, terms, w.size - len(terms), total)
    overlay = Overlay(w, tuple(drawn_pixel_cells()), strongest_cells(w))
    patch, edge = designed(inputs, with_surround=False), designed(inputs, with_surround=True)

    on_digit, on_white = edge.on_digit.weighted_sum, edge.on_white.weighted_sum
    steps: tuple[Step, ...] = (
        Step(
            "one-neuron",
            "one-neuron",
            {"neuron": k, "lit": said_activation(inputs, featured.activation), **colours},
            fan,
            notes={"": Note("one-neuron", "", {"drawn": len(sources), "inputs": w.size})},
            cues=("neuron", "lit", "edges", "positive", "negative", "thicker"),
        ),
        Step(
            "weighted-sum",
            "weighted-sum",
            {"total": for_the_ear(total)},
            written,
            notes={"more": Note("weighted-sum", "more", {"rest": written.rest})},
            cues=("first", "more", "total", "about"),
        ),
        Step(
            "weights-as-grid",
            "weights-as-grid",
            {"inputs": w.size, "side": IMAGE_SIDE, **colours},
            overlay,
            cues=("grid", "positive", "negative", "marks"),
        ),
        Step(
            "positive-patch",
            "positive-patch",
            {
                "weight": for_the_ear(float(patch.weights.max())),
                "total": for_the_ear(patch.on_digit.weighted_sum),
                "most": for_the_ear(patch.on_white.weighted_sum),
            },
            patch,
            notes={"sum": Note("positive-patch", "sum")},
            cues=("patch", "weight", "sum", "about", "white"),
        ),
        Step(
            "negative-surround",
            "negative-surround" if on_digit >= on_white + CLEAR else "negative-surround-flat",
            {
                "negative": colours["negative"],
                "edge": for_the_ear(on_digit),
                "white": for_the_ear(on_white),
            },
            edge,
            notes={
                "digit": Note("negative-surround", "digit"),
                "white": Note("negative-surround", "white"),
            },
            cues=("bands", "bright", "dark", "stroke", "digit", "white"),
        ),
    )
    return Chapter("weighted_sum", steps, featured, KEYS)
