"""The lecture's chapters in storyboard order: each one's name, scene and title.

The name is the chapter's plan module (``lecture.chapters.<name>``), its scene file
(``scenes/<name>.py``) and its table in the script; the export turns each entry into
a chapter marker of the joined video, titled.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CATALOGUE", "Entry"]


@dataclass(frozen=True)
class Entry:
    """One chapter: its name, the Scene class drawing it, and its title."""

    name: str
    scene: str
    title: str


CATALOGUE: tuple[Entry, ...] = (
    Entry("three", "ThisIsAThree", "This is a three"),
    Entry("plan", "ThePlan", "The plan"),
    Entry("layers", "NetworkLayers", "Neurons and layers"),
    Entry("why_layers", "WhyLayers", "Why layers?"),
    Entry("weighted_sum", "WeightedSum", "The weighted sum and the edge detector"),
    Entry("sigmoid_bias", "SigmoidAndBias", "Sigmoid and bias"),
    Entry("counting", "CountingKnobs", "Counting the knobs"),
    Entry("first_layer", "WhatNeuronsSee", "What the trained neurons look for"),
    Entry("matrix_form", "MatrixForm", "The matrix–vector form"),
    Entry("function", "NetworkFunction", "The network is a function"),
    Entry("relu", "SigmoidVsRelu", "Sigmoid vs ReLU"),
)
