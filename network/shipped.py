"""The weights the project ships and the recipes that produced them.

``python -m network train --activation sigmoid`` (or ``relu``) reruns the recipe
below on the bundled training split and reproduces the recorded accuracy.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from network.data import Digits, load_bundled, train_validation_split
from network.model import DEFAULT_SIZES
from network.shapes import dashed
from network.training import Recipe

__all__ = [
    "SHIPPED_RECIPES",
    "SHIPPED_WEIGHTS",
    "VALIDATION_FRACTION",
    "VALIDATION_SEED",
    "bundled_split",
    "weights_path",
]

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"


def weights_path(activation: str, sizes: tuple[int, ...] = DEFAULT_SIZES) -> Path:
    """Where ``train`` writes a network unless told otherwise: named by what it is."""
    return WEIGHTS_DIR / f"{activation}-{dashed(sizes)}.npz"


SHIPPED_WEIGHTS: dict[str, Path] = {a: weights_path(a) for a in ("sigmoid", "relu")}

#: What both recipes share; each sets its own learning rate, batch size and momentum.
_SHARED = Recipe(
    epochs=60,
    lr_decay=0.97,
    cost="cross-entropy",
    l2=1e-4,
    augment=True,
    max_shift=1.0,
    max_rotation=6.0,
    max_scale=0.1,
    max_shear=10.0,
    max_elastic=1.5,
    seed=0,
)

# Chosen by 5- and 10-fold cross-validation (``python -m network evaluate
# --cross-validate K``): sigmoid learns best with momentum on batches of 20, ReLU with
# plain SGD on batches of 10 (momentum made it worse).
SHIPPED_RECIPES: dict[str, Recipe] = {
    "sigmoid": replace(_SHARED, learning_rate=0.05, batch_size=20, momentum=0.9),
    "relu": replace(_SHARED, learning_rate=0.1, batch_size=10, momentum=0.0),
}

VALIDATION_FRACTION = 0.1
VALIDATION_SEED = 0


def bundled_split() -> tuple[Digits, Digits]:
    """The bundled digits as (train, validation): the split every accuracy figure uses."""
    digits = load_bundled()
    train_rows, val_rows = train_validation_split(
        digits.labels, VALIDATION_FRACTION, VALIDATION_SEED
    )
    return digits.subset(train_rows), digits.subset(val_rows)
