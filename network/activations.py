"""Activation functions and their derivatives, vectorised over any array shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import overload

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "largest_slope",
    "relu",
    "relu_prime",
    "sigmoid",
    "sigmoid_prime",
    "signal_divided_by",
    "slope_through_layers",
]

Array = np.ndarray


@overload
def sigmoid(z: float) -> float: ...
@overload
def sigmoid(z: Array) -> Array: ...
def sigmoid(z: float | Array) -> float | Array:
    """The logistic function 1 / (1 + e^(-z)).

    Written through tanh so that it never overflows for large |z|. A number gives a
    number (a NumPy float), an array an array of its shape.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid_prime(z: Array) -> Array:
    """dσ/dz = σ(z)(1 − σ(z)), steepest (1/4) at z = 0."""
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z: Array) -> Array:
    """max(0, z): zero when inactive, the identity when active."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z: Array) -> Array:
    """1 where z > 0, else 0 (the subgradient at 0 is taken as 0)."""
    return (np.asarray(z) > 0).astype(float)


#: name -> (function, derivative); the names are what weights files record.
ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "relu": (relu, relu_prime),
}


def largest_slope(name: str, span: float = 20.0, samples: int = 40_001) -> float:
    """The steepest the activation ever gets, read off its derivative on a fine grid.

    Why ReLU trains more easily in deep networks: backpropagation multiplies one
    such slope per layer, and the sigmoid's is never more than 1/4.
    """
    derivative = ACTIVATIONS[name][1]
    return float(np.max(derivative(np.linspace(-span, span, samples))))


def slope_through_layers(name: str, layers: int) -> float:
    """The most a learning signal can keep after passing back through ``layers`` layers
    (activation slopes only; the weights come on top)."""
    return largest_slope(name) ** layers


def signal_divided_by(name: str, layers: int) -> int:
    """How many times smaller, at least, a learning signal gets through ``layers`` layers:
    "one part in N" (1 when nothing is lost)."""
    return round(1 / slope_through_layers(name, layers))
