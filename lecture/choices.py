"""Choices the lecture makes about what to show and how to speak of it.

``network/`` answers questions of mathematics; which neurons a picture has room
for, which pixels stand for the 784, how far an axis runs or how to speak of the
hidden layers are choices of the lecture. They live here, once, so that every
chapter (and the kit drawing them) makes the same choice; so do the words several
chapters choose alike (a colour's name, what is written under a digit's card), so no
chapter's plan imports another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from lecture.step import Note
from network.data import IMAGE_SIDE
from network.errors import NetworkInputError

if TYPE_CHECKING:
    from lecture.inputs import Digit, Inputs

__all__ = [
    "DRAWN_PIXELS",
    "MAX_DRAWN",
    "axis_reach",
    "busiest_window",
    "colour_words",
    "drawn_neurons",
    "drawn_pixel_cells",
    "drawn_rows",
    "fan_in_strengths",
    "hidden_kind",
    "hidden_variant",
    "spread_neurons",
    "verdict",
    "weight_scale",
]

#: The pixels the 16 drawn input neurons stand for, in the input's row-major
#: order: 8 along row 10 and 8 along row 18 (columns 7, 9, …, 21), two scan lines
#: through the upper and lower half of the digit. The first and last 8 pixels of
#: every MNIST digit are black, so drawing those would show an all-dark column.
DRAWN_PIXELS: tuple[int, ...] = tuple(
    row * IMAGE_SIDE + col for row in (10, 18) for col in range(7, 22, 2)
)

#: The most neurons a layer is drawn with; a wider layer shows its first and last half.
MAX_DRAWN = 16


def drawn_pixel_cells() -> list[tuple[int, int]]:
    """(row, column) of each pixel a drawn input neuron stands for."""
    return [divmod(p, IMAGE_SIDE) for p in DRAWN_PIXELS]


def drawn_rows() -> list[int]:
    """The image rows the drawn input neurons come from, top to bottom."""
    return sorted({row for row, _ in drawn_pixel_cells()})


def drawn_neurons(sizes: tuple[int, ...], layer: int, keep: int | None = None) -> tuple[int, ...]:
    """The network's neuron indices drawn for ``layer``, top to bottom.

    The input layer stands for ``DRAWN_PIXELS``; a layer of at most ``MAX_DRAWN``
    neurons is drawn whole; a wider one as its first and last ``MAX_DRAWN // 2``.
    ``keep``, a neuron a scene is about, is always drawn: if it would be elided it
    takes the place of the drawn neuron on its side of the "⋮" nearest to it, so the
    indices stay in order and the ⋮ still stands between the two halves.
    """
    n = sizes[layer]
    if layer == 0:
        return DRAWN_PIXELS
    if n <= MAX_DRAWN:
        return tuple(range(n))
    half = MAX_DRAWN // 2
    drawn = [*range(half), *range(n - half, n)]
    if keep is not None and keep not in drawn:
        if not 0 <= keep < n:
            raise ValueError(f"neuron {keep} is not one of layer {layer}'s {n}")
        drawn[half - 1 if keep < n / 2 else half] = keep
    return tuple(drawn)


def hidden_kind(hidden: Sequence[int]) -> str:
    """How to speak of the hidden layers: ``"one"`` layer, all the ``"same"`` width, or
    ``"mixed"`` widths (each has its own words in the script)."""
    if len(hidden) == 1:
        return "one"
    return "same" if len(set(hidden)) == 1 else "mixed"


def hidden_variant(
    key: str, hidden: Sequence[int], *, one: str = "-one", mixed: str = "-mixed"
) -> str:
    """``key`` with the suffix of its hidden-layer variant (none for equal widths).

    Parameters
    ----------
    key
        The step's plain key, for two or more hidden layers of one width.
    hidden
        The hidden layers' widths.
    one, mixed
        The suffixes of the one-layer and mixed-width variants (``""`` when the step
        has no such variant).
    """
    kind = hidden_kind(hidden)
    return key + {"one": one, "same": "", "mixed": mixed}[kind]


def spread_neurons(count: int, shown: int, keep: int | None = None) -> list[int]:
    """``shown`` of a layer's ``count`` neuron indices, evenly spread from first to last.

    When a layer has more neurons than a picture can show readably, the ones shown
    must be a fair sample: evenly spaced indices are neither the neurons that look
    best nor a random draw that changes with a seed, and they span the whole layer.
    ``keep`` (a neuron the lecture is already talking about) replaces the spread
    index nearest to it, so it is always among those shown; the result stays sorted.
    All of them, in order, when ``shown`` is at least ``count``.
    """
    if count < 1 or shown < 1:
        raise NetworkInputError(f"cannot show {shown} of {count} neurons")
    if keep is not None and not 0 <= keep < count:
        raise NetworkInputError(f"neuron {keep} is not one of the layer's {count}")
    if shown >= count:
        return list(range(count))
    # floor(x + 0.5), not np.round: banker's rounding could give two equal indices.
    picked = [int(i) for i in np.floor(np.linspace(0, count - 1, shown) + 0.5)]
    if keep is not None and keep not in picked:
        nearest = min(range(shown), key=lambda i: abs(picked[i] - keep))
        picked[nearest] = keep
    return picked


def weight_scale(weights: np.ndarray, percentile: float = 99.0) -> float:
    """|w| that maps to full brightness when drawing many weight grids on one scale.

    A percentile rather than the maximum, so that a handful of outlying weights
    do not leave every other grid dim; the few above it are drawn at full strength.
    """
    return float(np.percentile(np.abs(weights), percentile))


def fan_in_strengths(weights: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """How strongly each drawn connection into one neuron is drawn: |w| / max |w|.

    A picture of a neuron's fan-in shows only some of its connections (``sources``,
    indices into ``weights``); their line widths are proportional to |w|, the
    strongest drawn one at 1, so a line twice as thick is a weight twice as large.
    """
    w = np.abs(np.asarray(weights, dtype=float).reshape(-1)[np.asarray(sources, dtype=int)])
    largest = float(w.max()) if w.size else 0.0
    return w / largest if largest > 0 else np.zeros_like(w)


def axis_reach(values: Sequence[float], step: float = 5.0, least: float = 15.0) -> float:
    """How far either side of zero an axis must run for every value to be marked on it.

    The smallest multiple of ``step`` (the axis's tick spacing), at least ``least``,
    that keeps each value a tenth of a step inside the end, so no mark sits on the
    axis's last tick or beyond it.
    """
    furthest = max((abs(float(v)) for v in values), default=0.0)
    if not np.isfinite(furthest) or step <= 0:
        raise NetworkInputError("axis values must be finite and the step positive")
    return max(float(least), float(np.ceil((furthest + step / 10) / step) * step))


def busiest_window(pixels: np.ndarray, size: int = 5) -> tuple[int, int]:
    """Top-left (row, col) of the size×size window with the widest spread of values.

    A window on the edge of a stroke shows both dark and bright pixels, which is
    what the close-up is for.
    """
    grid = np.asarray(pixels, dtype=float).reshape(IMAGE_SIDE, IMAGE_SIDE)
    best, where = -1.0, (0, 0)
    for r in range(IMAGE_SIDE - size + 1):
        for c in range(IMAGE_SIDE - size + 1):
            spread = float(grid[r : r + size, c : c + size].std())
            if spread > best:
                best, where = spread, (r, c)
    return where


def colour_words(inputs: Inputs) -> dict[str, str]:
    """The palette's two colours as the words name them: ``{"positive": …, "negative":
    …}``, each the script's ``[words.colours]`` word for the palette's colour ("green",
    "grün"), so every chapter (and the drawing page) names a colour alike."""
    script, palette = inputs.script, inputs.palette
    return {
        "positive": script.word("colours", palette.positive_key),
        "negative": script.word("colours", palette.negative_key),
    }


def verdict(digit: Digit, key: str) -> Note:
    """The words under a digit's card: what the network reads (``note-reads`` of step
    ``key``), and the true digit too when that is wrong (``note-misread``)."""
    if digit.is_wrong and digit.label is not None:
        return Note(key, "misread", {"answer": digit.prediction, "label": digit.label})
    return Note(key, "reads", {"answer": digit.prediction})
