"""Storyboard section 10 as data: one layer to the next as a⁽¹⁾ = σ(W a⁽⁰⁾ + b), then
with the network's real numbers, one row worked out by hand, the layer lit, and one
such line per layer.

The equation cannot show all of W: it shows three rows (the first, the featured
neuron's and the last) and three columns (the first two pixels with ink and the last
one), chosen here. The bias vector is indexed to k, one entry per neuron of the next
layer (the original video wrote n there by mistake).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import hidden_variant
from lecture.inputs import Inputs
from lecture.step import Chapter, Note, Step
from network.algebra import RowSum, row_sum
from network.analysis import ink_indices
from network.errors import NetworkInputError

__all__ = [
    "KEYS",
    "Featured",
    "Layers",
    "RealNumbers",
    "Row",
    "plan",
    "shown_columns",
    "shown_rows",
]

#: Every script key of the chapter: the lit layer is "the first hidden layer" unless it
#: is the only one.
KEYS = frozenset(
    {
        "matrix-form",
        "bias-vector",
        "real-numbers",
        "one-row",
        "bias-and-sigma",
        "on-the-network",
        "on-the-network-one",
        "every-layer",
    }
)


@dataclass(frozen=True)
class Featured:
    """What the whole chapter shows of the first layer: the featured neuron (the row
    worked out by hand), the rows of W shown and the pixels (columns) shown."""

    neuron: int
    rows: tuple[int, ...]  # in order; the first, the featured neuron's and the last
    columns: tuple[int, int, int]  # the first two pixels with ink, and the last


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
    shown (the terms written out) and the whole sum, bias and activation."""

    sum: RowSum
    products: tuple[float, float, float]  # W[j, i]·a[i] for the columns shown


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


def shown_columns(pixels: np.ndarray) -> tuple[int, int, int]:
    """The pixels whose columns of W are shown: the first two with ink and the last one
    (a black pixel would make every product shown zero)."""
    ink = ink_indices(pixels)
    return int(ink[0]), int(ink[1]), int(ink[-1])


def plan(inputs: Inputs) -> Chapter[Featured]:
    """The chapter's steps for ``inputs``' digit and network; the row worked out by hand
    is the featured neuron's."""
    digit, net = inputs.digit, inputs.network
    w, b = net.weights[0], net.biases[0]
    a0, a1 = digit.trace.activations[0], digit.trace.activations[1]
    j = digit.featured_neuron
    featured = Featured(j, shown_rows(w.shape[0], j), shown_columns(digit.pixels))
    rows, columns = list(featured.rows), list(featured.columns)
    first = columns[0]
    real = RealNumbers(
        w[np.ix_(rows, columns)], a0[columns], b[rows], a1[rows], (w.shape[0], w.shape[1])
    )
    worked = row_sum(net, digit.trace, 1, j)
    products = tuple(float(worked.products[i]) for i in columns)
    row = Row(worked, (products[0], products[1], products[2]))
    top, next_, bottom = featured.rows
    steps: tuple[Step, ...] = (
        Step("matrix-form", "matrix-form"),
        Step("bias-vector", "bias-vector", {"neurons": net.sizes[1]}),
        Step(
            "real-numbers",
            "real-numbers",
            {
                "rows": w.shape[0],
                "columns": w.shape[1],
                "first": columns[0],
                "second": columns[1],
                "last": columns[2],
            },
            real,
        ),
        Step(
            "one-row",
            "one-row",
            {
                "neuron": j,
                "columns": net.sizes[0],
                "first": first,
                "weight": float(worked.weights[first]),
                "pixel": float(worked.inputs[first]),
                "product": row.products[0],
                "z": worked.weighted_sum,
            },
            row,
            notes={
                "row": Note("one-row", "row", {"neuron": j}),
                "count": Note("one-row", "", {"count": net.sizes[0]}),
            },
        ),
        Step(
            "bias-and-sigma",
            "bias-and-sigma",
            {
                "neuron": j,
                "bias": worked.bias,
                "biased": worked.biased,
                "activation": worked.activation,
            },
            row,
        ),
        Step(
            "on-the-network",
            hidden_variant("on-the-network", net.sizes[1:-1], one="-one", mixed=""),
            {
                "neuron": j,
                "activation": float(a1[j]),
                "top": top,
                "next": next_,
                "bottom": bottom,
                "a_top": float(a1[top]),
                "a_next": float(a1[next_]),
                "a_bottom": float(a1[bottom]),
            },
        ),
        Step(
            "every-layer",
            "every-layer",
            {"count": len(net.weights), "multiplications": net.n_weights},
            Layers(tuple((m.shape[0], m.shape[1]) for m in net.weights)),
        ),
    )
    return Chapter("matrix_form", steps, featured, KEYS)
