"""The lecture's inputs, loaded once: the configured digit run through the configured
network, the palette and the script.

Every chapter of the lecture layer (``lecture.chapters``) reads these and nothing
else; the scenes, the validation of ``manim.cfg`` and the export's fingerprint
use the same object.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from lecture.palette import Palette, get_palette
from network.data import Digits, load_bundled
from network.image import load_user_digit
from network.model import Network, Trace
from network.shipped import bundled_split
from network.weights_io import load_weights
from scenes.config import LectureConfig, load_config
from scenes.narration.script import Script, load_script

__all__ = ["Digit", "Inputs", "load_inputs"]


@dataclass(frozen=True)
class Digit:
    """One image, where it came from, and what the network made of it."""

    pixels: np.ndarray  # (784,) grey values in [0, 1]
    label: int | None  # None for a user's own image
    source: str  # "bundled digit #1512" or the image file name
    trace: Trace

    @property
    def prediction(self) -> int:
        return int(self.trace.prediction)

    @property
    def is_wrong(self) -> bool:
        return self.label is not None and self.prediction != self.label

    @property
    def kind(self) -> int:
        """What the digit is: its label, or for a user's image the network's reading."""
        return self.label if self.label is not None else self.prediction

    @property
    def featured_neuron(self) -> int:
        """The first hidden layer's neuron the chapters look inside: the one this digit
        excites most (every chapter that zooms into a neuron zooms into this one)."""
        return int(np.argmax(self.trace.activations[1]))


@dataclass(frozen=True)
class Inputs:
    """What the configuration names, loaded: the chapters are computed from this alone."""

    config: LectureConfig
    palette: Palette
    network: Network
    digit: Digit
    script: Script  # the words, from [lecture] script

    def run(self, pixels: np.ndarray, label: int | None, source: str) -> Digit:
        """``pixels`` through the configured network."""
        return Digit(pixels, label, source, self.network.forward(pixels))

    def validation(self) -> Digits:
        """Digits the shipped network never trained on."""
        return bundled_split()[1]

    def validation_digit(self, row: int) -> Digit:
        """One validation digit run through the network, named by its row."""
        val = self.validation()
        return self.run(val.images[row], int(val.labels[row]), f"validation digit #{row}")

    def validation_digits(self, rows: list[int]) -> list[Digit]:
        """Validation digits run through the network, named by their row."""
        return [self.validation_digit(r) for r in rows]

    def relu_network(self) -> Network:
        """The ReLU variant the last section compares with (loaded on first use)."""
        return _load_network(self.config.relu_weights)


def _digit_for(config: LectureConfig, network: Network) -> Digit:
    if isinstance(config.digit, Path):
        pixels, label, source = load_user_digit(config.digit), None, config.digit.name
    else:
        digits = load_bundled()
        pixels, label = digits.images[config.digit], int(digits.labels[config.digit])
        source = f"bundled digit #{config.digit}"
    return Digit(pixels, label, source, network.forward(pixels))


@lru_cache(maxsize=4)
def _load_network(path: Path) -> Network:
    return load_weights(path).network


@lru_cache(maxsize=4)
def load_inputs(config: LectureConfig | None = None) -> Inputs:
    """Read manim.cfg (unless given a config), load the weights, run the digit."""
    config = load_config() if config is None else config
    network = _load_network(config.weights)
    return Inputs(
        config,
        get_palette(config.palette),
        network,
        _digit_for(config, network),
        load_script(config.script),
    )
