"""Weights files: ``.npz`` archives of plain arrays, never pickles.

A file holds ``W1 … WL``, ``b1 … bL``, the ``sizes``, the hidden ``activation``,
the training ``recipe`` (JSON), the ``seed`` and the ``validation_accuracy``.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from network.errors import NetworkInputError
from network.model import Network

__all__ = ["WeightsFile", "load_weights", "save_weights"]


@dataclass(frozen=True)
class WeightsFile:
    network: Network
    recipe: dict[str, object] = field(default_factory=dict)
    validation_accuracy: float | None = None
    path: Path | None = None


def save_weights(
    path: str | Path,
    net: Network,
    recipe: dict[str, object] | None = None,
    validation_accuracy: float | None = None,
    overwrite: bool = False,
) -> Path:
    """Write atomically; refuse to replace an existing file unless ``overwrite``."""
    path = Path(path)
    if path.suffix != ".npz":
        raise NetworkInputError(f"{path}: weights files end in .npz")
    if path.exists() and not overwrite:
        raise NetworkInputError(f"{path}: already exists; pass --force to replace it")
    arrays: dict[str, np.ndarray] = {
        "sizes": np.array(net.sizes, dtype=np.int64),
        "activation": np.array(net.activation),
        "recipe": np.array(json.dumps(recipe or {}, sort_keys=True)),
        "seed": np.array(int((recipe or {}).get("seed", -1))),
        "validation_accuracy": np.array(
            np.nan if validation_accuracy is None else validation_accuracy
        ),
    }
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        arrays[f"W{i}"] = w
        arrays[f"b{i}"] = b
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez_compressed(handle, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_weights(path: str | Path) -> WeightsFile:
    """Read and check a weights file; any problem names the file and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise NetworkInputError(f"{path}: weights file not found")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise NetworkInputError(f"{path}: not a readable .npz weights file ({exc})") from exc
    for key in ("sizes", "activation", "W1", "b1"):
        if key not in arrays:
            raise NetworkInputError(f"{path}: missing array {key!r}")
    sizes = arrays["sizes"]
    if sizes.ndim != 1 or sizes.size < 2 or not np.issubdtype(sizes.dtype, np.integer):
        raise NetworkInputError(f"{path}: 'sizes' must be a list of integers, got {sizes!r}")
    weights, biases = [], []
    for i in range(1, len(sizes)):
        for key in (f"W{i}", f"b{i}"):
            if key not in arrays:
                raise NetworkInputError(f"{path}: missing array {key!r}")
            if not np.issubdtype(arrays[key].dtype, np.floating):
                raise NetworkInputError(
                    f"{path}: {key} has dtype {arrays[key].dtype}; expected floating point"
                )
            if not np.all(np.isfinite(arrays[key])):
                raise NetworkInputError(f"{path}: {key} contains NaN or inf")
        w, b = arrays[f"W{i}"], arrays[f"b{i}"]
        expected = (int(sizes[i]), int(sizes[i - 1]))
        if w.shape != expected or b.shape != (expected[0],):
            raise NetworkInputError(
                f"{path}: W{i} has shape {w.shape} and b{i} {b.shape}; the recorded sizes "
                f"{tuple(int(s) for s in sizes)} need {expected} and ({expected[0]},)"
            )
        weights.append(w)
        biases.append(b)
    try:
        net = Network(weights, biases, activation=str(arrays["activation"]))
        recipe = json.loads(str(arrays.get("recipe", "{}")))
    except (NetworkInputError, json.JSONDecodeError) as exc:
        raise NetworkInputError(f"{path}: {exc}") from exc
    accuracy = float(arrays.get("validation_accuracy", np.nan))
    return WeightsFile(
        network=net,
        recipe=recipe,
        validation_accuracy=None if np.isnan(accuracy) else accuracy,
        path=path,
    )
