"""The lecture's chapters in storyboard order: each one's name and scene.

The name is the chapter's plan module (``lecture.chapters.<name>``), its scene file
(``scenes/<name>.py``), its table in the script and its title's key in the script's
``[chapters]`` table; the export turns each entry into a chapter marker of the joined
video, titled in the script's language.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CATALOGUE", "Entry"]


@dataclass(frozen=True)
class Entry:
    """One chapter: its name and the Scene class drawing it."""

    name: str
    scene: str


CATALOGUE: tuple[Entry, ...] = (
    Entry("three", "ThisIsAThree"),
    Entry("plan", "ThePlan"),
    Entry("layers", "NetworkLayers"),
    Entry("why_layers", "WhyLayers"),
    Entry("weighted_sum", "WeightedSum"),
    Entry("sigmoid_bias", "SigmoidAndBias"),
    Entry("counting", "CountingKnobs"),
    Entry("first_layer", "WhatNeuronsSee"),
    Entry("matrix_form", "MatrixForm"),
    Entry("function", "NetworkFunction"),
    Entry("relu", "SigmoidVsRelu"),
)
