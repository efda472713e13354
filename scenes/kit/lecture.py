"""What every scene draws from: the configured digit run through the configured network."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from network.data import Digits, load_bundled
from network.image import load_user_digit
from network.model import Network, Trace
from network.shipped import bundled_split
from network.weights_io import load_weights
from scenes.config import LectureConfig, load_config
from scenes.kit.palette import Palette, get_palette
from scenes.narration.script import Script, load_script

__all__ = ["Digit", "Lecture", "load_lecture"]


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


@dataclass(frozen=True)
class Lecture:
    config: LectureConfig
    palette: Palette
    network: Network
    digit: Digit
    script: Script  # the words, from [lecture] script

    def run(self, pixels: np.ndarray, label: int | None, source: str) -> Digit:
        return Digit(pixels, label, source, self.network.forward(pixels))

    def validation(self) -> Digits:
        """Digits the shipped network never trained on."""
        return bundled_split()[1]

    def validation_digits(self, rows: list[int]) -> list[Digit]:
        """Validation digits run through the network, named by their row."""
        val = self.validation()
        return [
            self.run(val.images[r], int(val.labels[r]), f"validation digit #{r}") for r in rows
        ]

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
def load_lecture(config: LectureConfig | None = None) -> Lecture:
    """Read manim.cfg (unless given a config), load the weights, run the digit."""
    config = load_config() if config is None else config
    network = _load_network(config.weights)
    return Lecture(
        config,
        get_palette(config.palette),
        network,
        _digit_for(config, network),
        load_script(config.script),
    )
