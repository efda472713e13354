"""Storyboard section 10 as data: one layer to the next as a⁽¹⁾ = σ(W a⁽⁰⁾ + b), then
with the network's real numbers, one row worked out by hand, the layer lit, and one
such line per layer.

The equation cannot show all of W: it shows three rows (the first, the featured
neuron's and the last) and three columns: the pixels whose products count most in the
featured neuron's row (the largest |W[j, i]·a[i]|), in pixel order, so the term the
words single out is one the reader sees. The bias vector is indexed to k, one entry per
neuron of the next layer (the original video wrote n there by mistake).

The words say few numbers, each rounded for the ear (:func:`for_the_ear`): the weight of
the term that counts most, the row's sum, the activation unless it is almost exactly
one or zero (then they say so), and the multiplications per digit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import hidden_variant
from lecture.inputs import Inputs
from lecture.nearness import for_the_ear, nearness, shown
from lecture.step import Chapter, Note, Step
from network.algebra import RowSum, row_sum
from network.errors import NetworkInputError

__all__ = [
    "KEYS",
    "LIT",
    "Featured",
    "Layers",
    "RealNumbers",
    "Row",
    "plan",
    "shown_columns",
    "shown_rows",
]

#: Every script key of the chapter: the term that counts most is on a bright pixel, or a
#: faint one (``-faint``); the activation is said as a number, or as almost exactly one
#: (``-high``) or zero (``-low``); the lit layer is "the first hidden layer" unless it is
#: the only one (``-one``).
KEYS = frozenset(
    {
        "matrix-form",
        "bias-vector",
        "real-numbers",
        "one-row",
        "one-row-faint",
        "bias-and-sigma",
        "bias-and-sigma-high",
        "bias-and-sigma-low",
        "bias-and-sigma-near-high",
        "bias-and-sigma-near-low",
        "on-the-network",
        "on-the-network-one",
        "every-layer",
    }
)

#: A pixel at least this bright is "bright"; a darker one with ink is "faint".
LIT = 0.5


@dataclass(frozen=True)
class Featured:
    """What the whole chapter shows of the first layer: the featured neuron (the row
    worked out by hand), the rows of W shown and the pixels (columns) shown."""

    neuron: int
    rows: tuple[int, ...]  # in order; the first, the featured neuron's and the last
    columns: tuple[int, int, int]  # the pixels of the worked row's largest terms, in order


@dataclass(frozen=True)
class RealNumbers:
    """The equation's real entries: W, a⁽⁰⁾, b and a⁽¹⁾ at the rows and columns shown,
    and W's full shape (rows × columns) for the note of sizes."""

    weights: np.ndarray  # (rows shown, columns shown)
    pixels: np.ndarray  # a⁽⁰⁾ at the columns shown
    biases: np.ndarray  # b at the rows shown
    activations: np.ndarray  # a⁽¹⁾ at the rows shown (revealed later)
    shape: tuple[int, int]


@dataclass(frozen=True)
class Row:
    """The featured neuron's row against the pixel column: its products at the columns
    shown (the terms written out), which of them counts most (the largest in size, the
    one the words name) and the whole sum, bias and activation."""

    sum: RowSum
    products: tuple[float, float, float]  # W[j, i]·a[i] for the columns shown
    largest: int  # index into ``products``


@dataclass(frozen=True)
class Layers:
    """Every layer transition's weight matrix shape (rows × columns), input side first."""

    shapes: tuple[tuple[int, int], ...]


def shown_rows(count: int, featured: int) -> tuple[int, ...]:
    """Which of a layer's ``count`` rows a truncated matrix shows: the first, the
    ``featured`` one and the last (three distinct rows, in order, when there are three).

    Rows left out between two shown ones are elided by the picture; the first and the
    last always frame it so that the reader sees where the matrix starts and ends.
    """
    if count < 1 or not 0 <= featured < count:
        raise NetworkInputError(f"row {featured} is not one of {count}")
    rows = sorted({0, featured, count - 1})
    spare = (i for i in range(count) if i not in rows)
    while len(rows) < min(3, count):
        rows = sorted({*rows, next(spare)})
    return tuple(rows)


