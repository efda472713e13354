"""A user's own picture of a digit, turned into a 28×28 input the way MNIST made its digits.

MNIST: white ink on black, the digit fitted into a 20×20 box keeping its aspect
ratio, then placed so its centre of mass sits at the centre of the 28×28 field.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError
from scipy import ndimage

from network.data import IMAGE_SIDE
from network.errors import NetworkInputError

__all__ = ["load_user_digit", "mnist_style"]

BOX = 20
INK_THRESHOLD = 0.1


def load_user_digit(path: str | Path) -> np.ndarray:
    """The image at ``path`` (PNG/JPG, any size) as 784 grey values in [0, 1]."""
    path = Path(path)
    if not path.is_file():
        raise NetworkInputError(f"{path}: image file not found")
    try:
        with Image.open(path) as img:
            img.load()
            grey = np.asarray(img.convert("L"), dtype=float) / 255.0
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise NetworkInputError(f"{path}: not an image Pillow can read ({exc})") from exc
    try:
        return mnist_style(grey)
    except NetworkInputError as exc:
        raise NetworkInputError(f"{path}: {exc}") from exc


def mnist_style(grey: np.ndarray) -> np.ndarray:
    """A grey image (0 black … 1 white) of any size as a centred 28×28 MNIST-like digit."""
    grey = np.asarray(grey, dtype=float)
    if grey.ndim != 2 or min(grey.shape) < 2:
        raise NetworkInputError(f"expected a 2-D grey image, got shape {grey.shape}")
    if not np.all(np.isfinite(grey)):
        raise NetworkInputError("image contains NaN or inf")
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    ink = 1.0 - grey if np.median(border) > 0.5 else grey.copy()  # make the ink bright
    ink = np.clip(ink - np.median(border if np.median(border) <= 0.5 else 1.0 - border), 0, None)
    if ink.max() <= INK_THRESHOLD:
        raise NetworkInputError("no ink found: the image is blank")
    ink /= ink.max()
    rows = np.flatnonzero((ink > INK_THRESHOLD).any(axis=1))
    cols = np.flatnonzero((ink > INK_THRESHOLD).any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    scale = BOX / max(crop.shape)
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    small = np.asarray(
        Image.fromarray((crop * 255).astype(np.uint8)).resize(size, Image.Resampling.LANCZOS),
        dtype=float,
    )
    small = np.clip(small / 255.0, 0.0, 1.0)
    field = np.zeros((IMAGE_SIDE, IMAGE_SIDE))
    top = (IMAGE_SIDE - small.shape[0]) // 2
    left = (IMAGE_SIDE - small.shape[1]) // 2
    field[top : top + small.shape[0], left : left + small.shape[1]] = small
    com_r, com_c = ndimage.center_of_mass(field)
    centre = (IMAGE_SIDE - 1) / 2.0
    field = ndimage.shift(field, (centre - com_r, centre - com_c), order=1, mode="constant")
    return np.clip(field, 0.0, 1.0).reshape(-1)
