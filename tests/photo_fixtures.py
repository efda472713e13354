"""Phone photos of real digits, made on the spot: the fixtures of ``tests/test_photo.py``.

A bundled MNIST digit is drawn with a pen on paper at page size and photographed the
ways a phone does it badly: light falling unevenly, the picture stored sideways with
an EXIF orientation tag, coloured ink on off-white paper, thin and thick pens, a small
digit on a big page, hard JPEG compression, ruled and squared paper. Nothing is
stored: every picture is made from the digit, a condition and a seed, so the tests
and the contact sheet (``benchmarks/photo_sheet.py``) see the same photos.

How a photo is made, and why: the 28×28 digit is enlarged (Lanczos) and cut at half
grey into the shape a pen would leave (its stroke as wide, relative to its size, as
MNIST's); the pen's edge is softened a little, as a lens does; the ink is laid on the
paper by coverage (a pixel half covered is half ink colour); the paper's printed
lines, if any, are laid first, under the ink; the light multiplies everything; sensor
noise is added last, then the picture is saved as a phone would (JPEG).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage, special
from skimage.morphology import dilation, disk, skeletonize

__all__ = ["CONDITIONS", "PAPER", "PRINTED_BLUE", "Photo", "pen_shape", "photograph", "save_photo"]

PAPER = (236, 233, 224)  # an off-white, slightly warm sheet
BLACK_PEN = (32, 33, 40)
BLUE_PEN = (28, 52, 150)  # a blue ballpoint
RED_PEN = (190, 32, 40)
PRINTED_BLUE = (150, 185, 225)  # the pale blue of ruled and squared exercise paper
MARGIN_RED = (225, 120, 125)
MNIST_PEN = 0.107  # MNIST's median stroke width, as a fraction of the digit's height
ORIENTATION = 0x0112  # the EXIF tag a phone writes instead of turning the pixels


@dataclass(frozen=True)
class Photo:
    """How one photo is taken: page size, where and how large the digit is, and what
    goes wrong. ``pen``, when set, is the pen's width as a fraction of the digit's
    height (MNIST's own strokes are about ``MNIST_PEN`` of it); see :func:`pen_shape`."""

    page: tuple[int, int] = (800, 600)  # height, width
    digit_height: int = 350
    centre: tuple[float, float] = (0.5, 0.5)  # fraction of the page (row, column)
    ink: tuple[int, int, int] = BLACK_PEN
    pen: float | None = None
    shadow: bool = False
    lines: str = ""  # "", "ruled" or "squared"
    orientation: int = 1  # EXIF orientation: 1 upright, 6 or 8 stored sideways
    quality: int = 90
    noise: float = 2.5  # sensor noise, standard deviation in 8-bit steps


CONDITIONS: dict[str, Callable[[int], Photo]] = {
    "plain": lambda k: Photo(),
    "uneven light": lambda k: Photo(shadow=True),
    "EXIF rotation": lambda k: Photo(orientation=(6, 8)[k % 2]),
    "blue ink": lambda k: Photo(ink=BLUE_PEN),
    "red ink": lambda k: Photo(ink=RED_PEN),
    "thin pen": lambda k: Photo(pen=0.035),
    "thick pen": lambda k: Photo(pen=0.24),
    "small on a big page": lambda k: Photo(
        page=(1600, 1200), digit_height=160, centre=((0.35, 0.6), (0.62, 0.4))[k % 2]
    ),
    "JPEG at quality 25": lambda k: Photo(quality=25, noise=4.0),
    "ruled paper": lambda k: Photo(lines="ruled"),
    "squared paper": lambda k: Photo(lines="squared"),
}


def pen_shape(pixels: np.ndarray, height: int, pen: float | None = None) -> np.ndarray:
    """The digit as the area a pen covers, about ``height`` pixels tall: MNIST's 28×28
    enlarged and cut at half grey. With ``pen`` (a width as a fraction of the height), a
    thicker pen dilates that shape by the difference (a round tip); a thinner one draws
    its centre line (skeleton) again with a round tip that wide — a thin pen stays one
    unbroken stroke, as a real one does, where eroding would break the digit apart."""
    grey = Image.fromarray(np.round(pixels.reshape(28, 28) * 255).astype(np.uint8))
    side = round(height * 28 / 20)  # MNIST's digits fill a 20-pixel box of the 28
    big = np.asarray(grey.resize((side, side), Image.Resampling.LANCZOS)) > 127
    rows, cols = np.flatnonzero(big.any(axis=1)), np.flatnonzero(big.any(axis=0))
    shape = big[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    if pen is not None and pen > MNIST_PEN:
        radius = round((pen - MNIST_PEN) * height / 2)
        shape = dilation(np.pad(shape, radius + 1), disk(radius, decomposition="sequence"))
    elif pen is not None:
        radius = max(0, round(pen * height / 2))
        shape = dilation(skeletonize(np.pad(shape, radius + 1)), disk(radius))
    return shape


def _coverage(shape: np.ndarray, photo: Photo) -> np.ndarray:
    """How much of each page pixel the pen covers, the digit placed at ``photo.centre``
    (its edge softened as a lens does; computed around the digit only, for speed)."""
    height, width = photo.page
    soft = ndimage.gaussian_filter(np.pad(shape, 4).astype(np.float32), 1.2)
    top = round(photo.centre[0] * height - soft.shape[0] / 2)
    left = round(photo.centre[1] * width - soft.shape[1] / 2)
    cover = np.zeros(photo.page, dtype=np.float32)
    cover[top : top + soft.shape[0], left : left + soft.shape[1]] = soft
    return cover


def _sheet(photo: Photo) -> np.ndarray:
    """The paper before the ink, RGB: plain, ruled (a pale blue line every 8 mm at
    ~9 px/mm, and a red margin) or squared (a 5 mm grid)."""
    height, width = photo.page
    sheet = np.empty((height, width, 3), dtype=np.float32)
    sheet[...] = PAPER
    if not photo.lines:
        return sheet
    across = np.zeros(height, dtype=np.float32)
    down = np.zeros(width, dtype=np.float32)
    if photo.lines == "ruled":
        across[(np.arange(height) + 30) % 72 < 3] = 1.0
    else:
        across[(np.arange(height) + 7) % 45 < 2] = 1.0
        down[(np.arange(width) + 19) % 45 < 2] = 1.0
    blur = lambda v: np.clip(ndimage.gaussian_filter1d(v, 0.7) * 1.3, 0.0, 1.0)  # noqa: E731
    printed = np.maximum(blur(across)[:, None], blur(down)[None, :])[..., None]
    sheet = sheet * (1 - printed) + np.array(PRINTED_BLUE, dtype=np.float32) * printed
    if photo.lines == "ruled":
        margin = np.zeros(width, dtype=np.float32)
        margin[round(width * 0.12) : round(width * 0.12) + 3] = 1.0
        red = blur(margin)[None, :, None]
        sheet = sheet * (1 - red) + np.array(MARGIN_RED, dtype=np.float32) * red
    return sheet


def _light(photo: Photo) -> np.ndarray:
    """The light on the page: even, or falling off across it with a hand's soft shadow
    over one side (a step to 55 % of the light, its edge soft over ~5 % of the page)."""
    height, width = photo.page
    if not photo.shadow:
        return np.ones((height, width), dtype=np.float32)
    rows = (np.arange(height, dtype=np.float32) / max(photo.page))[:, None]
    cols = (np.arange(width, dtype=np.float32) / max(photo.page))[None, :]
    falloff = 1.0 - 0.3 * (rows + cols) / ((height + width) / max(photo.page))
    # A straight shadow edge blurred by a Gaussian is an error function of the distance
    # to it: computed directly, where blurring a page-sized step would take long.
    distance = (cols + rows * 0.35 - 0.55) / math.hypot(1.0, 0.35)
    edge = 0.5 * (1.0 + special.erf(distance / (0.025 * math.sqrt(2.0))))
    return np.asarray(falloff * (1.0 - 0.45 * edge), dtype=np.float32)


def photograph(pixels: np.ndarray, photo: Photo, seed: int = 0) -> Image.Image:
    """The photo of the digit ``pixels`` (784 values) as ``photo`` says: upright RGB."""
    cover = _coverage(pen_shape(pixels, photo.digit_height, photo.pen), photo)[..., None]
    inked = _sheet(photo) * (1 - cover) + np.array(photo.ink, dtype=np.float32) * cover
    lit = inked * _light(photo)[..., None]
    noise = np.random.default_rng(seed).standard_normal(lit.shape, dtype=np.float32)
    noisy = lit + photo.noise * noise
    return Image.fromarray(np.clip(np.round(noisy), 0, 255).astype(np.uint8))


def save_photo(path: Path, pixels: np.ndarray, photo: Photo, seed: int = 0) -> Path:
    """Write the photo as a phone would: JPEG, turned sideways with an orientation tag
    when ``photo.orientation`` says so (6: the stored pixels must be turned 90° clockwise
    to stand upright; 8: counter-clockwise)."""
    upright = photograph(pixels, replace(photo, orientation=1), seed)
    exif = Image.Exif()
    stored = upright
    if photo.orientation == 6:
        stored = upright.transpose(Image.Transpose.ROTATE_90)
    elif photo.orientation == 8:
        stored = upright.transpose(Image.Transpose.ROTATE_270)
    exif[ORIENTATION] = photo.orientation
    stored.save(path, "JPEG", quality=photo.quality, exif=exif.tobytes())
    return path
