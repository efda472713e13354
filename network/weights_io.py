"""Weights files: ``.npz`` archives of plain arrays, never pickles.

A file holds ``W1 … WL``, ``b1 … bL``, the ``sizes``, the hidden ``activation``,
the training ``recipe`` (JSON), the ``seed`` and the ``validation_accuracy``.

Loading checks every one of them, because a weights file may come from anywhere:
a wrong or corrupt file stops with the file's name and the problem, never with a
NumPy or zlib traceback and never as a network that silently computes nonsense.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from network.activations import ACTIVATIONS
from network.data import N_PIXELS
from network.errors import NetworkInputError
from network.model import Network
from network.shapes import DIGIT_CLASSES, check_hidden, dashed

__all__ = [
    "MAX_WEIGHTS_BYTES",
    "WeightsFile",
    "check_classifier",
    "check_destination",
    "check_role",
    "load_weights",
    "save_weights",
]


#: The most a weights archive may unpack to. A 784-16-16-10 network takes about
#: 105 KB; the cap only stops a corrupt or hostile archive from exhausting memory.
MAX_WEIGHTS_BYTES = 256 << 20
MAX_WEIGHTS_BYTES_TEXT = "256 MiB"

_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_NPY_MAGIC = b"\x93NUMPY"
_METADATA = ("sizes", "activation", "recipe", "seed", "validation_accuracy")
# What reading a damaged zip member can raise: zlib.error for a broken deflate
# stream, BadZipFile for a CRC mismatch, NotImplementedError for an unknown
# compression method, RuntimeError for an encrypted member, ValueError and
# EOFError from NumPy's .npy parser, MemoryError for an absurd declared shape.
_ARCHIVE_ERRORS = (
    OSError,
    EOFError,
    KeyError,
    MemoryError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
)


@dataclass(frozen=True)
class WeightsFile:
    network: Network
    recipe: dict[str, object] = field(default_factory=dict)
    validation_accuracy: float | None = None
    path: Path | None = None


def check_destination(path: str | Path, overwrite: bool = False) -> Path:
    """Refuse, before any work is done, a weights path `save_weights` could not write.

    Checked: the name ends in ``.npz``; it is not a folder; an existing file is
    replaced only if ``overwrite``; the nearest existing folder on the way really
    accepts a new file (one is created there and removed). Missing folders are not
    created here, so a refused destination leaves nothing behind.
    """
    path = Path(path)
    if path.suffix != ".npz":
        raise NetworkInputError(
            f"{path}: weights files end in .npz, not {path.suffix or 'no extension'!r}"
        )
    if path.is_dir():
        raise NetworkInputError(f"{path}: is a folder; give a file name ending in .npz")
    if path.exists() and not overwrite:
        raise NetworkInputError(f"{path}: already exists; pass --force to replace it")
    if path.exists() and not path.is_file():
        raise NetworkInputError(f"{path}: exists and is not a regular file")
    _check_writable(_nearest_folder(path), path)
    return path


def _nearest_folder(path: Path) -> Path:
    """The closest ancestor of ``path`` that exists, refused unless it is a folder."""
    folder = path.absolute().parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        raise NetworkInputError(f"{path}: cannot create its folder: {folder} is a file")
    return folder


def _check_writable(folder: Path, path: Path) -> None:
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise NetworkInputError(
            f"{path}: cannot write in {folder} ({exc.strerror or exc})"
        ) from exc


def save_weights(
    path: str | Path,
    net: Network,
    recipe: dict[str, object] | None = None,
    validation_accuracy: float | None = None,
    overwrite: bool = False,
) -> Path:
    """Write atomically; refuse to replace an existing file unless ``overwrite``."""
    path = check_destination(path, overwrite)
    recipe = recipe or {}
    arrays: dict[str, np.ndarray] = {
        "sizes": np.array(net.sizes, dtype=np.int64),
        "activation": np.array(net.activation),
        "recipe": np.array(_recipe_json(recipe)),
        "seed": np.array(_recipe_seed(recipe), dtype=np.int64),
        "validation_accuracy": np.array(
            np.nan if validation_accuracy is None else validation_accuracy
        ),
    }
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        arrays[f"W{i}"] = w
        arrays[f"b{i}"] = b
    try:
        _write_atomically(path, arrays)
    except OSError as exc:
        raise NetworkInputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path


def _recipe_json(recipe: dict[str, object]) -> str:
    try:
        return json.dumps(recipe, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise NetworkInputError(f"recipe: must be plain JSON data ({exc})") from exc


def _recipe_seed(recipe: dict[str, object]) -> int:
    """The recipe's seed, −1 when it has none (the file then records "unknown")."""
    seed = recipe.get("seed", -1)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not -1 <= seed < 2**63:
        raise NetworkInputError(f"recipe: 'seed' must be a whole number ≥ 0, got {seed!r}")
    return int(seed)


