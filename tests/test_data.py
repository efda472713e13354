from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from network.data import (
    BUNDLED_COUNT,
    load_bundled,
    load_idx_pair,
    read_idx,
    train_validation_split,
)
from network.errors import NetworkInputError


def test_bundled_digits_are_5000_real_mnist_images_500_per_label() -> None:
    digits = load_bundled()
    assert digits.images.shape == (BUNDLED_COUNT, 784)
    assert np.bincount(digits.labels).tolist() == [500] * 10
    assert 0.0 <= digits.images.min() and digits.images.max() == 1.0
    border = digits.images.reshape(-1, 28, 28)[:, 0, :]
    assert border.max() == 0.0  # MNIST digits sit inside a black frame


def test_split_is_stratified_disjoint_seeded() -> None:
    labels = load_bundled().labels
    train, val = train_validation_split(labels, 0.1, seed=0)
    assert np.intersect1d(train, val).size == 0 and train.size + val.size == labels.size
    assert np.bincount(labels[val]).tolist() == [50] * 10
    np.testing.assert_array_equal(val, train_validation_split(labels, 0.1, seed=0)[1])
    assert not np.array_equal(val, train_validation_split(labels, 0.1, seed=1)[1])


def write_idx(path: Path, array: np.ndarray, gz: bool = False) -> Path:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    raw = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


def test_idx_round_trip_raw_and_gzip(tmp_path: Path) -> None:
    images = np.random.default_rng(0).integers(0, 256, (3, 28, 28))
    labels = np.array([3, 1, 4])
    digits = load_idx_pair(
        write_idx(tmp_path / "i.idx", images), write_idx(tmp_path / "l.gz", labels, gz=True)
    )
    np.testing.assert_allclose(digits.images, images.reshape(3, 784) / 255)
    assert digits.labels.tolist() == [3, 1, 4]


def test_idx_errors_name_the_file_and_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.idx"
    bad.write_bytes(b"\x12\x34\x56\x78rest")
    with pytest.raises(NetworkInputError, match=r"bad\.idx: not an IDX file \(bad magic"):
        read_idx(bad)
    short = write_idx(tmp_path / "short.idx", np.zeros((3, 28, 28)))
    short.write_bytes(short.read_bytes()[:-10])
    with pytest.raises(NetworkInputError, match=r"short\.idx: truncated"):
        read_idx(short)
    with pytest.raises(NetworkInputError, match="cannot read"):
        read_idx(tmp_path / "missing.idx")
    labels = write_idx(tmp_path / "l.idx", np.array([1, 2]))
    with pytest.raises(NetworkInputError, match="expected 3 labels"):
        load_idx_pair(write_idx(tmp_path / "i.idx", np.zeros((3, 28, 28))), labels)
