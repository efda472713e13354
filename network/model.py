"""The feed-forward network every scene draws: layer sizes, weights, biases, forward trace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from network.activations import ACTIVATIONS, sigmoid
from network.errors import NetworkInputError

__all__ = ["DEFAULT_SIZES", "LayerParameters", "Network", "Trace"]

DEFAULT_SIZES: tuple[int, ...] = (784, 16, 16, 10)


@dataclass(frozen=True)
class Trace:
    """Everything one forward pass computed, which is what a scene draws.

    ``activations[0]`` is the input; ``zs[i]`` and ``activations[i + 1]`` are the
    weighted sums and activations of layer ``i + 1``. For a batch every array has
    a leading example axis.
    """

    zs: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]

    @property
    def prediction(self) -> np.ndarray | int:
        """Index of the largest output: the network's answer (an array for a batch)."""
        answer = np.argmax(self.output, axis=-1)
        return int(answer) if np.ndim(answer) == 0 else answer


@dataclass(frozen=True)
class LayerParameters:
    """How many weights and biases feed one layer."""

    n_in: int
    n_out: int

    @property
    def weights(self) -> int:
        return self.n_in * self.n_out

    @property
    def biases(self) -> int:
        return self.n_out

    @property
    def total(self) -> int:
        return self.weights + self.biases


class Network:
    """A multilayer perceptron; hidden layers use ``activation``, the output a sigmoid.

    ``weights[i]`` has shape ``(sizes[i + 1], sizes[i])``: row ``j`` holds the
    weights into neuron ``j`` of the next layer, as in a⁽¹⁾ = σ(W a⁽⁰⁾ + b).
    """

    def __init__(
        self,
        weights: Sequence[np.ndarray],
        biases: Sequence[np.ndarray],
        activation: str = "sigmoid",
    ) -> None:
        if activation not in ACTIVATIONS:
            raise NetworkInputError(
                f"unknown activation {activation!r}; expected one of {sorted(ACTIVATIONS)}"
            )
        if len(weights) != len(biases) or not weights:
            raise NetworkInputError(
                f"need one bias vector per weight matrix, got {len(weights)} weight "
                f"matrices and {len(biases)} bias vectors"
            )
        self.weights = [np.asarray(w, dtype=float) for w in weights]
        self.biases = [np.asarray(b, dtype=float) for b in biases]
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            if w.ndim != 2 or b.shape != (w.shape[0],):
                raise NetworkInputError(
                    f"layer {i + 1}: weights {w.shape} and biases {b.shape} do not fit "
                    "(expected W of shape (n_out, n_in) and b of shape (n_out,))"
                )
            if i and w.shape[1] != self.weights[i - 1].shape[0]:
                raise NetworkInputError(
                    f"layer {i + 1}: takes {w.shape[1]} inputs but layer {i} has "
                    f"{self.weights[i - 1].shape[0]} neurons"
                )
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise NetworkInputError(f"layer {i + 1}: weights or biases contain NaN or inf")
        self.activation = activation

    @classmethod
    def initialised(
        cls,
        sizes: Sequence[int] = DEFAULT_SIZES,
        activation: str = "sigmoid",
        seed: int = 0,
    ) -> Network:
        """Random weights scaled by 1/√fan-in (so sums start O(1)), zero biases."""
        if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
            raise NetworkInputError(f"layer sizes must be ≥ 2 positive integers, got {sizes}")
        rng = np.random.default_rng(seed)
        weights = [
            rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in pairwise(sizes)
        ]
        biases = [np.zeros(n_out) for n_out in sizes[1:]]
        return cls(weights, biases, activation)

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.weights[0].shape[1], *(w.shape[0] for w in self.weights))

    def layer_parameters(self) -> list[LayerParameters]:
        """Per layer transition, read from the arrays themselves."""
        return [LayerParameters(n_in=w.shape[1], n_out=w.shape[0]) for w in self.weights]

    @property
    def n_weights(self) -> int:
        return sum(w.size for w in self.weights)

    @property
    def n_biases(self) -> int:
        return sum(b.size for b in self.biases)

    @property
    def n_parameters(self) -> int:
        return self.n_weights + self.n_biases

    def hidden_function(self, z: np.ndarray) -> np.ndarray:
        return ACTIVATIONS[self.activation][0](z)

    def check_input(self, x: np.ndarray) -> np.ndarray:
        """One image (n_in,) or a batch (N, n_in), as floats (finiteness: see forward)."""
        x = np.asarray(x, dtype=float)
        n_in = self.sizes[0]
        if x.ndim not in (1, 2) or x.shape[-1] != n_in:
            raise NetworkInputError(
                f"input has shape {x.shape}; expected ({n_in},) or (N, {n_in})"
            )
        return x

    def forward(self, x: np.ndarray) -> Trace:
        """Run the network and keep every layer's weighted sums and activations."""
        a = self.check_input(x)
        zs: list[np.ndarray] = []
        activations = [a]
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ w.T + b
            if i == 0 and not np.all(np.isfinite(z)):
                # NaN/inf in any pixel reaches every first-layer sum (0·NaN is NaN), so
                # checking the 16 sums per image is as strict as checking 784 pixels.
                raise NetworkInputError("input contains NaN or inf")
            a = sigmoid(z) if i == last else self.hidden_function(z)
            zs.append(z)
            activations.append(a)
        return Trace(zs=tuple(zs), activations=tuple(activations))

    def predict(self, x: np.ndarray) -> np.ndarray | int:
        return self.forward(x).prediction