def _write_atomically(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write beside ``path``, then rename over it: a reader never sees half a file.

    The temporary file is made private (``mkstemp``: mode 0600), so it is given the
    mode any other new file gets (0666 less the umask, 0644 usually) before it
    becomes ``path``: the weights are shared like every other output.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez_compressed(handle, allow_pickle=False, **arrays)
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it: put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def load_weights(path: str | Path) -> WeightsFile:
    """Read and check a weights file; any problem names the file and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise NetworkInputError(f"{path}: weights file not found")
    arrays = _read_archive(path)
    try:
        net = _network(arrays)
        _check_seed(arrays)
        return WeightsFile(
            network=net,
            recipe=_recipe(arrays),
            validation_accuracy=_validation_accuracy(arrays),
            path=path,
        )
    except NetworkInputError as exc:
        raise NetworkInputError(f"{path}: {exc}") from exc


def _read_archive(path: Path) -> dict[str, np.ndarray]:
    """Every array of the ``.npz`` at ``path``, read without unpickling anything."""
    _check_signature(path)
    try:
        _check_unpacked_size(path)
        with np.load(path, allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    except NetworkInputError:
        raise
    except _ARCHIVE_ERRORS as exc:
        raise NetworkInputError(f"{path}: not a readable .npz weights file ({exc})") from exc


def _check_signature(path: Path) -> None:
    """Tell a lone ``.npy`` (or any non-zip file) from an archive before NumPy guesses."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_NPY_MAGIC))
    except OSError as exc:
        raise NetworkInputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if head.startswith(_NPY_MAGIC):
        raise NetworkInputError(
            f"{path}: not a readable .npz weights file (it is a single .npy array; a "
            "weights file is the .npz archive that `python -m network train` writes)"
        )
    if not head.startswith(_ZIP_SIGNATURES):
        raise NetworkInputError(f"{path}: not a readable .npz weights file (not a zip archive)")


def _check_unpacked_size(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        size = sum(info.file_size for info in archive.infolist())
    if size > MAX_WEIGHTS_BYTES:
        raise NetworkInputError(
            f"{path}: its arrays unpack to {size:,} bytes; the limit is "
            f"{MAX_WEIGHTS_BYTES_TEXT} (a 784-16-16-10 network takes about 105 KB)"
        )


def _network(arrays: dict[str, np.ndarray]) -> Network:
    for key in ("sizes", "activation", "W1", "b1"):
        if key not in arrays:
            raise NetworkInputError(f"missing array {key!r}")
    sizes = _sizes(arrays["sizes"])
    _check_no_strays(arrays, len(sizes) - 1)
    weights, biases = [], []
    for i in range(1, len(sizes)):
        w = _layer_array(arrays, f"W{i}")
        b = _layer_array(arrays, f"b{i}")
        expected = (sizes[i], sizes[i - 1])
        if w.shape != expected or b.shape != (expected[0],):
            raise NetworkInputError(
                f"W{i} has shape {w.shape} and b{i} {b.shape}; the recorded sizes "
                f"{sizes} need {expected} and ({expected[0]},)"
            )
        weights.append(w)
        biases.append(b)
    return Network(weights, biases, activation=_text(arrays["activation"], "activation"))


def _sizes(sizes: np.ndarray) -> tuple[int, ...]:
    if (
        sizes.ndim != 1
        or sizes.size < 2
        or not np.issubdtype(sizes.dtype, np.integer)
        or np.any(sizes < 1)
    ):
        raise NetworkInputError(
            f"'sizes' must be a list of at least 2 positive whole numbers (the layer "
            f"sizes), got {_describe(sizes)}"
        )
    return tuple(int(s) for s in sizes)


def _check_no_strays(arrays: dict[str, np.ndarray], layers: int) -> None:
    """Refuse arrays the sizes do not account for: a mismatch means a damaged file."""
    expected = {*_METADATA, *(f"{p}{i}" for p in "Wb" for i in range(1, layers + 1))}
    strays = sorted(set(arrays) - expected)
    if strays:
        raise NetworkInputError(
            f"unexpected array {strays[0]!r}; with {layers} layers a weights file holds "
            f"{', '.join(_METADATA)}, W1…W{layers} and b1…b{layers}"
        )


def _layer_array(arrays: dict[str, np.ndarray], key: str) -> np.ndarray:
    if key not in arrays:
        raise NetworkInputError(f"missing array {key!r}")
    array = arrays[key]
    if not np.issubdtype(array.dtype, np.floating):
        raise NetworkInputError(f"{key} has dtype {array.dtype}; expected floating point")
    if not np.all(np.isfinite(array)):
        raise NetworkInputError(f"{key} contains NaN or inf")
    return array


def _text(array: np.ndarray, key: str) -> str:
    if array.ndim != 0 or array.dtype.kind != "U":
        raise NetworkInputError(f"{key!r} must be a single string, got {_describe(array)}")
    return str(array[()])


def _recipe(arrays: dict[str, np.ndarray]) -> dict[str, object]:
    if "recipe" not in arrays:
        return {}
    text = _text(arrays["recipe"], "recipe")
    try:
        recipe = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NetworkInputError(f"'recipe' is not valid JSON ({exc})") from exc
    if not isinstance(recipe, dict):
        raise NetworkInputError(f"'recipe' must be a JSON object, got {text[:60]!r}")
    return recipe


def _check_seed(arrays: dict[str, np.ndarray]) -> None:
    """The seed is not used to load, but a malformed one means the file is damaged."""
    seed = arrays.get("seed", np.array(-1))
    if seed.ndim != 0 or not np.issubdtype(seed.dtype, np.integer) or int(seed) < -1:
        raise NetworkInputError(
            f"'seed' must be one whole number ≥ 0 (or -1 for unknown), got {_describe(seed)}"
        )


def _validation_accuracy(arrays: dict[str, np.ndarray]) -> float | None:
    if "validation_accuracy" not in arrays:
        return None
    value = arrays["validation_accuracy"]
    numeric = np.issubdtype(value.dtype, np.floating) or np.issubdtype(value.dtype, np.integer)
    if value.ndim == 0 and numeric:
        accuracy = float(value)
        if math.isnan(accuracy):
            return None
        if 0.0 <= accuracy <= 1.0:
            return accuracy
    raise NetworkInputError(
        f"'validation_accuracy' must be one number in [0, 1] (or NaN for unknown), "
        f"got {_describe(value)}"
    )


def _describe(array: np.ndarray) -> str:
    """A short, readable account of an array that was not what a field needs."""
    if array.size <= 8 and array.dtype.kind in "biufUS":
        return f"{array.tolist()!r} ({array.dtype})"
    return f"an array of dtype {array.dtype} and shape {array.shape}"


def _where(weights: WeightsFile | Network, path: str | Path | None) -> str:
    if path is not None:
        return str(path)
    if isinstance(weights, WeightsFile) and weights.path is not None:
        return str(weights.path)
    return "the network"


def check_classifier(
    weights: WeightsFile | Network,
    path: str | Path | None = None,
    needed_by: str = "a digit classifier",
) -> Network:
    """The network, refused unless it reads 784 pixels and answers with 10 digits.

    Parameters
    ----------
    weights
        A loaded weights file or a network.
    path
        How to name it in the message (default: the weights file's own path).
    needed_by
        Who needs the shape, for the message ("… has 12 outputs; <needed_by> needs 10").
    """
    net = weights.network if isinstance(weights, WeightsFile) else weights
    where = _where(weights, path)
    if net.sizes[0] != N_PIXELS:
        raise NetworkInputError(
            f"{where}: takes {net.sizes[0]} inputs; {needed_by} needs {N_PIXELS} "
            "(one per pixel of a 28×28 digit)"
        )
    if net.sizes[-1] != DIGIT_CLASSES:
        raise NetworkInputError(
            f"{where}: has {net.sizes[-1]} outputs; {needed_by} needs {DIGIT_CLASSES} "
            "(one per digit 0–9)"
        )
    return net


def check_role(
    weights: WeightsFile | Network,
    activation: str,
    path: str | Path | None = None,
    needed_by: str = "this key",
) -> Network:
    """The network, refused unless it can play a part in the lecture.

    A role is one of the lecture's networks: the sigmoid network most scenes
    draw, or the ReLU network the last section compares with. Each must use its
    activation, read 784 pixels, answer with 10 digits and have a hidden-layer
    shape the scenes can draw (`network.shapes.check_hidden`).

    Parameters
    ----------
    weights
        A loaded weights file or a network.
    activation
        The hidden activation the role needs, e.g. ``"sigmoid"`` or ``"relu"``.
    path
        How to name the network in messages (default: the weights file's own path).
    needed_by
        Who needs it, for the message: "<path>: is a relu network; <needed_by>
        needs a sigmoid network". The default suits a ``manim.cfg`` key.

    Raises
    ------
    NetworkInputError
        Naming the network, what it is and what the role allows.
    """
    if activation not in ACTIVATIONS:
        raise NetworkInputError(
            f"unknown activation {activation!r}; expected one of {sorted(ACTIVATIONS)}"
        )
    net = weights.network if isinstance(weights, WeightsFile) else weights
    where = _where(weights, path)
    if net.activation != activation:
        raise NetworkInputError(
            f"{where}: is a {net.activation} network; {needed_by} needs a {activation} network"
        )
    check_classifier(net, where, needed_by)
    check_hidden(net.sizes[1:-1], f"{where} ({dashed(net.sizes)})")
    return net
