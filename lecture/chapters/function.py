"""Storyboard section 11 as data: the whole network is one function, 784 numbers in, 10 out.

A neuron is taken back from "a thing that holds a number" to "a function of the layer
before"; then the network's signature and parameter count, the chain of sigmas (one per
weight layer), and the function at work on the configured digit: the output vector and
its largest entry, the answer. The words say whether the answer is right, wrong, or (a
user's image, without a label) neither, and how far behind the runner-up is: a sentence
of the script (``note-behind-<how far>`` of ``[function.real-values]``) the plan picks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value

__all__ = [
    "BEHIND",
    "CLOSE_BEHIND",
    "KEYS",
    "Output",
    "Signature",
    "behind_note",
    "how_far_behind",
    "plan",
    "real_values_step",
]

#: Every script key of the chapter: the digit's answer is right, wrong, or (a user's
#: image) not judged.
KEYS = frozenset({"function", "chain", "real-values", "real-values-right", "real-values-wrong"})


#: A runner-up within this of the answer's output "comes close behind".
CLOSE_BEHIND = 0.1

#: How far behind the runner-up can be, said after the answer: close behind (within
#: ``CLOSE_BEHIND``), far behind (at most half the answer's output), or in between. Each
#: is a sentence of the script, ``note-behind-<how far>`` of ``[function.real-values]``.
BEHIND = ("close", "far", "between")


def how_far_behind(answer: float, runner_up: float) -> str:
    """Which of ``BEHIND`` is true of the two largest outputs."""
    if answer - runner_up < CLOSE_BEHIND:
        return "close"
    if runner_up <= answer / 2:
        return "far"
    return "between"


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
    """The function's output for the digit, entry by entry, the entry that is the
    answer (the largest), the runner-up (the second largest) and how far behind it is
    (one of ``BEHIND``)."""

    digit: Digit
    values: tuple[float, ...]
    answer: int
    runner_up: int
    behind: str


def behind_note(behind: str) -> Note:
    """The sentence saying how far behind the runner-up is (one of ``BEHIND``): a note of
    the first real-values words, whichever variant is said."""
    return Note("real-values", f"behind-{behind}")


def real_values_step(inputs: Inputs, digit: Digit) -> Step[Output]:
    """The function at work on ``digit``: its output and answer, said to be right or
    wrong, or neither for a user's image nobody labelled, and how far behind the
    runner-up is (in ``inputs``' script's words)."""
    output = digit.trace.output
    answer = digit.prediction
    runner_up = int(np.argsort(output)[-2])
    behind = how_far_behind(float(output[answer]), float(output[runner_up]))
    said = behind_note(behind)
    values: dict[str, Value] = {
        "outputs": len(output),
        "answer": answer,
        "behind": inputs.script.note("function", said.key, said.name, said.values),
    }
    if digit.label is None:
        key = "real-values"
    elif digit.is_wrong:
        key = "real-values-wrong"
        values["label"] = digit.label
    else:
        key = "real-values-right"
    shows = Output(digit, tuple(map(float, output)), answer, runner_up, behind)
    cues = ("input", "output", "answer", "runner-up")
    return Step("real-values", key, values, shows, cues=cues)


def plan(inputs: Inputs) -> Chapter[Signature]:
    """The chapter's steps for ``inputs``' digit and network.

    Parameters
    ----------
    inputs
        The loaded lecture inputs.

    Returns
    -------
    Chapter
        A neuron as a function and the network's signature, the chain, and the real
        values; its ``shows`` is the network's signature, which the first two steps
        draw together.
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
            # The neuron's name before its formula; the parameters under the signature.
            notes={
                "neuron": Note("function", "neuron"),
                "parameters": Note("function", "parameters", {"parameters": signature.parameters}),
            },
            cues=("held", "neuron", "inputs", "one", "network", "in", "out", "parameters"),
        ),
        Step(
            "chain",
            "chain",
            notes={"simpler": Note("chain", "simpler")},  # the simpler function's name
            cues=("inner", "weights", "biases", "sigma", "outer", "simpler", "sum", "whole"),
        ),
        real_values_step(inputs, inputs.digit),
    )
    return Chapter("function", steps, signature, KEYS)
