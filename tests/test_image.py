from __future__ import annotations

import io
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from scipy import ndimage

from network.data import load_bundled
from network.errors import NetworkInputError
from network.image import load_user_digit, read_grey


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


# --- bad files: each refused with one NetworkInputError naming the file and the problem ---


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a canvas in its header but holds no pixels: what a header-first
    size check must refuse without decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _stroke(dtype: type = np.uint8, high: float = 255) -> np.ndarray:
    canvas = np.zeros((40, 30), dtype=dtype)
    canvas[5:35, 12:18] = high
    return canvas


def _frames(path: Path, fmt: str, count: int) -> None:
    frames = [Image.fromarray(_stroke() // (k + 1)) for k in range(count)]
    frames[0].save(path, fmt, save_all=True, append_images=frames[1:])


BAD_IMAGES = {
    "text.png": (lambda p: p.write_text("not an image"), "not an image Pillow can read"),
    "empty.png": (lambda p: p.write_bytes(b""), "not an image Pillow can read"),
    "cut.png": (
        lambda p: p.write_bytes(_png_bytes(Image.effect_noise((60, 60), 64))[:1000]),
        "not an image Pillow can read (damaged or unsupported: ",
    ),
    "bomb.png": (
        lambda p: p.write_bytes(_png_header_only(20000, 20000)),
        "too large for Pillow to open; the limit is 4096×4096 = 16.8 megapixels",
    ),
    "huge.png": (
        lambda p: p.write_bytes(_png_header_only(13000, 13000)),
        "image is 13000×13000 pixels (169.0 megapixels); the limit is 4096×4096",
    ),
    "thin.png": (
        lambda p: Image.new("L", (50, 1)).save(p),
        "image is 50×1 pixels; a digit needs at least 2×2",
    ),
    "anim.gif": (lambda p: _frames(p, "GIF", 3), "has 3 frames"),
    "pages.tiff": (lambda p: _frames(p, "TIFF", 2), "has 2 frames"),
    "anim.webp": (lambda p: _frames(p, "WEBP", 2), "has 2 frames"),
    "anim.png": (lambda p: _frames(p, "PNG", 2), "has 2 frames"),
    "bright.tiff": (
        lambda p: Image.fromarray(_stroke(np.float32, 3.0)).save(p),
        "floating-point image values must lie in [0, 1] (0 black, 1 white); "
        "this one ranges from 0 to 3",
    ),
    "nan.tiff": (
        lambda p: Image.fromarray(_stroke(np.float32, np.nan)).save(p),
        "floating-point image contains NaN or inf",
    ),
    "deep.tiff": (
        lambda p: Image.fromarray(_stroke(np.int32, 70000)).save(p),
        "integer image values must lie in 0–65535 (16-bit grey); this one ranges from 0 to 70000",
    ),
    "clear.png": (
        lambda p: Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(p),
        "no ink found: the image is fully transparent",
    ),
    "lab.tiff": (
        lambda p: Image.new("LAB", (30, 30)).save(p),
        "Pillow cannot turn its LAB colour mode into grey",
    ),
    "blank.png": (lambda p: Image.new("L", (50, 50), 255).save(p), "no ink found"),
}


def _png_bytes(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_bad_image_files_are_refused_naming_file_and_problem(tmp_path: Path, name: str) -> None:
    make, message = BAD_IMAGES[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(NetworkInputError) as info:
        load_user_digit(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


# --- the same digit, stored in other ways, reads the same ---


def _bundled_digit(row: int) -> np.ndarray:
    return np.round(load_bundled().images[row].reshape(28, 28) * 255).astype(np.uint8)


def _alpha_only(grey: np.ndarray, ink: int, mode: str) -> Image.Image:
    """The digit's ink drawn only in the alpha channel, in colour ``ink``, on nothing."""
    colour = Image.new("L", grey.shape[::-1], ink)
    bands = [colour] * (3 if mode == "RGBA" else 1)
    return Image.merge(mode, [*bands, Image.fromarray(grey)])


def _transparent_palette(grey: np.ndarray) -> Image.Image:
    """Ink on palette entry 1, background on entry 0 marked transparent; both are black,
    so only the transparency tells them apart."""
    img = Image.new("P", grey.shape[::-1], 0)
    img.putpalette([0, 0, 0, 0, 0, 0])
    img.putdata((grey > 127).astype(np.uint8).reshape(-1).tolist())
    img.info["transparency"] = 0
    return img


# Each variant, and the plain 8-bit picture it shows when flattened (white ink on
# black unless the variant draws dark ink, which shows on white paper).
VARIANTS = {
    "16-bit": (lambda g: Image.fromarray(g.astype(np.uint16) * 257), lambda g: g),
    "32-bit int": (lambda g: Image.fromarray(g.astype(np.int32) * 257), lambda g: g),
    "float": (lambda g: Image.fromarray(g.astype(np.float32) / 255), lambda g: g),
    "RGBA black ink": (lambda g: _alpha_only(g, 0, "RGBA"), lambda g: 255 - g),
    "RGBA white ink": (lambda g: _alpha_only(g, 255, "RGBA"), lambda g: g),
    "LA black ink": (lambda g: _alpha_only(g, 0, "LA"), lambda g: 255 - g),
    "LA white ink": (lambda g: _alpha_only(g, 255, "LA"), lambda g: g),
    "P transparent": (
        _transparent_palette,
        lambda g: np.where(g > 127, 0, 255).astype(np.uint8),
    ),
}


@pytest.mark.parametrize("row", [0, 1524, 4999])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_deep_float_and_alpha_digits_read_as_their_8_bit_picture(
    tmp_path: Path, variant: str, row: int
) -> None:
    make, flattened = VARIANTS[variant]
    grey = _bundled_digit(row)
    suffix = ".tiff" if variant in ("float", "32-bit int") else ".png"
    stored, plain = tmp_path / f"variant{suffix}", tmp_path / "plain.png"
    make(grey).save(stored)
    Image.fromarray(flattened(grey)).save(plain)
    np.testing.assert_allclose(load_user_digit(stored), load_user_digit(plain), atol=1 / 255)


def test_a_16_bit_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    """Grey 0.4 stored in 16 bits is 26214, which convert("L") would clip to white."""
    canvas = np.full((40, 30), 26214, dtype=np.uint16)
    canvas[5:35, 12:18] = 0
    Image.fromarray(canvas).save(tmp_path / "deep.png")
    assert read_grey(tmp_path / "deep.png").max() == pytest.approx(0.4)


def test_large_images_are_shrunk_before_reading_and_read_like_small_ones(tmp_path: Path) -> None:
    small = Image.fromarray(255 - _stroke()).resize((300, 400), Image.Resampling.NEAREST)
    large = small.resize((3000, 4000), Image.Resampling.NEAREST)
    small.save(tmp_path / "small.png")
    large.save(tmp_path / "large.png")
    assert read_grey(tmp_path / "large.png").shape == (1000, 750)  # reduced by 4
    np.testing.assert_allclose(
        load_user_digit(tmp_path / "large.png"), load_user_digit(tmp_path / "small.png"), atol=0.05
    )


# --- property: whatever the bytes, only NetworkInputError or a valid digit ---


def _fuzz(test: Callable[..., None]) -> Callable[..., None]:
    """200 examples, no deadline, no example database; and any warning fails the test,
    since a warning would be a second line under the command line's one error line."""
    fuzzed = settings(max_examples=200, deadline=None, database=None)(test)
    return pytest.mark.filterwarnings("error")(fuzzed)


# Openings of formats Pillow identifies, so random tails reach each parser's body.
_MAGICS = [
    b"",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"\xff\xd8\xff",
    b"BM",
    b"RIFF\x00\x01\x00\x00WEBPVP8 ",
    b"P5\n",
    b"\x00\x00\x01\x00",
    b"\x0a\x05\x01\x08",
    b"8BPS",
    b"qoif",
    b"DDS ",
    b"icns",
]


def _outcome(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            pixels = load_user_digit(path)
        except NetworkInputError as exc:
            assert str(exc).startswith(f"{path}: ")
            return
    assert pixels.shape == (784,) and 0.0 <= pixels.min() and pixels.max() <= 1.0


@_fuzz
@given(magic=st.sampled_from(_MAGICS), tail=st.binary(max_size=600))
def test_random_bytes_give_only_network_input_errors(magic: bytes, tail: bytes) -> None:
    _outcome(magic + tail, ".png")


def _saved(img: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, fmt)
    return buffer.getvalue()


_BYTES_PER_PIXEL = {
    "L": 1,
    "P": 1,
    "LA": 2,
    "RGB": 3,
    "RGBA": 4,
    "CMYK": 4,
    "I;16": 2,
    "I": 4,
    "F": 4,
}
# What each format can store (Pillow converts or refuses the rest).
_FORMATS = {
    "PNG": ["1", "L", "P", "LA", "RGB", "RGBA", "I;16"],
    "GIF": ["1", "L", "P"],
    "TIFF": ["1", "L", "P", "LA", "RGB", "RGBA", "CMYK", "I;16", "I", "F"],
    "BMP": ["1", "L", "P", "RGB", "RGBA"],
    "JPEG": ["L", "RGB", "CMYK"],
    "WEBP": ["RGB", "RGBA"],
    "PPM": ["1", "L", "RGB", "I"],
}


@st.composite
def random_images(draw: st.DrawFn) -> tuple[bytes, str]:
    fmt = draw(st.sampled_from(sorted(_FORMATS)))
    mode = draw(st.sampled_from(_FORMATS[fmt]))
    width, height = draw(st.integers(1, 24)), draw(st.integers(1, 24))
    size = (width + 7) // 8 * height if mode == "1" else width * height * _BYTES_PER_PIXEL[mode]
    img = Image.frombytes(mode, (width, height), draw(st.binary(min_size=size, max_size=size)))
    if mode == "P" and draw(st.booleans()):
        img.info["transparency"] = draw(st.integers(0, 255))
    return _saved(img, fmt), f".{fmt.lower()}"


@_fuzz
@given(image=random_images())
def test_random_small_images_give_a_digit_or_network_input_errors(
    image: tuple[bytes, str],
) -> None:
    _outcome(*image)


@_fuzz
@given(image=random_images(), data=st.data())
def test_damaged_images_give_only_network_input_errors(
    image: tuple[bytes, str], data: st.DataObject
) -> None:
    raw, suffix = image
    damaged = bytearray(raw[: data.draw(st.integers(0, len(raw)))])
    for _ in range(data.draw(st.integers(0, 4))):
        if damaged:
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    _outcome(bytes(damaged), suffix)
