"""One layer's algebra taken apart: a row of W against the activation column.

The matrix-form scene shows entry j of W a as the sum of its products, then adds the
bias and applies the activation. The numbers must be split up exactly as the network
combines them, so that what is drawn adds up to what ``Network.forward`` computes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from network.errors import NetworkInputError
from network.model import Network, Trace

__all__ = ["Parameter", "RowSum", "largest_parameter", "row_sum"]


@dataclass(frozen=True)
class RowSum:
    """Neuron ``neuron`` of ``layer`` computed by hand: row j of W times the column a.

    ``products[i]`` is W[j, i]·a[i]; their sum ``weighted_sum`` is entry j of W a;
    ``biased`` adds b_j; ``activation`` is the layer's function of it.
    """

    layer: int
    neuron: int
    weights: np.ndarray  # row j of W
    inputs: np.ndarray  # the activation column of the layer before
    products: np.ndarray
    weighted_sum: float
    bias: float
    activation: float

    @property
    def biased(self) -> float:
        """z_j: the weighted sum plus the bias, what the activation function is given."""
        return self.weighted_sum + self.bias


def row_sum(net: Network, trace: Trace, layer: int, neuron: int) -> RowSum:
    """Entry ``neuron`` of layer ``layer`` (1 = first hidden) as its products, sum, bias and
    activation, for one digit's ``trace``; the activation is the trace's own."""
    if not 1 <= layer < len(net.sizes):
        raise NetworkInputError(f"layer {layer} is not a layer with weights into it")
    if not 0 <= neuron < net.sizes[layer]:
        raise NetworkInputError(f"neuron {neuron} is not one of layer {layer}'s")
    w = net.weights[layer - 1][neuron]
    a = np.asarray(trace.activations[layer - 1], dtype=float)
    products = w * a
    weighted_sum = float(np.sum(products))
    bias = float(net.biases[layer - 1][neuron])
    return RowSum(
        layer=layer,
        neuron=neuron,
        weights=w,
        inputs=a,
        products=products,
        weighted_sum=weighted_sum,
        bias=bias,
        activation=float(trace.activations[layer][neuron]),
    )


@dataclass(frozen=True)
class Parameter:
    """One weight or bias of the network, and where it stands when every parameter of
    its layer is counted neuron by neuron (each neuron's weights, then its bias)."""

    layer: int  # 1 = the weights into the first hidden layer
    neuron: int  # the neuron of that layer it feeds
    source: int | None  # the neuron (or pixel) of the layer before; None for a bias
    value: float

    def order(self, net: Network) -> int:
        """Its position in the layer's counting order."""
        n_in = net.sizes[self.layer - 1]
        return self.neuron * (n_in + 1) + (n_in if self.source is None else self.source)


def largest_parameter(net: Network, layer: int) -> float:
    """The largest |value| among the weights and biases into ``layer`` (1 = first hidden):
    the scale on which any one of that layer's parameters is judged large or small."""
    if not 1 <= layer < len(net.sizes):
        raise NetworkInputError(f"layer {layer} is not a layer with weights into it")
    w, b = net.weights[layer - 1], net.biases[layer - 1]
    return float(max(np.max(np.abs(w)), np.max(np.abs(b))))
