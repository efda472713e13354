"""Shared test set-up: the lecture's configuration pinned, golden-frame options.

Every test sees the lecture as it ships: whatever ``LECTURE_*`` variables the
user's shell exports (or ``manim.cfg``'s ``[lecture]`` says), the environment is
replaced by the embedded defaults before any test module is imported, and the
subprocesses the export tests start inherit it. A test that wants another
digit, palette or network sets it itself with ``monkeypatch``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scenes.config import pinned_environ

_pinned = pinned_environ(os.environ)
os.environ.clear()
os.environ.update(_pinned)

#: Under pytest-xdist (``make test`` runs a worker per core), each worker typesets into
#: caches of its own: two workers writing the same LaTeX or Pango file at once could
#: each read the other's half-written one.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    from manim import config as _manim_config

    _manim_config.media_dir = str(Path(__file__).resolve().parent.parent / "media" / _WORKER)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--set_test",
        action="store_true",
        default=False,
        help="write the golden frames instead of comparing against them",
    )
    parser.addoption(
        "--show_diff",
        action="store_true",
        default=False,
        help="show a diff image when a golden frame does not match",
    )


# -- networks of other shapes ----------------------------------------------------------

#: Hidden-layer shapes every scene must draw besides the shipped 16-16: one wide layer
#: (drawn elided, with more first-layer grids than the shipped lecture) and three layers.
OTHER_SHAPES: dict[str, tuple[int, ...]] = {"32": (32,), "16-16-16": (16, 16, 16)}
#: Epochs for the test networks: enough to read most digits, a second or two each.
SHAPE_EPOCHS = 6


@pytest.fixture(scope="session")
def shape_weights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Sigmoid and ReLU networks of every shape in ``OTHER_SHAPES``, trained once per run
    with the shipped recipes cut short, as weights files: ``[shape][activation]``."""
    from network.model import Network
    from network.shapes import sizes_with_hidden
    from network.shipped import SHIPPED_RECIPES, bundled_split
    from network.training import train
    from network.weights_io import save_weights

    folder = tmp_path_factory.mktemp("shapes")
    train_set = bundled_split()[0]
    files: dict[str, dict[str, Path]] = {}
    for name, hidden in OTHER_SHAPES.items():
        files[name] = {}
        for activation, recipe in SHIPPED_RECIPES.items():
            net = Network.initialised(sizes_with_hidden(hidden), activation, seed=0)
            train(net, train_set, dataclasses.replace(recipe, epochs=SHAPE_EPOCHS))
            files[name][activation] = save_weights(folder / f"{activation}-{name}.npz", net)
    return files


#: Bundled digits of several kinds (500 per label, in label order): 0, 3 (the shipped
#: one), 5, 7 and 8, so the sums, the featured neuron and what a plan picks differ.
DIGITS = ("120", "1524", "2600", "3700", "4100")


@pytest.fixture(params=DIGITS)
def digit_index(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Run the test with each of ``DIGITS`` as the lecture's digit; yields its index."""

    monkeypatch.setenv("LECTURE_DIGIT", request.param)
    yield int(request.param)


@pytest.fixture(params=["16-16", *OTHER_SHAPES])
def network_shape(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, shape_weights
) -> Iterator[str]:
    """Run the test with the shipped network ("16-16") and with each other shape: the
    lecture's sigmoid and ReLU networks both take that shape. Yields the shape's name."""

    if request.param != "16-16":
        monkeypatch.setenv("LECTURE_WEIGHTS", str(shape_weights[request.param]["sigmoid"]))
        monkeypatch.setenv("LECTURE_RELU_WEIGHTS", str(shape_weights[request.param]["relu"]))
    yield request.param


@pytest.fixture(scope="session")
def sweep_cases(shape_weights) -> list:
    """The wording sweep (``tests/sweep.py``): over a hundred lectures' inputs — the
    shipped networks over digits of every kind and users' images, and networks of every
    other shape, untrained and barely trained, over a few of them."""
    from sweep import barely_trained, cases, untrained

    from network.weights_io import load_weights

    networks = {
        name: (load_weights(f["sigmoid"]).network, load_weights(f["relu"]).network)
        for name, f in shape_weights.items()
    }
    networks["untrained"] = (untrained("sigmoid"), untrained("relu"))
    networks["barely trained"] = (barely_trained("sigmoid"), barely_trained("relu"))
    return list(cases(networks))