def shown_columns(products: np.ndarray) -> tuple[int, int, int]:
    """The pixels whose columns of W are shown, in pixel order: the three whose products
    in the worked row count most (largest |W[j, i]·a[i]|; on a tie, the lower pixel)."""
    size = np.abs(np.asarray(products, dtype=float))
    order = np.lexsort((np.arange(size.size), -size))
    first, second, last = sorted(int(i) for i in order[:3])
    return first, second, last


#: The bias-and-sigma words for each nearness of the activation (``lecture.nearness``,
#: the rule every chapter says an activation by).
ACTIVATION_KEYS = {
    "almost-one": "bias-and-sigma-high",
    "near-one": "bias-and-sigma-near-high",
    "middle": "bias-and-sigma",
    "near-zero": "bias-and-sigma-near-low",
    "almost-zero": "bias-and-sigma-low",
}


def activation_key(activation: float) -> str:
    """The bias-and-sigma words: almost exactly / close to one or zero, or the number."""
    return ACTIVATION_KEYS[nearness(activation)]


def plan(inputs: Inputs) -> Chapter[Featured]:
    """The chapter's steps for ``inputs``' digit and network; the row worked out by hand
    is the featured neuron's."""
    digit, net = inputs.digit, inputs.network
    w, b = net.weights[0], net.biases[0]
    a0, a1 = digit.trace.activations[0], digit.trace.activations[1]
    j = digit.featured_neuron
    worked = row_sum(net, digit.trace, 1, j)
    said_as_number = activation_key(worked.activation) == "bias-and-sigma"
    featured = Featured(j, shown_rows(w.shape[0], j), shown_columns(worked.products))
    rows, columns = list(featured.rows), list(featured.columns)
    real = RealNumbers(
        w[np.ix_(rows, columns)], a0[columns], b[rows], a1[rows], (w.shape[0], w.shape[1])
    )
    products = tuple(float(worked.products[i]) for i in columns)
    largest = int(np.argmax(np.abs(products)))
    row = Row(worked, (products[0], products[1], products[2]), largest)
    top = columns[largest]
    bright = worked.inputs[top] >= LIT
    steps: tuple[Step, ...] = (
        Step(
            "matrix-form",
            "matrix-form",
            cues=("column", "matrix", "row", "rest", "biases", "sigma", "short"),
        ),
        Step("bias-vector", "bias-vector", cues=("plusb", "ends", "rows")),
        Step(
            "real-numbers",
            "real-numbers",
            {},
            real,
            notes={
                "sizes": Note("real-numbers", "sizes", {"rows": w.shape[0], "columns": w.shape[1]})
            },
            cues=("sizes", "pixels"),
        ),
        Step(
            "one-row",
            "one-row" if bright else "one-row-faint",
            {
                "neuron": j,
                "weight": for_the_ear(float(worked.weights[top])),
                "z": for_the_ear(worked.weighted_sum),
            },
            row,
            notes={
                "row": Note("one-row", "row", {"neuron": j}),
                "count": Note("one-row", "", {"count": net.sizes[0]}),
            },
            cues=("row", "column", "multiply", "term", "sum"),
        ),
        Step(
            "bias-and-sigma",
            activation_key(worked.activation),
            {
                "neuron": j,
                "shown": shown(worked.activation),
                # Said as a number only in the middle; else "almost exactly / close to".
                **({"activation": worked.activation} if said_as_number else {}),
            },
            row,
            cues=("plusb", "sigma", "slot"),
        ),
        Step(
            "on-the-network",
            hidden_variant("on-the-network", net.sizes[1:-1], one="-one", mixed=""),
            cues=("glow", "others", "layer"),
        ),
        Step(
            "every-layer",
            "every-layer",
            {"count": len(net.weights), "multiplications": int(for_the_ear(net.n_weights))},
            Layers(tuple((m.shape[0], m.shape[1]) for m in net.weights)),
            notes={
                "multiplications": Note(
                    "every-layer", "multiplications", {"multiplications": net.n_weights}
                )
            },
            cues=("lines", "count", "weight", "short"),
        ),
    )
    return Chapter("matrix_form", steps, featured, KEYS)
