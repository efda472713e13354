"""What each step's picture shows, in words, for those who cannot see it.

A description is the text alternative of a step's stills and clips, a cue of the
lecture's descriptions track and a paragraph of its transcript. It says what the
narration leaves to the eyes: which neurons light, which answer is framed, which
values are written on screen. Its words are the script's (``[describe.<scene>]``,
one per beat, in the script's language); its values are computed here from the same
plan the scene draws, so a description is true of the picture for any digit,
network or image.

Every template of a chapter may use the step's own values (those of its words) and
these, about the digit the step shows (the step's own digit when it shows one, such
as a further example; the lecture's digit otherwise):

``digit``
    what the digit is (its label, or for a user's image the network's reading);
``answer``, ``activation``
    the brightest output neuron and its activation;
``second``, ``second_activation``
    the runner-up output and its activation;
``lit``, ``lit_last``
    the three brightest neurons of the first and of the last hidden layer, brightest
    first (numbered from 0, as on screen);
``neuron``
    the first hidden layer's neuron the chapters look inside, unless the step gives
    its own;
``shape``, ``hidden``, ``parameters``
    the network's layer sizes ("784-16-16-10"), its number of hidden layers and of
    weights and biases.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Step
from scenes.narration.script import step_id_of

__all__ = ["Described", "describe", "description_values"]

#: How many of a layer's brightest neurons a description names.
LIT = 3


@dataclass(frozen=True)
class Described:
    """One step's id (``"layers.answer"``) and its picture in words (None: the script
    describes no such beat)."""

    step_id: str
    description: str | None


def _digit_of(step: Step[Any], inputs: Inputs) -> Digit:
    shown = getattr(step.shows, "digit", None)
    return shown if isinstance(shown, Digit) else inputs.digit


def _brightest(activations: np.ndarray) -> list[int]:
    order = np.argsort(-np.asarray(activations), kind="stable")
    return [int(i) for i in order[:LIT]]


def description_values(step: Step[Any], inputs: Inputs) -> dict[str, Any]:
    """The values a description of ``step`` may use (see the module's list)."""
    digit = _digit_of(step, inputs)
    output = np.asarray(digit.trace.output)
    answer, second = (int(i) for i in np.argsort(-output, kind="stable")[:2])
    network = inputs.network
    values: dict[str, Any] = {
        "digit": digit.kind,
        "answer": answer,
        "activation": float(output[answer]),
        "second": second,
        "second_activation": float(output[second]),
        "lit": _brightest(digit.trace.activations[1]),
        "lit_last": _brightest(digit.trace.activations[-2]),
        "neuron": digit.featured_neuron,
        "shape": "-".join(str(n) for n in network.sizes),
        "hidden": len(network.sizes) - 2,
        "parameters": network.n_parameters,
    }
    values.update(step.values)
    return values


def _plan(name: str, inputs: Inputs) -> Chapter[Any]:
    module = importlib.import_module(f"lecture.chapters.{name}")
    chapter: Chapter[Any] = module.plan(inputs)
    return chapter


def describe(name: str, inputs: Inputs) -> list[Described]:
    """Each step of chapter ``name``, in order, with its picture in words."""
    script = inputs.script
    described = []
    for step in _plan(name, inputs).steps:
        values: Mapping[str, Any] = description_values(step, inputs)
        text = script.description(name, step.beat, values)
        described.append(Described(step_id_of(name, step.key, step.part), text))
    return described
