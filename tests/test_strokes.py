"""network/strokes.py: pieces partition the ink; little edges follow the ink's direction."""

from __future__ import annotations

import numpy as np
import pytest

from network.errors import NetworkInputError
from network.strokes import PIECES, Region, ink_bounds, piece_masks, tile_strokes


def bar(horizontal: bool) -> np.ndarray:
    image = np.zeros((28, 28))
    if horizontal:
        image[13:15, 4:24] = 1.0
    else:
        image[4:24, 13:15] = 1.0
    return image.reshape(-1)


def test_pieces_split_the_ink_without_overlap_or_loss() -> None:
    image = np.zeros((28, 28))
    image[4:24, 10:18] = 0.9
    masks = piece_masks(image, PIECES[4])
    total = np.sum(masks, axis=0)
    assert np.array_equal(total, image > 0.35)  # every ink pixel in exactly one piece
    top, bottom, left, right = ink_bounds(image)
    assert (top, bottom, left, right) == (4, 24, 10, 18)
    upper, lower = piece_masks(image, (Region("top", 0, 0.5), Region("bottom", 0.5, 1)))
    assert np.flatnonzero(upper.any(axis=1)).max() < np.flatnonzero(lower.any(axis=1)).min()


@pytest.mark.parametrize(("horizontal", "angle"), [(True, 0.0), (False, np.pi / 2)])
def test_strokes_of_a_bar_point_along_it(horizontal: bool, angle: float) -> None:
    strokes = tile_strokes(bar(horizontal), tile=4)
    assert strokes
    for s in strokes:
        assert abs(np.sin(s.angle - angle)) < 1e-6  # same line, either direction


def test_strokes_respect_the_mask_and_skip_faint_tiles() -> None:
    image = bar(True)
    mask = np.zeros((28, 28), dtype=bool)
    mask[:, :12] = True
    inside = tile_strokes(image, mask)
    assert inside and all(s.col < 12 for s in inside)
    assert tile_strokes(image * 0.05) == []


def test_blank_or_wrong_size_image_is_refused() -> None:
    with pytest.raises(NetworkInputError, match="no ink"):
        ink_bounds(np.zeros(784))
    with pytest.raises(NetworkInputError, match="784"):
        tile_strokes(np.zeros(100))
