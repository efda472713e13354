from __future__ import annotations

import gzip
import math
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- every IDX problem is refused with one NetworkInputError naming the file ---


def _header(code: int, shape: tuple[int, ...]) -> bytes:
    return bytes([0, 0, code, len(shape)]) + b"".join(n.to_bytes(4, "big") for n in shape)


def _idx(code: int, values: np.ndarray) -> bytes:
    dtype = {8: "u1", 9: "i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}[code]
    return _header(code, values.shape) + np.asarray(values).astype(dtype).tobytes()


def _corrupt_deflate(raw: bytes) -> bytes:
    packed = bytearray(gzip.compress(raw))
    packed[12] ^= 0xFF  # inside the deflate stream, after the 10-byte gzip header
    return bytes(packed)


_STROKES = np.zeros((2, 28, 28))
_STROKES[:, 6:22, 12:16] = 1.0
_LABELS = _idx(8, np.array([3, 1]))

BAD_IDX = {
    "corrupt deflate": (_corrupt_deflate(_LABELS), "corrupt gzip data"),
    "cut gzip": (gzip.compress(_LABELS)[:-9], "corrupt gzip data (Compressed file ended"),
    "bad gzip header": (b"\x1f\x8b" + bytes(30), "corrupt gzip data"),
    "overflowing dims": (
        _header(8, (0xFFFFFFFF,) * 4),
        "header declares shape (4294967295, 4294967295, 4294967295, 4294967295) of unsigned "
        "bytes, 340,282,366,604,025,813,516,997,721,482,669,850,625 bytes of data; the limit "
        "is 1 GiB",
    ),
    "over the cap": (
        gzip.compress(_header(0x0E, (200000, 28, 28))),
        "header declares shape (200000, 28, 28) of 64-bit floats, 1,254,400,000 bytes of "
        "data; the limit is 1 GiB",
    ),
    "no dimensions": (bytes([0, 0, 8, 0, 7]), "IDX header declares 0 dimensions"),
    "too many dimensions": (bytes([0, 0, 8, 200]), "IDX header declares 200 dimensions"),
    "cut header": (bytes([0, 0, 8, 3, 0, 0, 0, 2]), "truncated IDX header"),
    "empty but huge": (
        _header(8, (0, 0xFFFFFFFF, 0xFFFFFFFF)),
        "header declares shape (0, 4294967295, 4294967295): empty, but its other dimensions "
        "alone exceed the 1 GiB limit",
    ),
    "bad magic": (b"\x12\x34\x56\x78rest", "not an IDX file (bad magic number 12345678"),
    "empty": (b"", "not an IDX file (bad magic number empty"),
    "unknown type": (bytes([0, 0, 0x0A, 1, 0, 0, 0, 0]), "unknown element type 0x0a"),
    "cut data": (_LABELS[:-1], "truncated: header declares shape (2,) (2 bytes of data)"),
    "trailing bytes": (_LABELS + b"\x00", "extra bytes after the 2 bytes of data"),
}


@pytest.mark.parametrize("case", sorted(BAD_IDX))
def test_bad_idx_files_are_refused(tmp_path: Path, case: str) -> None:
    raw, message = BAD_IDX[case]
    path = tmp_path / "bad.idx"
    path.write_bytes(raw)
    with pytest.raises(NetworkInputError) as info:
        read_idx(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_a_gzip_bomb_is_not_decompressed_beyond_what_the_header_declares(
    tmp_path: Path,
) -> None:
    """64 MB of zeros behind a header declaring 2 bytes: refused after reading 3 bytes."""
    path = tmp_path / "bomb.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(_LABELS)
        for _ in range(64):
            out.write(bytes(1 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(NetworkInputError, match="extra bytes after the 2 bytes"):
            read_idx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20


BAD_PAIRS = {
    "no images": (
        _idx(8, np.zeros((0, 28, 28))),
        _idx(8, np.zeros(0)),
        "images.idx: holds no images (shape (0, 28, 28)); need at least one 28×28 digit",
    ),
    "float images 0-255": (
        _idx(0x0D, _STROKES * 255),
        _LABELS,
        "images.idx: float pixel values must lie in [0, 1] (0 black, 1 white); found 0 to 255",
    ),
    "NaN images": (
        _idx(0x0E, np.where(_STROKES, np.nan, 0.0)),
        _LABELS,
        "images.idx: pixel values contain NaN or inf",
    ),
    "int16 images over 255": (
        _idx(0x0B, _STROKES * 1000),
        _LABELS,
        "images.idx: integer pixel values must lie in 0–255 (they are divided by 255); "
        "found 0 to 1000",
    ),
    "negative int8 images": (
        _idx(9, -_STROKES),
        _LABELS,
        "integer pixel values must lie in 0–255 (they are divided by 255); found -1 to 0",
    ),
    "fractional float labels": (
        _idx(8, _STROKES * 255),
        _idx(0x0D, np.array([3.0, 1.5])),
        "labels.idx: labels must be whole numbers 0–9; label #1 is 1.5",
    ),
    "NaN labels": (
        _idx(8, _STROKES * 255),
        _idx(0x0E, np.array([np.nan, 1.0])),
        "labels.idx: labels must be whole numbers 0–9; label #0 is nan",
    ),
    "label 12": (
        _idx(8, _STROKES * 255),
        _idx(0x0C, np.array([3, 12])),
        "labels.idx: labels must be whole numbers 0–9; label #1 is 12",
    ),
    "negative label": (
        _idx(8, _STROKES * 255),
        _idx(9, np.array([-1, 2])),
        "labels.idx: labels must be whole numbers 0–9; label #0 is -1",
    ),
    "wrong image shape": (
        _idx(8, np.zeros((2, 27, 28))),
        _LABELS,
        "images.idx: expected images of shape (N, 28, 28), got (2, 27, 28)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PAIRS))
def test_bad_idx_pairs_are_refused(tmp_path: Path, case: str) -> None:
    images, labels, message = BAD_PAIRS[case]
    (tmp_path / "images.idx").write_bytes(images)
    (tmp_path / "labels.idx").write_bytes(labels)
    with pytest.raises(NetworkInputError) as info:
        load_idx_pair(tmp_path / "images.idx", tmp_path / "labels.idx")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("code", "stored", "grey"),
    [
        (0x08, 255, 1.0),
        (0x09, 127, 127 / 255),
        (0x0B, 255, 1.0),
        (0x0C, 200, 200 / 255),
        (0x0D, 0.5, 0.5),
        (0x0E, 1.0, 1.0),
    ],
)
def test_every_element_type_reads_as_grey_levels(
    tmp_path: Path, code: int, stored: float, grey: float
) -> None:
    """Integers are grey levels 0–255; floats are already in [0, 1] and kept as they are
    (dividing them by 255 again made every image black and the accuracy 0 %)."""
    (tmp_path / "i.idx").write_bytes(_idx(code, _STROKES * stored))
    (tmp_path / "l.idx").write_bytes(_idx(0x0D, np.array([3.0, 1.0])))
    digits = load_idx_pair(tmp_path / "i.idx", tmp_path / "l.idx")
    np.testing.assert_allclose(digits.images, _STROKES.reshape(2, 784) * grey, rtol=1e-6)
    assert digits.labels.tolist() == [3, 1] and digits.labels.dtype == np.int64


# --- property: whatever the bytes, only NetworkInputError or a valid result ---


def _fuzz(test: Callable[..., None]) -> Callable[..., None]:
    """200 examples, no deadline, no example database; and any warning fails the test,
    since a warning would be a second line under the command line's one error line."""
    fuzzed = settings(max_examples=200, deadline=None, database=None)(test)
    return pytest.mark.filterwarnings("error")(fuzzed)


def _read_or_refuse(data: bytes) -> np.ndarray | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.idx"
        path.write_bytes(data)
        try:
            return read_idx(path)
        except NetworkInputError as exc:
            assert str(exc).startswith(f"{path}: ")
            return None


@_fuzz
@given(data=st.binary(max_size=300), packed=st.booleans())
def test_random_bytes_give_an_array_or_network_input_error(data: bytes, packed: bool) -> None:
    _read_or_refuse(gzip.compress(data) if packed else data)


@st.composite
def idx_files(draw: st.DrawFn, shape: tuple[int, ...] | None = None) -> bytes:
    """An IDX header (sometimes lying) with a payload of about the size it declares."""
    code = draw(st.sampled_from([8, 9, 0x0B, 0x0C, 0x0D, 0x0E, draw(st.integers(0, 255))]))
    if shape is None:
        small = st.integers(0, 6)
        dims = st.one_of(small, small, st.sampled_from([28, 0xFFFF, 0xFFFFFFFF]))
        shape = tuple(draw(st.lists(dims, max_size=4)))
    itemsize = {8: 1, 9: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8}.get(code, 1)
    size = min(math.prod(shape) * itemsize, 4096) + draw(st.integers(-2, 2))
    payload = draw(st.binary(min_size=max(size, 0), max_size=max(size, 0)))
    if code in (0x0D, 0x0E) and draw(st.booleans()):  # mostly proper floats, some in [0, 1]
        dtype = ">f4" if code == 0x0D else ">f8"
        count = len(payload) // itemsize
        floats = draw(st.lists(st.floats(0, 1), min_size=count, max_size=count))
        payload = np.array(floats, dtype=dtype).tobytes()
    raw = _header(code, shape) + payload
    if draw(st.booleans()):
        raw = gzip.compress(raw)
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(raw)))
            raw = raw[:cut] + bytes([draw(st.integers(0, 255))]) + raw[cut + 1 :]
    return raw


@_fuzz
@given(raw=idx_files())
def test_random_idx_files_give_their_array_or_network_input_error(raw: bytes) -> None:
    array = _read_or_refuse(raw)
    assert array is None or 1 <= array.ndim <= 4


@_fuzz
@given(
    count=st.integers(0, 3),
    data=st.data(),
)
def test_random_idx_pairs_give_digits_or_network_input_error(
    count: int, data: st.DataObject
) -> None:
    images = data.draw(idx_files(shape=data.draw(st.sampled_from([(count, 28, 28), (count,)]))))
    labels = data.draw(idx_files(shape=data.draw(st.sampled_from([(count,), (count + 1,)]))))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "i.idx").write_bytes(images)
        (Path(folder) / "l.idx").write_bytes(labels)
        try:
            digits = load_idx_pair(Path(folder) / "i.idx", Path(folder) / "l.idx")
        except NetworkInputError:
            return
    assert digits.images.shape == (count, 784) and len(digits) == count >= 1
    assert np.all((digits.images >= 0) & (digits.images <= 1))
    assert digits.labels.dtype == np.int64 and set(digits.labels.tolist()) <= set(range(10))
