from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.errors import NetworkInputError
from network.model import DEFAULT_SIZES, Network
from network.shipped import SHIPPED_WEIGHTS, bundled_split
from network.training import accuracy
from network.weights_io import (
    check_classifier,
    check_destination,
    check_role,
    load_weights,
    save_weights,
)


def test_round_trip_keeps_arrays_recipe_and_accuracy(tmp_path: Path) -> None:
    net = Network.initialised(seed=5, activation="relu")
    path = save_weights(tmp_path / "w.npz", net, {"seed": 5, "epochs": 2}, 0.5)
    loaded = load_weights(path)
    assert loaded.network.activation == "relu" and loaded.recipe == {"epochs": 2, "seed": 5}
    assert loaded.validation_accuracy == 0.5
    for a, b in zip(loaded.network.weights, net.weights, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
@pytest.mark.parametrize("replacing", [False, True])
def test_saved_weights_get_the_mode_of_any_new_file(
    tmp_path: Path, umask: int, mode: int, replacing: bool
) -> None:
    """The file is written privately and renamed into place; it must then be as readable
    as every other output (0666 less the umask), new or replacing an old file."""
    path = tmp_path / "w.npz"
    if replacing:
        path.write_bytes(b"old")
        path.chmod(0o600)
    previous = os.umask(umask)
    try:
        save_weights(path, Network.initialised(seed=0), overwrite=replacing)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert os.umask(previous) == previous  # the umask is left as it was
    assert [p.name for p in tmp_path.iterdir()] == ["w.npz"]  # no temporary file left


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


# --- damaged or mislabelled files: one NetworkInputError naming the file and the problem ---


def _good_arrays(tmp_path: Path) -> dict[str, np.ndarray]:
    path = save_weights(tmp_path / "good.npz", Network.initialised(), {"seed": 0}, 0.9)
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}


def _with(**changes: np.ndarray) -> Callable[[Path], None]:
    """A maker for a weights file like a good one, with some arrays replaced or added."""

    def make(path: Path) -> None:
        np.savez(path, **{**_good_arrays(path.parent), **changes})

    return make


def _npy_renamed(path: Path) -> None:
    np.save(tmp := path.with_suffix(".npy"), np.zeros(3))
    tmp.rename(path)


