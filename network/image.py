"""A user's own picture of a digit, turned into a 28×28 input the way MNIST made its digits.

MNIST: white ink on black, the digit fitted into a 20×20 box keeping its aspect
ratio, then placed so its centre of mass sits at the centre of the 28×28 field.

A phone photo is first stood upright (its EXIF orientation tag), then, unless it is
already as clean as a drawing, reduced to the digit's ink alone by ``network.photo``:
paper, shadows, printed lines and specks taken away, the stroke brought to MNIST's
width. A picture that needs none of that is read exactly as before.

Reading the picture is where arbitrary files meet the network, so it is guarded:
the size is checked from the header before anything is decoded, animations are
refused rather than silently cut to their first frame, 16-bit and floating-point
pictures are scaled by what their values mean (not clipped at 255), and ink drawn
only in the alpha channel is composited onto paper before it is read.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from scipy import ndimage

from network.data import IMAGE_SIDE
from network.errors import NetworkInputError
from network.photo import PHOTO_MIN_SIDE, find_digit

__all__ = [
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SIDE",
    "Picture",
    "load_user_digit",
    "mnist_style",
    "read_grey",
    "read_picture",
    "readable",
]

BOX = 20
INK_THRESHOLD = 0.1

#: Pictures up to MAX_IMAGE_SIDE² pixels are read; the limit is checked from the header,
#: before decoding, so a tiny file declaring a huge canvas cannot exhaust memory.
MAX_IMAGE_SIDE = 4096
MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE
SIZE_LIMIT = f"{MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} = {MAX_IMAGE_PIXELS / 1e6:.1f} megapixels"

#: Larger pictures are shrunk (by whole-pixel averaging) to at most this many pixels on
#: the long side before they become floats: the digit ends up in a 20-pixel box anyway.
WORKING_SIDE = 1024
MIN_SIDE = 2
SIXTEEN_BIT_MAX = 65535
_SCALE = {"L": 255.0, "I": float(SIXTEEN_BIT_MAX), "F": 1.0}


def load_user_digit(path: str | Path) -> np.ndarray:
    """The image at ``path`` (PNG/JPG/…, any size up to the limit) as 784 grey values in [0, 1]."""
    path = Path(path)
    picture = read_picture(path)
    try:
        return mnist_style(readable(picture))
    except NetworkInputError as exc:
        raise NetworkInputError(f"{path}: {exc}") from exc


@dataclass(frozen=True)
class Picture:
    """A decoded picture: ``grey`` (``H×W``, 0 black … 1 white, what :func:`read_grey`
    returns) and, for a picture in colour, ``colour`` (``H×W×3`` in [0, 1], laid on the
    same paper where it was transparent); None for a grey one."""

    grey: np.ndarray
    colour: np.ndarray | None = None


def readable(picture: Picture) -> np.ndarray:
    """The picture as ``mnist_style`` should read it: itself when the plain reading sees
    its digit and nothing else (a clean drawing: read exactly as before), else the
    digit's ink alone, found by ``network.photo`` (a photo: paper, light, lines and
    specks taken away, stroke brought to MNIST's width).

    Raises
    ------
    NetworkInputError
        When there is no ink (a blank picture), or no digit stands out from the paper.
    """
    grey = picture.grey
    if min(grey.shape) < PHOTO_MIN_SIDE:
        return grey
    try:
        plain: np.ndarray | None = _bright_ink(_grey_array(grey))
    except NetworkInputError as blank:  # no ink at all; faint or coloured ink may still be
        plain, nothing = None, blank
    try:
        found = find_digit(grey, picture.colour)
    except NetworkInputError:
        if plain is None:
            raise nothing from None
        raise
    return grey if plain is not None and found.reads_like(plain) else found.canvas()


def read_grey(path: str | Path) -> np.ndarray:
    """The still image at ``path`` as a 2-D float array, 0 black … 1 white.

    Raises
    ------
    NetworkInputError
        Naming the file, for anything that is not one readable still image within
        the size limit: missing files, unknown or corrupt bytes, animations,
        16-bit values outside 0–65535, floats outside [0, 1], NaN or inf.
    """
    return read_picture(path).grey


def read_picture(path: str | Path) -> Picture:
    """The still image at ``path``, stood upright, in grey and (if it has colour) in colour.

    The EXIF orientation tag is applied first: a phone stores its photo sideways and
    says so in the tag, and read without it a 6 is a sideways 6.

    Raises
    ------
    NetworkInputError
        As :func:`read_grey`.
    """
    path = Path(path)
    if not path.is_file():
        raise NetworkInputError(f"{path}: image file not found")
    with _pillow_errors(path), Image.open(path) as img:
        _check_size(img.size, path)
        _check_still(img, path)
        img.load()
        upright = ImageOps.exif_transpose(img)
        grey = _as_grey(_shrunk(_normalised(upright, path)), path)
        colour = _as_colour(upright, grey)
        return Picture(grey, colour)


@contextmanager
def _pillow_errors(path: Path) -> Iterator[None]:
    """Turn whatever Pillow raises on hostile bytes into one error naming the file.

    Pillow's parsers are fed arbitrary files here, and on malformed input they raise
    many exception types (SyntaxError, struct.error, IndexError, TypeError, OSError,
    ValueError, …), so everything but our own error is caught. Pillow's warnings
    (corrupt metadata, large images) are silenced: the size limit is ours, and a
    warning would add lines to the command line's one-line error report.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except NetworkInputError:
            raise
        except Image.DecompressionBombError as exc:
            raise NetworkInputError(
                f"{path}: image is too large for Pillow to open; the limit is {SIZE_LIMIT}"
                " — scale it down first"
            ) from exc
        except UnidentifiedImageError as exc:
            raise NetworkInputError(
                f"{path}: not an image Pillow can read (unknown or unsupported format)"
            ) from exc
        except Exception as exc:
            reason = str(exc) or "no details"
            raise NetworkInputError(
                f"{path}: not an image Pillow can read (damaged or unsupported: "
                f"{type(exc).__name__}: {reason})"
            ) from exc


