"""Storyboard section 11 as data: the whole network is one function, 784 numbers in, 10 out.

Its signature and parameter count, the chain of sigmas (one per weight layer), and
the function at work on the configured digit: the output vector, its largest entry
(the answer) and the runner-up. The words say whether the answer is right, wrong, or
(a user's image, without a label) neither.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Step, Value

__all__ = ["KEYS", "Output", "Signature", "plan", "real_values_step"]

#: Every script key of the chapter: the digit's answer is right, wrong, or (a user's
#: image) not judged.
KEYS = frozenset({"function", "chain", "real-values", "real-values-right", "real-values-wrong"})


@dataclass(frozen=True)
class Signature:
    """What the network is as a function: numbers in and out, its parameters (weights
    and biases), and how many weight layers (one σ each) its formula nests."""

    inputs: int
    outputs: int
    parameters: int
    layers: int


@dataclass(frozen=True)
class Output:
    """The function's output for the digit, entry by entry, and the entry that is the
    answer (the largest)."""

    digit: Digit
    values: tuple[float, ...]
    answer: int


def real_values_step(digit: Digit) -> Step[Output]:
    """The function at work on ``digit``: its output, answer and runner-up, said to be
    right or wrong, or neither for a user's image nobody labelled."""
    output = digit.trace.output
    answer = digit.prediction
    runner_up = int(np.argsort(output)[-2])
    values: dict[str, Value] = {
        "inputs": len(digit.pixels),
        "outputs": len(output),
        "answer": answer,
        "activation": float(output[answer]),
        "runner_up": runner_up,
        "runner_up_activation": float(output[runner_up]),
    }
    if digit.label is None:
        key = "real-values"
    elif digit.is_wrong:
        key = "real-values-wrong"
        values["label"] = digit.label
    else:
        key = "real-values-right"
    return Step("real-values", key, values, Output(digit, tuple(map(float, output)), answer))


def plan(inputs: Inputs) -> Chapter[Signature]:
    """The chapter's steps for ``inputs``' digit and network.

    Parameters
    ----------
    inputs
        The loaded lecture inputs.

    Returns
    -------
    Chapter
        The signature, the chain and the real values; its ``shows`` is the network's
        signature, which the first two steps draw together.
    """
    net = inputs.network
    signature = Signature(net.sizes[0], net.sizes[-1], net.n_parameters, len(net.weights))
    steps: tuple[Step, ...] = (
        Step(
            "function",
            "function",
            {
                "inputs": signature.inputs,
                "outputs": signature.outputs,
                "parameters": signature.parameters,
            },
        ),
        Step("chain", "chain", {"layers": signature.layers}),
        real_values_step(inputs.digit),
    )
    return Chapter("function", steps, signature, KEYS)