def _broken_deflate(path: Path) -> None:
    """A good archive with 40 bytes inside W1's deflate stream scrambled."""
    good = save_weights(path.with_name("intact.npz"), Network.initialised())
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("W1.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    raw[start : start + 40] = bytes(b ^ 0x55 for b in raw[start : start + 40])
    path.write_bytes(bytes(raw))


BAD_FILES = {
    "npy renamed": (
        _npy_renamed,
        "not a readable .npz weights file (it is a single .npy array",
    ),
    "text": (lambda p: p.write_text("W1 = 0.5"), "not a readable .npz weights file (not a zip"),
    "broken deflate": (_broken_deflate, "not a readable .npz weights file ("),
    "accuracy as text": (
        _with(validation_accuracy=np.array("high")),
        "'validation_accuracy' must be one number in [0, 1] (or NaN for unknown), "
        "got 'high' (<U4)",
    ),
    "accuracy over 1": (
        _with(validation_accuracy=np.array(93.8)),
        "'validation_accuracy' must be one number in [0, 1]",
    ),
    "seed as text": (
        _with(seed=np.array("zero")),
        "'seed' must be one whole number ≥ 0 (or -1 for unknown), got 'zero' (<U4)",
    ),
    "sizes as text": (
        _with(sizes=np.array(["784", "16", "16", "10"])),
        "'sizes' must be a list of at least 2 positive whole numbers (the layer sizes), "
        "got ['784', '16', '16', '10'] (<U3)",
    ),
    "sizes with 0": (_with(sizes=np.array([784, 0, 16, 10])), "'sizes' must be a list"),
    "recipe not JSON": (_with(recipe=np.array("{seed: 0")), "'recipe' is not valid JSON"),
    "recipe a list": (_with(recipe=np.array("[1, 2]")), "'recipe' must be a JSON object"),
    "activation as list": (
        _with(activation=np.array(["sigmoid"])),
        "'activation' must be a single string, got ['sigmoid'] (<U7)",
    ),
    "stray array": (
        _with(W4=np.zeros((3, 10))),
        "unexpected array 'W4'; with 3 layers a weights file holds",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_damaged_weights_files_are_refused(tmp_path: Path, case: str) -> None:
    make, message = BAD_FILES[case]
    path = tmp_path / "bad.npz"
    make(path)
    with pytest.raises(NetworkInputError) as info:
        load_weights(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_archives_that_unpack_beyond_the_cap_are_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save_weights(tmp_path / "w.npz", Network.initialised())
    monkeypatch.setattr("network.weights_io.MAX_WEIGHTS_BYTES", 50_000)
    with pytest.raises(NetworkInputError, match=r"w\.npz: its arrays unpack to [\d,]+ bytes"):
        load_weights(path)


# --- roles: the network a scene or command needs ---


@pytest.mark.parametrize(
    ("activation", "sizes", "message"),
    [
        ("relu", DEFAULT_SIZES, "is a relu network; this key needs a sigmoid network"),
        ("sigmoid", (100, 16, 16, 10), "takes 100 inputs; this key needs 784"),
        ("sigmoid", (784, 16, 16, 12), "has 12 outputs; this key needs 10 (one per digit 0–9)"),
        (
            "sigmoid",
            (784, 16, 16, 16, 16, 16, 10),
            "(784-16-16-16-16-16-10): has 5 hidden layers; allowed are 1 to 4 hidden layers of "
            "2–128 neurons each",
        ),
        ("sigmoid", (784, 10), "(784-10): has 0 hidden layers; allowed are 1 to 4"),
        ("sigmoid", (784, 200, 10), "(784-200-10): has a hidden layer of 200 neurons; allowed"),
        ("sigmoid", (784, 16, 1, 10), "(784-16-1-10): has a hidden layer of 1 neurons; allowed"),
    ],
)
def test_a_network_that_does_not_fit_the_role_is_refused(
    tmp_path: Path, activation: str, sizes: tuple[int, ...], message: str
) -> None:
    path = save_weights(tmp_path / "other.npz", Network.initialised(sizes, activation))
    with pytest.raises(NetworkInputError) as info:
        check_role(load_weights(path), "sigmoid")
    separator = " " if message.startswith("(") else ": "  # a shape is named after the path
    assert str(info.value).startswith(f"{path}{separator}{message}")


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_the_shipped_networks_fit_their_roles(activation: str) -> None:
    shipped = load_weights(SHIPPED_WEIGHTS[activation])
    assert check_role(shipped, activation) is shipped.network
    other = "relu" if activation == "sigmoid" else "sigmoid"
    with pytest.raises(NetworkInputError, match=f"needs a {other} network"):
        check_role(shipped.network, other, "[lecture] weights")


def test_check_classifier_accepts_any_hidden_layers_but_not_other_ends() -> None:
    assert check_classifier(Network.initialised((784, 5, 10), "relu")).sizes == (784, 5, 10)
    with pytest.raises(NetworkInputError, match="the network: has 3 outputs; a digit classifier"):
        check_classifier(Network.initialised((784, 5, 3)))


# --- destinations: refused before anything is computed or written ---


def test_destinations_that_cannot_be_written_are_refused_and_left_alone(
    tmp_path: Path,
) -> None:
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "folder.npz").mkdir()
    cases = {
        tmp_path / "w.txt": "weights files end in .npz, not '.txt'",
        tmp_path / "w": "weights files end in .npz, not 'no extension'",
        tmp_path / "folder.npz": "is a folder; give a file name ending in .npz",
        tmp_path
        / "a_file"
        / "w.npz": f"cannot create its folder: {tmp_path / 'a_file'} is a file",
    }
    for path, message in cases.items():
        with pytest.raises(NetworkInputError) as info:
            check_destination(path)
        assert str(info.value) == f"{path}: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "folder.npz"]


def test_an_unwritable_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("network.weights_io.tempfile.mkstemp", refuse)
    with pytest.raises(NetworkInputError) as info:
        check_destination(tmp_path / "w.npz")
    assert (
        str(info.value) == f"{tmp_path / 'w.npz'}: cannot write in {tmp_path} (Permission denied)"
    )


def test_missing_folders_are_checked_but_not_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "w.npz"
    assert check_destination(path) == path and list(tmp_path.iterdir()) == []
    save_weights(path, Network.initialised())
    assert load_weights(path).network.sizes == DEFAULT_SIZES


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ({"seed": "zero"}, "recipe: 'seed' must be a whole number ≥ 0, got 'zero'"),
        ({"when": object()}, "recipe: must be plain JSON data"),
    ],
)
def test_save_refuses_a_recipe_it_could_not_read_back(
    tmp_path: Path, recipe: dict[str, object], message: str
) -> None:
    with pytest.raises(NetworkInputError, match=re.escape(message)):
        save_weights(tmp_path / "w.npz", Network.initialised(), recipe)
    assert list(tmp_path.iterdir()) == []


# --- property: whatever the bytes, only NetworkInputError or a checked network ---


def _fuzz(test: Callable[..., None]) -> Callable[..., None]:
    """200 examples, no deadline, no example database; and any warning fails the test,
    since a warning would be a second line under the command line's one error line."""
    fuzzed = settings(max_examples=200, deadline=None, database=None)(test)
    return pytest.mark.filterwarnings("error")(fuzzed)


_GOOD = io.BytesIO()
np.savez_compressed(
    _GOOD, sizes=np.array([3, 2]), activation=np.array("relu"), W1=np.ones((2, 3)), b1=np.zeros(2)
)


def _load_or_refuse(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.npz"
        path.write_bytes(data)
        try:
            loaded = load_weights(path)
        except NetworkInputError as exc:
            assert str(exc).startswith(f"{path}: ")
            return
    assert loaded.network.sizes[0] >= 1


@_fuzz
@given(tail=st.binary(max_size=400), zipped=st.booleans())
def test_random_bytes_are_refused_cleanly(tail: bytes, zipped: bool) -> None:
    _load_or_refuse((b"PK\x03\x04" if zipped else b"") + tail)


@_fuzz
@given(data=st.data())
def test_damaged_archives_are_refused_cleanly(data: st.DataObject) -> None:
    raw = bytearray(_GOOD.getvalue())
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _load_or_refuse(bytes(raw[: data.draw(st.integers(0, len(raw)))]))


@pytest.mark.parametrize(
    "hidden", [(2,), (32,), (128,), (16, 16, 16), (128, 64, 32, 16), (8, 100)]
)
def test_any_drawable_hidden_shape_can_play_a_role(
    tmp_path: Path, hidden: tuple[int, ...]
) -> None:
    """Issue 16: a network of any shape the scenes can draw is accepted for either role."""
    for activation in ("sigmoid", "relu"):
        net = Network.initialised((784, *hidden, 10), activation)
        path = save_weights(tmp_path / f"{activation}.npz", net, overwrite=True)
        assert check_role(load_weights(path), activation).sizes == (784, *hidden, 10)
