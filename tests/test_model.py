from __future__ import annotations

import numpy as np
import pytest

from network.errors import NetworkInputError
from network.model import Network


def test_default_network_has_13002_parameters_from_its_arrays() -> None:
    net = Network.initialised()
    assert net.sizes == (784, 16, 16, 10)
    assert [p.total for p in net.layer_parameters()] == [784 * 16 + 16, 16 * 16 + 16, 16 * 10 + 10]
    assert (net.n_weights, net.n_biases, net.n_parameters) == (12960, 42, 13002)


def test_forward_trace_of_one_image_equals_the_batch_row() -> None:
    net = Network.initialised(seed=3)
    x = np.random.default_rng(0).random((5, 784))
    batch = net.forward(x)
    one = net.forward(x[2])
    for a_batch, a_one in zip(batch.activations, one.activations, strict=True):
        np.testing.assert_allclose(a_batch[2], a_one)
    assert one.prediction == int(np.argmax(one.output)) == batch.prediction[2]
    # z of each layer is W a + b of the previous activations
    np.testing.assert_allclose(one.zs[1], net.weights[1] @ one.activations[1] + net.biases[1])


@pytest.mark.parametrize(
    "x", [np.zeros(783), np.zeros((2, 28, 28)), np.full(784, np.nan)], ids=["short", "3d", "nan"]
)
def test_bad_inputs_are_refused(x: np.ndarray) -> None:
    with pytest.raises(NetworkInputError):
        Network.initialised().forward(x)


def test_mismatched_layers_and_unknown_activation_are_refused() -> None:
    with pytest.raises(NetworkInputError, match="takes 5 inputs"):
        Network([np.zeros((16, 784)), np.zeros((10, 5))], [np.zeros(16), np.zeros(10)])
    with pytest.raises(NetworkInputError, match="unknown activation"):
        Network.initialised(activation="tanh")
