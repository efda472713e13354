"""Storyboard section 9 as data: what the trained first-layer neurons actually look for.

The honest answer to section 5: the featured neuron's 784 real weights, then every
first-layer neuron's (or, beyond ``MAX_GRIDS``, an evenly spread sample with the
featured one in it), all on one colour scale; the validation digit that excites the
featured neuron most; whether any neuron could be a tidy edge, measured; and the
network's accuracy on digits it never trained on.

The measure: a tidy edge detector, like the one the lecture designs, keeps all of its
weight in one small patch and none anywhere else. A neuron's *compactness* is the
share of its total weight (the sum of |w|) inside its best square patch the size of
that designed detector. One whose best patch holds less than half of its weight keeps
most of it outside any one patch, so it is no tidy edge; only one at half or more could
be one (the words then say how many come that close, and no more).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import colour_words, spread_neurons, weight_scale
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value
from lecture.tidy_edges import PATCH, TIDY, compactness
from network.analysis import most_exciting
from network.detector import LECTURE_DETECTOR, apply_neuron
from network.training import accuracy

__all__ = [
    "KEYS",
    "MAX_GRIDS",
    "MOSTLY",
    "PATCH",
    "TIDY",
    "Exciter",
    "Layer",
    "Patches",
    "Sample",
    "compactness",
    "plan",
    "verdict_key",
]

#: Every script key of the chapter: the whole layer, or a sample of a wide one; no neuron
#: compact enough to be a tidy edge, just one (``-one``), some (``-some``) or all of them
#: (``-all``, :func:`verdict_key`); the network reads most unseen digits right, or not
#: (``-poor``).
KEYS = frozenset(
    {
        "one-neuron",
        "all-neurons",
        "all-neurons-sample",
        "most-exciting",
        "honest-answer",
        "honest-answer-one",
        "honest-answer-some",
        "honest-answer-all",
        "still-reads",
        "still-reads-poor",
    }
)


#: The network reads unseen digits "mostly" right when it reads more than this share.
MOSTLY = 0.5

#: Most weight grids shown at once. 32 (4 rows of 8) are still about 1.1 units high,
#: some 65 px at 480p: the blotches and the neuron names stay readable. More would
#: shrink every thumbnail below that, so a wider layer is shown by a sample this size.
MAX_GRIDS = 32


@dataclass(frozen=True)
class Layer:
    """The first hidden layer's weights, drawn on one colour scale, and the neuron the
    chapter is about (``Digit.featured_neuron``)."""

    weights: np.ndarray  # (neurons, 784)
    scale: float  # the |w| drawn at full brightness, for every grid alike (``weight_scale``)
    neuron: int


@dataclass(frozen=True)
class Sample:
    """The neurons whose grids are drawn, in order: all of them, or an even sample of a
    layer wider than ``MAX_GRIDS`` with the featured neuron in it. And, shown a moment
    as a tidy edge is described, the designed detector's 784 weights where it sat on the
    lecture's digit, with the top-left (row, column) of its patch (``centred_patch``)."""

    shown: tuple[int, ...]
    detector: np.ndarray | None = None  # 28×28
    detector_corner: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Patches:
    """Each first-layer neuron's best ``side``×``side`` patch: its top-left (row, column)
    and the share of the neuron's weight inside it (:func:`compactness`); the most
    compact neuron, and those compact enough to be a tidy edge (share ``TIDY`` or more)."""

    side: int
    corners: tuple[tuple[int, int], ...]  # by neuron
    shares: tuple[float, ...]  # by neuron
    best: int
    tidy: tuple[int, ...]


def patches(weights: np.ndarray) -> Patches:
    """Every neuron's best patch, the most compact neuron and the tidy-enough ones."""
    shares, corners = compactness(weights)
    return Patches(
        PATCH,
        tuple((int(r), int(c)) for r, c in corners),
        tuple(float(x) for x in shares),
        int(np.argmax(shares)),
        tuple(int(j) for j in np.flatnonzero(shares >= TIDY)),
    )


def verdict_key(tidy: int, count: int) -> str:
    """The honest answer's words for ``tidy`` of ``count`` neurons compact enough to be a
    tidy edge: none, just one (the most compact: "it could be an edge"), some ("those
    could be edges", the rest not), or all of them (none left over)."""
    if tidy == 0:
        return "honest-answer"
    if tidy == count:
        return "honest-answer-all"
    return "honest-answer-one" if tidy == 1 else "honest-answer-some"


