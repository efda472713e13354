from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from network.errors import NetworkInputError
from network.model import Network
from network.shipped import SHIPPED_WEIGHTS, bundled_split
from network.training import accuracy
from network.weights_io import load_weights, save_weights


def test_round_trip_keeps_arrays_recipe_and_accuracy(tmp_path: Path) -> None:
    net = Network.initialised(seed=5, activation="relu")
    path = save_weights(tmp_path / "w.npz", net, {"seed": 5, "epochs": 2}, 0.5)
    loaded = load_weights(path)
    assert loaded.network.activation == "relu" and loaded.recipe == {"epochs": 2, "seed": 5}
    assert loaded.validation_accuracy == 0.5
    for a, b in zip(loaded.network.weights, net.weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_existing_file_is_never_overwritten_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    path.write_bytes(b"precious")
    with pytest.raises(NetworkInputError, match="already exists"):
        save_weights(path, Network.initialised())
    assert path.read_bytes() == b"precious"
    save_weights(path, Network.initialised(), overwrite=True)
    assert load_weights(path).network.sizes == (784, 16, 16, 10)


def _arrays(net: Network) -> dict[str, np.ndarray]:
    out = {"sizes": np.array(net.sizes), "activation": np.array("sigmoid")}
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), 1):
        out[f"W{i}"], out[f"b{i}"] = w, b
    return out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.update(W2=np.zeros((16, 15))), r"W2 has shape \(16, 15\)"),
        (lambda a: a["b3"].__setitem__(0, np.nan), "b3 contains NaN"),
        (lambda a: a.pop("W1"), "missing array 'W1'"),
        (lambda a: a.update(W1=np.zeros((16, 784), dtype=np.int64)), "dtype int64"),
        (lambda a: a.update(activation=np.array("tanh")), "unknown activation"),
    ],
)
def test_bad_weights_name_file_and_problem(tmp_path: Path, change, message: str) -> None:
    arrays = _arrays(Network.initialised())
    change(arrays)
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(NetworkInputError, match=message) as info:
        load_weights(path)
    assert "bad.npz" in str(info.value)


def test_missing_corrupt_and_pickled_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NetworkInputError, match="not found"):
        load_weights(tmp_path / "none.npz")
    corrupt = tmp_path / "corrupt.npz"
    corrupt.write_bytes(b"PK\x03\x04 definitely not a zip")
    with pytest.raises(NetworkInputError, match="not a readable"):
        load_weights(corrupt)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, sizes=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(NetworkInputError, match="not a readable"):
        load_weights(pickled)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_shipped_weights_load_and_reproduce_their_recorded_accuracy(activation: str) -> None:
    shipped = load_weights(SHIPPED_WEIGHTS[activation])
    assert shipped.network.activation == activation
    measured = accuracy(shipped.network, bundled_split()[1])
    assert measured == pytest.approx(shipped.validation_accuracy)
    assert measured > 0.9
