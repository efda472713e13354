"""The weights the project ships and the recipes that produced them.

``python -m network train --activation sigmoid`` (or ``relu``) reruns the recipe
below on the bundled training split and reproduces the recorded accuracy.
"""

from __future__ import annotations

from pathlib import Path

from network.training import Recipe

__all__ = ["SHIPPED_RECIPES", "SHIPPED_WEIGHTS", "VALIDATION_FRACTION", "VALIDATION_SEED"]

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"

SHIPPED_WEIGHTS: dict[str, Path] = {
    "sigmoid": WEIGHTS_DIR / "sigmoid-784-16-16-10.npz",
    "relu": WEIGHTS_DIR / "relu-784-16-16-10.npz",
}

SHIPPED_RECIPES: dict[str, Recipe] = {
    "sigmoid": Recipe(),
    "relu": Recipe(),
}

VALIDATION_FRACTION = 0.1
VALIDATION_SEED = 0