def with_neuron(shown: list[int], neuron: int, keep: int) -> list[int]:
    """``shown`` (sorted) with ``neuron`` in it: it replaces the nearest index other than
    ``keep``, so both stay drawn and the sample stays sorted."""
    if neuron in shown:
        return shown
    spare = [i for i in range(len(shown)) if shown[i] != keep]
    nearest = min(spare, key=lambda i: abs(shown[i] - neuron))
    return sorted([*shown[:nearest], neuron, *shown[nearest + 1 :]])


def centred_patch(detector: np.ndarray) -> tuple[int, int]:
    """The top-left (row, column) of the ``PATCH`` square centred on ``detector``'s
    non-zero weights (28×28), inside the grid: all its weight, its stripes in the middle."""
    rows, cols = np.nonzero(detector)
    side = detector.shape[0]

    def start(first: int, last: int) -> int:
        return int(np.clip(round((first + last - (PATCH - 1)) / 2), 0, side - PATCH))

    return start(rows.min(), rows.max()), start(cols.min(), cols.max())


@dataclass(frozen=True)
class Exciter:
    """The validation digit that gives the featured neuron its largest weighted sum."""

    digit: Digit
    weighted_sum: float


def plan(inputs: Inputs) -> Chapter[Layer]:
    """The chapter's steps for ``inputs``' digit and network.

    The grids step's key says whether the whole layer is shown (``all-neurons``) or a
    sample of it (``all-neurons-sample``, which always holds the featured neuron and the
    most compact one); the verdict's, whether any neuron is compact enough to be a tidy
    edge; the accuracy's, whether the network reads most unseen digits right.
    """
    net = inputs.network
    weights = net.weights[0]
    count, inputs_per_neuron = weights.shape
    k = inputs.digit.featured_neuron
    layer = Layer(weights, weight_scale(weights), k)
    colours = colour_words(inputs)
    found = patches(weights)

    detector = LECTURE_DETECTOR.weights(LECTURE_DETECTOR.centre_on(inputs.digit.pixels))
    sample = Sample(
        tuple(with_neuron(spread_neurons(count, MAX_GRIDS, keep=k), found.best, keep=k)),
        detector,
        centred_patch(detector),
    )
    if len(sample.shown) < count:
        grids = Step(
            "all-neurons",
            "all-neurons-sample",
            {"shown": len(sample.shown), "count": count, **colours},
            sample,
            cues=("tidy", "stroke"),
        )
    else:
        grids = Step(
            "all-neurons",
            "all-neurons",
            {"count": count, **colours},
            sample,
            cues=("tidy", "stroke"),
        )

    validation = inputs.validation()
    row = most_exciting(net, validation, k)
    digit = inputs.validation_digit(row)
    exciter = Exciter(digit, apply_neuron(weights[k], digit.pixels).weighted_sum)
    share = accuracy(net, validation)
    most = found.shares[found.best]

    key = verdict_key(len(found.tidy), count)
    said: dict[str, Value] = {"most": most}
    if key != "honest-answer":  # of how many neurons; "-some" says how many, too
        said |= {"count": count} | ({"tidy": len(found.tidy)} if key.endswith("-some") else {})
    verdict = Step(
        "honest-answer",
        key,
        said,
        found,
        notes={"patch": Note("honest-answer", "patch", {"side": found.side})},
        cues=("boxes", "detector", "best", "tidy", "outside", "climb"),
    )
    steps: tuple[Step, ...] = (
        Step(
            "one-neuron",
            "one-neuron",
            {"neuron": k, "weights": inputs_per_neuron, **colours},
            # The key beside the weights: what a weight above and below zero does, and
            # what brightness says.
            notes={
                "adds": Note("one-neuron", "adds", {"zero": 0}),
                "subtracts": Note("one-neuron", "subtracts", {"zero": 0}),
                "brighter": Note("one-neuron", "brighter"),
            },
            cues=("grid", "legend", "negative", "reading"),
        ),
        grids,
        Step(
            "most-exciting",
            "most-exciting",
            {"count": len(validation), "neuron": k, "label": digit.kind, **colours},
            exciter,
            notes={"sum": Note("most-exciting", "sum")},
            cues=("digit", "sum"),
        ),
        verdict,
        Step(
            "still-reads",
            "still-reads" if share > MOSTLY else "still-reads-poor",
            {"accuracy": share, "count": len(validation)},
            cues=("accuracy", "own"),
        ),
    )
    return Chapter("first_layer", steps, layer, KEYS)
