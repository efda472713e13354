"""The lecture's inputs, loaded once: the configured digit run through the configured
network, the palette and the script.

Every chapter of the lecture layer (``lecture.chapters``) reads these and nothing
else; the scenes, the validation of ``manim.cfg`` and the export's fingerprint
use the same object.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from lecture.palette import Palette, get_palette
from network.data import Digits, load_bundled, train_validation_split
from network.errors import NetworkInputError
from network.image import load_user_digit
from network.model import Network, Trace
from network.shipped import VALIDATION_FRACTION, VALIDATION_SEED, bundled_split
from network.weights_io import check_role, load_weights
from scenes.config import ConfigError, LectureConfig, load_config
from scenes.narration.script import Script, ScriptError, load_script

__all__ = ["Digit", "Inputs", "file_digest", "load_inputs", "training_rows"]


@dataclass(frozen=True)
class Digit:
    """One image, where it came from, and what the network made of it."""

    pixels: np.ndarray  # (784,) grey values in [0, 1]
    label: int | None  # None for a user's own image
    source: str  # "bundled digit #1512" or the image file name
    trace: Trace
    #: Whether the shipped recipe trained on this digit (a bundled digit of the training
    #: split): words such as "never seen" are chosen from it.
    trained_on: bool = False

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
    """What the configuration names, loaded: the chapters are computed from this alone.

    Built once per process by :func:`load_inputs`; the check of ``manim.cfg`` (a bad
    file is refused while loading it), every scene and the export's fingerprint use it.
    """

    config: LectureConfig
    palette: Palette
    network: Network
    relu: Network  # the ReLU variant the last section compares with
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
        """The ReLU variant the last section compares with."""
        return self.relu

    def identity(self) -> Iterator[tuple[str, bytes]]:
        """What these inputs are, for a fingerprint: each option's value, or for an
        option naming a file the file's content (so a moved project is still the same
        lecture); the voice's model only when it speaks. The recordings folder is left
        to the caller, which knows which chapter's recordings matter."""
        config = self.config
        for option in fields(config):
            value = getattr(config, option.name)
            if not option.compare or option.name in ("voice", "recordings"):
                continue
            if isinstance(value, Path):
                yield option.name, file_digest(value).encode()
            else:
                yield option.name, str(value).encode()
        if config.narration != "off":
            yield "voice", file_digest(config.voice_model).encode()


def _digit_for(config: LectureConfig, network: Network) -> Digit:
    if isinstance(config.digit, Path):
        pixels, label, source = load_user_digit(config.digit), None, config.digit.name
    else:
        digits = load_bundled()
        pixels, label = digits.images[config.digit], int(digits.labels[config.digit])
        source = f"bundled digit #{config.digit}"
        trained = config.digit in training_rows()
        return Digit(pixels, label, source, network.forward(pixels), trained)
    return Digit(pixels, label, source, network.forward(pixels))


@lru_cache(maxsize=1)
def training_rows() -> frozenset[int]:
    """The bundled rows the shipped recipe trains on (the rest are the validation digits)."""
    labels = load_bundled().labels
    train, _ = train_validation_split(labels, VALIDATION_FRACTION, VALIDATION_SEED)
    return frozenset(int(r) for r in train)


@lru_cache(maxsize=4)
def _load_network(path: Path, activation: str, needed_by: str) -> Network:
    weights = load_weights(path)
    check_role(weights, activation, needed_by=needed_by)
    return weights.network


@lru_cache(maxsize=64)
def _digest_of(path: Path, size: int, mtime_ns: int) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_digest(path: Path) -> str:
    """A file's sha256, computed once per process for an unchanged file (voices are big)."""
    stat = path.stat()
    return _digest_of(path.resolve(), stat.st_size, stat.st_mtime_ns)


L = TypeVar("L")


def _named(config: LectureConfig, key: str, path: Path | None, load: Callable[[], L]) -> L:
    """``load()``, with a file it cannot use reported as the option that named it."""
    try:
        return load()
    except (NetworkInputError, ScriptError) as exc:
        reason = str(exc).removeprefix(f"{path}: ") if path is not None else str(exc)
        raise ConfigError(f"{config.origin(key)}: {reason}") from exc


def load_inputs(config: LectureConfig | None = None) -> Inputs:
    """Read manim.cfg (unless given a config), load the weights, run the digit, read the
    script: once a process for a configuration and the files it names as they are (a
    script edited since is read again).

    Raises
    ------
    ConfigError
        For a file the lecture cannot use (an image it cannot read, a network of the
        wrong kind or shape, a script with a mistake), naming the option that named it.
    """
    config = load_config() if config is None else config
    return _load_inputs(config, _stamps(config))


def _stamps(config: LectureConfig) -> tuple[tuple[str, int, int], ...]:
    """Each file the config names, with its size and modification time."""
    stamps = []
    for option in fields(config):
        value = getattr(config, option.name)
        if isinstance(value, Path):
            try:
                stat = value.stat()
            except OSError:
                stamps.append((str(value), -1, -1))
            else:
                stamps.append((str(value), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


@lru_cache(maxsize=4)
def _load_inputs(config: LectureConfig, stamps: tuple[tuple[str, int, int], ...]) -> Inputs:
    network = _named(
        config,
        "weights",
        config.weights,
        lambda: _load_network(config.weights, "sigmoid", config.where("weights")),
    )
    relu = _named(
        config,
        "relu_weights",
        config.relu_weights,
        lambda: _load_network(config.relu_weights, "relu", config.where("relu_weights")),
    )
    digit_path = config.digit if isinstance(config.digit, Path) else None
    return Inputs(
        config,
        get_palette(config.palette),
        network,
        relu,
        _named(config, "digit", digit_path, lambda: _digit_for(config, network)),
        _named(config, "script", config.script, lambda: _script(config.script)),
    )


def _script(path: Path) -> Script:
    """The script (its chapter titles are asked for where they are used: the export
    checks the chapters it makes have one before anything renders)."""
    return load_script(path)