def _check_size(size: tuple[int, int], path: Path) -> None:
    """Refuse, from the header alone, canvases too large to decode or too small to hold ink."""
    width, height = size
    if width * height > MAX_IMAGE_PIXELS:
        raise NetworkInputError(
            f"{path}: image is {width}×{height} pixels ({width * height / 1e6:.1f} megapixels); "
            f"the limit is {SIZE_LIMIT} — scale it down first"
        )
    if min(width, height) < MIN_SIDE:
        raise NetworkInputError(
            f"{path}: image is {width}×{height} pixels; a digit needs at least "
            f"{MIN_SIDE}×{MIN_SIDE}"
        )


def _check_still(img: Image.Image, path: Path) -> None:
    """Refuse animations and multi-page files instead of silently reading frame 1.

    MPO (a JPEG that carries extra views or previews after its main picture) is the
    exception: its first frame *is* the photo, by definition of the format.
    """
    frames = getattr(img, "n_frames", 1)
    if frames != 1 and img.format != "MPO":
        raise NetworkInputError(
            f"{path}: has {frames} frames (an animation or a multi-page file); "
            "save the one frame you mean as a still image"
        )


def _normalised(img: Image.Image, path: Path) -> Image.Image:
    """The decoded image in one of four modes whose values have a known scale.

    ``L`` (8-bit grey), ``LA`` (8-bit grey with alpha, still to be composited),
    ``I`` (16-bit grey, values 0–65535) or ``F`` (floats, checked to lie in [0, 1]).
    Converting 16-bit or float images straight to ``L`` would clip them at 255.
    """
    if img.mode == "F":
        _check_floats(np.asarray(img), path)
        return img
    if img.mode == "I" or img.mode.startswith("I;"):
        sixteen = img.convert("I")
        _check_sixteen_bit(sixteen, path)
        key = img.info.get("transparency")
        return _keyed_to_la(sixteen, key) if isinstance(key, int) else sixteen
    if img.mode == "LA":
        return img
    try:
        if img.has_transparency_data:
            return img.convert("RGBA").convert("LA")
        return img.convert("L")
    except ValueError as exc:  # modes such as LAB have no conversion to grey in Pillow
        raise NetworkInputError(
            f"{path}: Pillow cannot turn its {img.mode} colour mode into grey ({exc}); "
            "save the picture as RGB or greyscale"
        ) from exc


def _check_floats(values: np.ndarray, path: Path) -> None:
    if not np.all(np.isfinite(values)):
        raise NetworkInputError(f"{path}: floating-point image contains NaN or inf")
    low, high = float(values.min()), float(values.max())
    if low < 0.0 or high > 1.0:
        raise NetworkInputError(
            f"{path}: floating-point image values must lie in [0, 1] (0 black, 1 white); "
            f"this one ranges from {low:g} to {high:g}"
        )


def _check_sixteen_bit(img: Image.Image, path: Path) -> None:
    low, high = img.getextrema()
    if isinstance(low, tuple) or isinstance(high, tuple):  # one (low, high) per band
        raise NetworkInputError(f"{path}: expected one grey channel, found mode {img.mode}")
    if low < 0 or high > SIXTEEN_BIT_MAX:
        raise NetworkInputError(
            f"{path}: integer image values must lie in 0–{SIXTEEN_BIT_MAX} (16-bit grey); "
            f"this one ranges from {low} to {high}"
        )


def _keyed_to_la(img: Image.Image, key: int) -> Image.Image:
    """A 16-bit grey image whose transparency is one key value, as 8-bit grey + alpha."""
    values = np.asarray(img)
    grey = np.round(values * (255 / SIXTEEN_BIT_MAX)).astype(np.uint8)
    alpha = np.where(values == key, 0, 255).astype(np.uint8)
    return Image.merge("LA", [Image.fromarray(grey), Image.fromarray(alpha)])


