"""Storyboard sections 3 and 4 as data: pixels become neurons, layers light up, the answer.

The digit's 784 pixels, a close-up of a few, the input column, the output and hidden
layers, the weights, the strongest paths for this digit, the forward pass and the
answer; then three validation digits (a 7 and a 0 it reads right, one it gets wrong,
or the honest fallback when the network reads every such digit right or wrong).

Every sentence whose truth depends on the values is chosen here:

- the close-up's "the background is zero and the ink close to one" only when its
  darkest pixel is zero and its brightest at least ``INK`` (``pixel-values-grey``
  otherwise);
- the runner-up is "not even half as bright" only when its activation is less than
  ``CLEAR`` times the answer's (``answer``); otherwise it is "not far behind"
  (``answer-close``); the outputs' sum is said to two significant figures;
- a more digit's answer is "right again" only when the one before was read right.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from lecture.choices import (
    busiest_window,
    colour_words,
    drawn_neurons,
    hidden_variant,
)
from lecture.inputs import Digit, Inputs
from lecture.nearness import for_the_ear
from lecture.step import Chapter, Note, Step, Value
from network.analysis import Example, example_per_label, example_wrong
from network.data import IMAGE_SIDE
from network.flow import Flow, edge_flow

__all__ = [
    "CLEAR",
    "CLOSE_UP",
    "INK",
    "KEYS",
    "MORE_LABELS",
    "PER_TARGET",
    "Answer",
    "Pass",
    "Window",
    "answer_step",
    "more_key",
    "plan",
    "window_at",
]

#: Every script key of the chapter. The first digit's answer is right, wrong, or (a
#: user's image) unlabelled; each of the more digits may be a fallback pick, and is
#: read right or wrong.
KEYS = frozenset(
    {
        "pixels",
        "pixel-values",
        "pixel-values-grey",
        "neurons",
        "all-neurons",
        "input-layer",
        "output-layer",
        "hidden-layers",
        "hidden-layers-one",
        "hidden-layers-mixed",
        "weights",
        "strongest-paths",
        "forward-pass",
        "answer",
        "answer-close",
        "answer-wrong",
        "answer-unlabelled",
        "more-digit",
        "more-digit-next",
        "more-digit-last",
        "more-digit-all-misread",
        "more-digit-none-wrong",
        "more-answer",
        "more-answer-again",
        "more-answer-wrong",
    }
)

#: Side of the close-up's window of pixels.
CLOSE_UP = 5
#: Connections kept per neuron when the forward pass is drawn: its strongest |w·a|.
PER_TARGET = 2
#: The labels of the more digits read right; a third digit is one it reads wrong.
MORE_LABELS = (7, 0)
#: The runner-up wins "not even half as bright" only below this share of the answer's
#: activation: a clear margin.
CLEAR = 0.5
#: The close-up's brightest pixel must reach this for "the ink is close to one".
INK = 0.9
#: A more digit's own key by its part when it is not a fallback.
MORE_PARTS = {1: "more-digit", 2: "more-digit-next", 3: "more-digit-last"}


@dataclass(frozen=True)
class Window:
    """The close-up: the ``CLOSE_UP``² pixels whose values spread the widest, and the
    ones the words point at (positions in ``values``): the darkest ("zero for black"),
    the brightest ("one for white"), the one nearest one half ("a number between zero
    and one"), the background at zero and the ink of at least ``INK``."""

    top_left: tuple[int, int]
    values: np.ndarray  # row-major, as the close-up writes them
    darkest: int = 0
    brightest: int = 0
    between: int = 0
    background: tuple[int, ...] = ()
    ink: tuple[int, ...] = ()


def window_at(grid: np.ndarray, r: int, c: int) -> Window:
    """The close-up whose top-left pixel is (``r``, ``c``) of the 28×28 ``grid``."""
    values = grid[r : r + CLOSE_UP, c : c + CLOSE_UP].reshape(-1).copy()
    return Window(
        (r, c),
        values,
        darkest=int(np.argmin(values)),
        brightest=int(np.argmax(values)),
        between=int(np.argmin(np.abs(values - 0.5))),
        background=tuple(int(i) for i in np.flatnonzero(values == 0.0)),
        ink=tuple(int(i) for i in np.flatnonzero(values >= INK)),
    )


@dataclass(frozen=True)
class Pass:
    """One digit's forward pass: the digit and, per transition, what each drawn
    connection passes on and which are kept (``network.flow``)."""

    digit: Digit
    flows: tuple[Flow, ...]
    kept: Note  # the on-screen count of the connections drawn


@dataclass(frozen=True)
class Answer:
    """The answer boxed: the digit and the activation written beside its output."""

    digit: Digit
    activation: float


def _pass(inputs: Inputs, digit: Digit) -> Pass:
    sizes = inputs.network.sizes
    drawn = [drawn_neurons(sizes, i) for i in range(len(sizes))]
    flows = tuple(
        edge_flow(inputs.network, digit.trace, t, drawn[t], drawn[t + 1], PER_TARGET)
        for t in range(len(sizes) - 1)
    )
    kept = Note(
        "strongest-paths",
        "kept",
        {
            "kept": sum(f.count for f in flows),
            "drawn": sum(f.kept.size for f in flows),
            "per_target": PER_TARGET,
        },
    )
    return Pass(digit, flows, kept)


def answer_step(digit: Digit, part: int | None = None, again: bool = False) -> Step[Answer]:
    """The answer: right (by a clear margin or not), wrong (naming the true digit) or
    unlabelled; the first digit's words also say what its outputs add up to. A more
    digit's answer (``part``) has its own short words: right, right ``again`` (the digit
    before it was read right too) or wrong."""
    output = digit.trace.output
    answer = digit.prediction
    values: dict[str, Value] = {"answer": answer}
    cues: tuple[str, ...] = ("box",)
    if digit.label is None:
        key = "answer-unlabelled"
    elif digit.is_wrong:
        key = "answer-wrong"
        values["label"] = digit.label
        cues += ("label",)
    else:
        key = "answer"
        if part is None:
            second = int(np.argsort(output)[-2])
            values["second"] = second
            cues += ("runner",)
            if output[second] >= CLEAR * output[answer]:
                key = "answer-close"
    more = part is not None
    if more:
        if key == "answer" and again:
            key = "answer-again"
        if key == "answer-wrong":  # its words go on to what the mistake shows
            cues += ("mistake",)
    else:
        values["total"] = for_the_ear(float(output.sum()))
        cues += ("sum", "total")
        notes = {"sum": Note(key, "sum", {"sum": float(output.sum())})}
    return Step(
        "more-answer" if more else "answer",
        ("more-" if more else "") + key,
        values,
        Answer(digit, float(output[answer])),
        part,
        notes={} if more else notes,
        cues=cues,
    )


def more_key(example: Example, part: int = 1) -> str:
    """The step before one more digit: its part's words, or a fallback pick's own words
    saying why."""
    if not example.fallback:
        return MORE_PARTS.get(part, "more-digit-next")
    return "more-digit-none-wrong" if example.read_right else "more-digit-all-misread"


def more_examples(inputs: Inputs) -> list[Example]:
    """A 7 and a 0 the network reads right, then one it gets wrong (or the fallbacks)."""
    validation = inputs.validation()
    examples = example_per_label(inputs.network, validation, list(MORE_LABELS))
    examples.append(example_wrong(inputs.network, validation, exclude=[e.row for e in examples]))
    return examples


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps for ``inputs``' digit and network."""
    digit, net = inputs.digit, inputs.network
    pixels = len(digit.pixels)
    grid = digit.pixels.reshape(IMAGE_SIDE, IMAGE_SIDE)
    window = window_at(grid, *busiest_window(digit.pixels, CLOSE_UP))
    ink = float(window.values.min()) == 0.0 and float(window.values.max()) >= INK
    sizes = net.sizes
    hidden = list(sizes[1:-1])
    drawn = [drawn_neurons(sizes, i) for i in range(len(sizes))]
    first = _pass(inputs, digit)
    drawn_weights = sum(len(a) * len(b) for a, b in pairwise(drawn))
    steps: list[Step] = [
        Step("pixels", "pixels", {"side": IMAGE_SIDE}, cues=("grid",)),
        Step(
            "pixel-values",
            "pixel-values" if ink else "pixel-values-grey",
            {},
            window,
            cues=("number", "black", "white", "values", *(("ink",) if ink else ())),
        ),
        Step("neurons", "neurons", {}, window, cues=("neurons", "activation", "lit")),
        Step("all-neurons", "all-neurons", {"pixels": pixels}),
        Step(
            "input-layer",
            "input-layer",
            {"pixels": pixels},
            cues=("column", "fold", "rows", "dots"),
        ),
        Step("output-layer", "output-layer", {"outputs": sizes[-1]}, cues=("labels", "score")),
        Step(
            "hidden-layers",
            hidden_variant("hidden-layers", hidden),
            {"size": hidden[0]}
            if len(hidden) == 1
            else {"count": len(hidden), "size": hidden[0] if len(set(hidden)) == 1 else hidden},
            cues=("picture", "answer", "marks"),
        ),
        Step(
            "weights",
            "weights",
            colour_words(inputs),
            notes={
                "drawn": Note(
                    "weights", "drawn", {"drawn": drawn_weights, "weights": net.n_weights}
                )
            },
            cues=("lines", "positive", "negative", "thicker", "note"),
        ),
        Step("strongest-paths", "strongest-paths", {}, first, cues=("start", "dark", "thin")),
        Step("forward-pass", "forward-pass", {}, first, cues=("bright", "lights", "decide")),
        answer_step(digit),
    ]
    again = False
    for part, example in enumerate(more_examples(inputs), start=1):
        more = inputs.validation_digit(example.row)
        key = more_key(example, part)
        values: dict[str, Value] = {"row": example.row}
        if key == "more-digit-all-misread":  # its words name the label it misreads
            values["label"] = example.label
        steps.append(Step("more-digit", key, values, _pass(inputs, more), part, cues=("swap",)))
        steps.append(answer_step(more, part, again))
        again = not more.is_wrong
    return Chapter("layers", tuple(steps), None, KEYS)
