from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from network.errors import NetworkInputError
from network.image import load_user_digit


def _drawing(dark_on_light: bool) -> np.ndarray:
    canvas = np.zeros((300, 200))
    canvas[40:260, 90:120] = 1.0  # a tall "1", off-centre
    return 1.0 - canvas if dark_on_light else canvas


@pytest.mark.parametrize("dark_on_light", [True, False])
def test_user_image_becomes_a_centred_20px_mnist_digit(
    tmp_path: Path, dark_on_light: bool
) -> None:
    path = tmp_path / "one.png"
    Image.fromarray((_drawing(dark_on_light) * 255).astype(np.uint8)).save(path)
    pixels = load_user_digit(path)
    assert pixels.shape == (784,) and 0 <= pixels.min() and pixels.max() <= 1
    grid = pixels.reshape(28, 28)
    rows = np.flatnonzero(grid.max(axis=1) > 0.1)
    assert 19 <= rows[-1] - rows[0] + 1 <= 21  # fitted into the 20-pixel box
    r, c = ndimage.center_of_mass(grid)
    assert abs(r - 13.5) < 0.6 and abs(c - 13.5) < 0.6
    assert grid[0].max() == 0  # ink is bright, background black


def test_non_images_and_blank_images_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    with pytest.raises(NetworkInputError, match=r"notes\.png: not an image"):
        load_user_digit(text)
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    with pytest.raises(NetworkInputError, match=r"blank\.png: no ink"):
        load_user_digit(blank)
    with pytest.raises(NetworkInputError, match="not found"):
        load_user_digit(tmp_path / "missing.png")
