"""Storyboard sections 3 and 4 as data: pixels become neurons, layers light up, the answer.

The digit's 784 pixels, a close-up of a few, the input column, the output and hidden
layers, the weights, the strongest paths for this digit, the forward pass and the
answer; then three validation digits (a 7 and a 0 it reads right, one it gets wrong,
or the honest fallback when the network reads every such digit right or wrong).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from lecture.choices import (
    DRAWN_PIXELS,
    busiest_window,
    drawn_neurons,
    drawn_rows,
    hidden_variant,
)
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value
from network.analysis import Example, example_per_label, example_wrong
from network.data import IMAGE_SIDE
from network.flow import Flow, edge_flow

__all__ = ["CLOSE_UP", "KEYS", "MORE_LABELS", "PER_TARGET", "Answer", "Pass", "Window", "plan"]

#: Every script key of the chapter. The first digit's answer is right, wrong, or (a
#: user's image) unlabelled; each of the more digits may be a fallback pick, and is
#: read right or wrong.
KEYS = frozenset(
    {
        "pixels",
        "pixel-values",
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
        "answer-wrong",
        "answer-unlabelled",
        "more-digit",
        "more-digit-all-misread",
        "more-digit-none-wrong",
        "more-answer",
        "more-answer-wrong",
    }
)

#: Side of the close-up's window of pixels.
CLOSE_UP = 5
#: Connections kept per neuron when the forward pass is drawn: its strongest |w·a|.
PER_TARGET = 2
#: The labels of the more digits read right; a third digit is one it reads wrong.
MORE_LABELS = (7, 0)


@dataclass(frozen=True)
class Window:
    """The close-up: the ``CLOSE_UP``² pixels whose values spread the widest."""

    top_left: tuple[int, int]
    values: np.ndarray  # row-major, as the close-up writes them


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


def answer_step(digit: Digit, part: int | None = None) -> Step[Answer]:
    """The answer: right, wrong (naming the true digit) or unlabelled; a more digit's
    answer (``part``) has its own shorter words and does not name the runner-up."""
    output = digit.trace.output
    answer = digit.prediction
    values: dict[str, Value] = {"answer": answer, "activation": float(output[answer])}
    if digit.label is None:
        key = "answer-unlabelled"
    elif digit.is_wrong:
        key = "answer-wrong"
        values.update(label=digit.label, label_activation=float(output[digit.label]))
    else:
        key = "answer"
        if part is None:
            second = int(np.argsort(output)[-2])
            values.update(second=second, second_activation=float(output[second]))
    more = part is not None
    return Step(
        "more-answer" if more else "answer",
        ("more-" if more else "") + key,
        values,
        Answer(digit, float(output[answer])),
        part,
    )


def more_key(example: Example) -> str:
    """The step before one more digit; a fallback pick has its own words saying why."""
    if not example.fallback:
        return "more-digit"
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
    r, c = busiest_window(digit.pixels, CLOSE_UP)
    window = Window((r, c), grid[r : r + CLOSE_UP, c : c + CLOSE_UP].reshape(-1).copy())
    sizes = net.sizes
    hidden = list(sizes[1:-1])
    drawn = [drawn_neurons(sizes, i) for i in range(len(sizes))]
    first = _pass(inputs, digit)
    steps: list[Step] = [
        Step("pixels", "pixels", {"side": IMAGE_SIDE, "pixels": pixels}),
        Step(
            "pixel-values",
            "pixel-values",
            {
                "shown": window.values.size,
                "darkest": float(window.values.min()),
                "brightest": float(window.values.max()),
            },
            window,
        ),
        Step("neurons", "neurons", {"brightest": float(window.values.max())}),
        Step("all-neurons", "all-neurons", {"pixels": pixels}),
        Step(
            "input-layer",
            "input-layer",
            {
                "pixels": pixels,
                "rows": IMAGE_SIDE,
                "side": IMAGE_SIDE,
                "drawn": len(DRAWN_PIXELS),
                "marked": len(drawn_rows()),
            },
        ),
        Step("output-layer", "output-layer", {"outputs": sizes[-1], "last": sizes[-1] - 1}),
        Step(
            "hidden-layers",
            hidden_variant("hidden-layers", hidden),
            {"size": hidden[0]}
            if len(hidden) == 1
            else {"count": len(hidden), "size": hidden[0] if len(set(hidden)) == 1 else hidden},
        ),
        Step(
            "weights",
            "weights",
            {
                "positive": inputs.palette.positive_name,
                "negative": inputs.palette.negative_name,
                "weights": net.n_weights,
                "drawn": sum(len(a) * len(b) for a, b in pairwise(drawn)),
            },
        ),
        Step(
            "strongest-paths",
            "strongest-paths",
            {k: first.kept.values[k] for k in ("per_target", "kept", "drawn")},
            first,
        ),
        Step(
            "forward-pass", "forward-pass", {"top": float(digit.trace.activations[1].max())}, first
        ),
        answer_step(digit),
    ]
    for part, example in enumerate(more_examples(inputs), start=1):
        more = inputs.validation_digit(example.row)
        steps.append(
            Step(
                "more-digit",
                more_key(example),
                {"row": example.row, "label": example.label},
                _pass(inputs, more),
                part,
            )
        )
        steps.append(answer_step(more, part))
    return Chapter("layers", tuple(steps), None, KEYS)
