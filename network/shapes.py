"""Which hidden-layer shapes the project trains and the lecture draws.

A teacher asks "what if the hidden layer had 32 neurons, or three layers?"; the
answer is a network of that shape, trained with ``--hidden`` and drawn by every
scene. The bounds keep the pictures readable and training within seconds: each
hidden layer is drawn (elided beyond ``DRAWN_NEURONS``), named in words and
written out as one line of matrix algebra.
"""

from __future__ import annotations

from collections.abc import Sequence

from network.data import N_PIXELS
from network.errors import NetworkInputError

__all__ = [
    "DIGIT_CLASSES",
    "HIDDEN_LAYERS",
    "HIDDEN_WIDTH",
    "N_PIXELS",
    "check_hidden",
    "dashed",
    "hidden_between",
    "hidden_count",
    "parse_hidden",
    "same_shape",
    "sizes_with_hidden",
]

DIGIT_CLASSES = 10  # one output per digit 0–9
#: How many hidden layers a network may have (the lecture names and draws each one).
HIDDEN_LAYERS = range(1, 5)
#: How many neurons a hidden layer may have.
HIDDEN_WIDTH = range(2, 129)

_RULE = (
    f"{HIDDEN_LAYERS.start} to {HIDDEN_LAYERS.stop - 1} hidden layers of "
    f"{HIDDEN_WIDTH.start}–{HIDDEN_WIDTH.stop - 1} neurons each"
)


def dashed(sizes: Sequence[int]) -> str:
    """``(784, 16, 16, 10)`` → ``"784-16-16-10"``, the way shapes are named in files."""
    return "-".join(str(n) for n in sizes)


def check_hidden(hidden: Sequence[int], where: str) -> tuple[int, ...]:
    """The hidden widths, refused (naming ``where``) outside the bounds above."""
    hidden = tuple(int(n) for n in hidden)
    if len(hidden) not in HIDDEN_LAYERS:
        raise NetworkInputError(f"{where}: has {len(hidden)} hidden layers; allowed are {_RULE}")
    for n in hidden:
        if n not in HIDDEN_WIDTH:
            raise NetworkInputError(
                f"{where}: has a hidden layer of {n} neurons; allowed are {_RULE}"
            )
    return hidden


def parse_hidden(text: str) -> tuple[int, ...]:
    """``"32"`` or ``"16,16,16"`` → the hidden widths, or one clear error."""
    where = f"--hidden {text!r}"
    parts = [part.strip() for part in text.split(",")]
    if not all(part.isascii() and part.isdigit() for part in parts):
        raise NetworkInputError(
            f"{where}: give the hidden widths as whole numbers separated by commas, "
            f"e.g. 32 or 16,16,16 ({_RULE})"
        )
    return check_hidden([int(part) for part in parts], where)


def sizes_with_hidden(hidden: Sequence[int]) -> tuple[int, ...]:
    """The whole network's layer sizes: 784 pixels in, ``hidden``, 10 digits out."""
    return (N_PIXELS, *hidden, DIGIT_CLASSES)


def hidden_count(sizes: Sequence[int]) -> int:
    """How many hidden layers a network of layer ``sizes`` has (all but input and output):
    what the words about layers ("the third hidden layer") are chosen by."""
    return len(sizes) - 2


def hidden_between(sizes: Sequence[int]) -> tuple[int, ...]:
    """The hidden layers strictly between the first and the last one, numbered from 1
    as the lecture names them: ``()`` for one or two hidden layers, ``(2,)`` for three,
    ``(2, 3)`` for four. The "why layers?" hope leaves them free to build in-between parts.
    """
    return tuple(range(2, hidden_count(sizes)))


def same_shape(sizes: Sequence[int], other: Sequence[int]) -> bool:
    """Whether two networks have the same layer sizes, so that comparing them compares
    their activations alone (else the words must name both shapes)."""
    return tuple(sizes) == tuple(other)