def _shrunk(img: Image.Image) -> Image.Image:
    """Large images averaged down in Pillow, before they cost 8 bytes a pixel as floats.

    The factor never takes the short side below ``MIN_SIDE``; ``LA`` images are
    averaged with their alpha premultiplied (Pillow does this in ``reduce``).
    """
    long_side, short_side = max(img.size), min(img.size)
    factor = min(-(-long_side // WORKING_SIDE), short_side // MIN_SIDE)
    return img.reduce(factor) if factor > 1 else img


def _as_grey(img: Image.Image, path: Path) -> np.ndarray:
    if img.mode != "LA":
        return np.asarray(img, dtype=float) / _SCALE[img.mode]
    grey = np.asarray(img.getchannel("L"), dtype=np.int64)
    alpha = np.asarray(img.getchannel("A"), dtype=np.int64)
    if not alpha.any():
        raise NetworkInputError(f"{path}: no ink found: the image is fully transparent")
    return _on_paper(grey, alpha) / 255.0


def _as_colour(img: Image.Image, grey: np.ndarray) -> np.ndarray | None:
    """The picture in RGB, as floats in [0, 1], shrunk as its grey was; None unless it
    really has colour (a grey picture saved as RGB has none to add).

    Transparent pixels are laid on the paper its grey was laid on (white or black, as
    :func:`_on_paper` chose), so both versions show the same picture.
    """
    if img.mode not in ("RGB", "RGBA", "RGBX", "RGBa", "P", "PA", "CMYK", "YCbCr"):
        return None
    rgba = img.convert("RGBA")
    bands = rgba.split()
    if bands[0].tobytes() == bands[1].tobytes() == bands[2].tobytes():
        return None
    shrunk = _shrunk(rgba)
    rgba_values = np.asarray(shrunk)
    if rgba_values.shape[:2] != grey.shape:
        return None
    if rgba_values[..., 3].min() == 255:
        return rgba_values[..., :3] / np.float32(255)
    colour, alpha = rgba_values[..., :3].astype(np.int64), rgba_values[..., 3:].astype(np.int64)
    luma = np.asarray(shrunk.convert("L"), dtype=np.int64)
    paper = _paper_shade(luma, alpha[..., 0])
    return ((colour * alpha + paper * (255 - alpha) + 127) // 255) / np.float32(255)


def _on_paper(grey: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """8-bit grey ink with 8-bit alpha, laid on the paper colour that shows it.

    Ink drawn only in the alpha channel (black strokes on a transparent background,
    say) would read as blank if its colour were taken alone. The paper is white when
    the opaque pixels are dark on average (alpha-weighted), black when they are
    light, so white-on-transparent drawings work too. Integer arithmetic keeps an
    opaque pixel exactly as it was, so a flattened copy of the picture reads the same.
    """
    paper = _paper_shade(grey, alpha)
    return (grey * alpha + paper * (255 - alpha) + 127) // 255


def _paper_shade(grey: np.ndarray, alpha: np.ndarray) -> int:
    """White (255) when the opaque pixels are dark on average (alpha-weighted), else black."""
    dark_ink = (alpha * grey).sum() < (alpha.sum() * 255) / 2
    return 255 if dark_ink else 0


def mnist_style(grey: np.ndarray) -> np.ndarray:
    """A grey image (0 black … 1 white) of any size as a centred 28×28 MNIST-like digit."""
    ink = _bright_ink(_grey_array(grey))
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


def _bright_ink(grey: np.ndarray) -> np.ndarray:
    """The ink of a grey picture made bright on black, scaled to a maximum of 1: dark
    ink if the border is light, less the border's (the paper's) own level."""
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    ink = 1.0 - grey if np.median(border) > 0.5 else grey.copy()  # make the ink bright
    ink = np.clip(ink - np.median(border if np.median(border) <= 0.5 else 1.0 - border), 0, None)
    if ink.max() <= INK_THRESHOLD:
        raise NetworkInputError("no ink found: the image is blank")
    ink /= ink.max()
    return ink


def _grey_array(grey: np.ndarray) -> np.ndarray:
    """``grey`` as floats, refused unless it is a 2-D picture of values in [0, 1]."""
    try:
        grey = np.asarray(grey, dtype=float)
    except (TypeError, ValueError) as exc:
        raise NetworkInputError(f"expected a 2-D grey image of numbers ({exc})") from exc
    if grey.ndim != 2 or min(grey.shape) < MIN_SIDE:
        raise NetworkInputError(
            f"expected a 2-D grey image at least {MIN_SIDE}×{MIN_SIDE}, got shape {grey.shape}"
        )
    if not np.all(np.isfinite(grey)):
        raise NetworkInputError("image contains NaN or inf")
    if grey.min() < 0.0 or grey.max() > 1.0:
        raise NetworkInputError(
            f"grey values must lie in [0, 1] (0 black, 1 white); got {grey.min():g} "
            f"to {grey.max():g}"
        )
    return grey
