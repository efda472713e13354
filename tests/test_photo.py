"""Phone photos of handwritten digits are read as their digit (``network/photo.py``).

The photos are made here from real bundled digits (``photo_fixtures.py``): five
validation digits the shipped network reads right, each photographed under every
condition a phone meets. Each must be read as its digit by the shipped network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from photo_fixtures import CONDITIONS, PAPER, PRINTED_BLUE, Photo, photograph, save_photo
from PIL import Image

from network.cli import SHOW_SCALE, main
from network.data import load_bundled
from network.errors import NetworkInputError
from network.image import load_user_digit, mnist_style, read_grey
from network.model import Network
from network.photo import LINES_REFUSED, MNIST_STROKE, MNIST_STROKE_RANGE, stroke_ratio
from network.shipped import SHIPPED_WEIGHTS, bundled_split
from network.weights_io import load_weights

#: One digit of each of these labels: 1 (a single stroke, narrow), 3, 5, 7 and 9 — the
#: odd labels, fixed before the photos were made, not chosen by how they read.
LABELS = (1, 3, 5, 7, 9)


@cache
def _network() -> Network:
    return load_weights(SHIPPED_WEIGHTS["sigmoid"]).network


@cache
def _digits() -> tuple[tuple[int, np.ndarray], ...]:
    """For each of ``LABELS``, the first validation digit the shipped network reads right."""
    validation, net = bundled_split()[1], _network()
    chosen = []
    for wanted in LABELS:
        for row in np.flatnonzero(validation.labels == wanted):
            if net.predict(validation.images[row]) == wanted:
                chosen.append((wanted, validation.images[row]))
                break
    return tuple(chosen)


@pytest.mark.parametrize("index", range(len(LABELS)))
@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_a_photo_is_read_as_its_digit(tmp_path: Path, condition: str, index: int) -> None:
    """Uneven light, a sideways photo with its EXIF tag, coloured ink, thin and thick
    pens, a small digit on a big page, hard JPEG, ruled and squared paper: the digit is
    found alone (its box in the 28×28 is the bundled digit's, within 2 px: no shadow,
    line or page edge attached), at full strength, and is read right."""
    label, pixels = _digits()[index]
    path = save_photo(tmp_path / "photo.jpg", pixels, CONDITIONS[condition](index), seed=index)
    read = load_user_digit(path)
    assert np.abs(np.subtract(_box_size(read), _box_size(pixels))).max() <= 2
    assert read.max() > 0.9  # at full strength, not faint
    assert _network().predict(read) == label


def _box_size(pixels: np.ndarray) -> tuple[int, int]:
    """Height and width of the box around a 28×28 digit's ink (above a tenth)."""
    ink = pixels.reshape(28, 28) > 0.1
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


def test_an_exif_orientation_tag_stands_the_picture_upright(tmp_path: Path) -> None:
    """A phone saves sideways pixels and an orientation tag; read, they stand upright."""
    upright = photograph(_digits()[1][1], Photo(page=(200, 150), digit_height=120))
    upright.save(tmp_path / "upright.png")
    for tag, turn in ((6, Image.Transpose.ROTATE_90), (8, Image.Transpose.ROTATE_270)):
        exif = Image.Exif()
        exif[0x0112] = tag
        upright.transpose(turn).save(tmp_path / f"tag{tag}.png", exif=exif.tobytes())
        np.testing.assert_array_equal(
            read_grey(tmp_path / f"tag{tag}.png"), read_grey(tmp_path / "upright.png")
        )


def test_mnist_stroke_constants_are_the_bundled_digits() -> None:
    """``MNIST_STROKE`` is the median stroke ratio of the bundled digits, and
    ``MNIST_STROKE_RANGE`` their 2nd to 98th percentiles, as ``stroke_ratio`` measures."""
    images = load_bundled().images[::5]
    ratios = [stroke_ratio(image.reshape(28, 28)) for image in images]
    assert np.median(ratios) == pytest.approx(MNIST_STROKE, abs=0.006)
    np.testing.assert_allclose(np.percentile(ratios, [2, 98]), MNIST_STROKE_RANGE, atol=0.012)


@pytest.mark.parametrize("pen", [0.02, 0.3])
def test_thin_and_thick_pens_come_out_with_mnist_strokes(tmp_path: Path, pen: float) -> None:
    """A ballpoint's hairline and a marker's blot both leave MNIST's stroke width."""
    for index in (1, 3):
        path = save_photo(tmp_path / "pen.jpg", _digits()[index][1], Photo(pen=pen), seed=index)
        read = load_user_digit(path).reshape(28, 28)
        assert stroke_ratio(read) == pytest.approx(MNIST_STROKE, abs=0.035)


def test_a_clean_drawing_reads_exactly_as_before(tmp_path: Path) -> None:
    """Pictures made on a computer — bundled digits saved as PNG, white on black or
    inverted — are read as the plain MNIST reading reads them, bit for bit, when it sees
    the digit and nothing else (as the live page's drawings are)."""
    digits, same = load_bundled().images[::250], 0
    for k, image in enumerate(digits):
        grey = np.round(image.reshape(28, 28) * 255).astype(np.uint8)
        for name, picture in (("white.png", grey), ("black.png", 255 - grey)):
            Image.fromarray(picture).resize((280, 280), Image.Resampling.BILINEAR).save(
                tmp_path / name
            )
            plain = mnist_style(read_grey(tmp_path / name))
            read = load_user_digit(tmp_path / name)
            same += np.array_equal(read, plain)
            assert _network().predict(read) == _network().predict(plain), (k, name)
    assert same >= 0.9 * 2 * len(digits)


def test_a_blank_page_photo_has_no_digit(tmp_path: Path) -> None:
    """Paper, shadow and noise without ink: refused, not read as a digit of noise."""
    sheet = photograph(_digits()[0][1], Photo(shadow=True, ink=PAPER))  # ink the paper's colour
    sheet.save(tmp_path / "blank.jpg")
    with pytest.raises(NetworkInputError, match=r"blank\.jpg: no ink found"):
        load_user_digit(tmp_path / "blank.jpg")


def test_lines_that_cannot_be_told_from_the_digit_are_refused_in_one_line(
    tmp_path: Path,
) -> None:
    """A digit drawn as thin as squared paper's grid and in the grid's own ink: taking
    the grid out would take strokes with it, so the picture is refused, and says why."""
    photo = Photo(lines="squared", pen=0.006, ink=PRINTED_BLUE)
    path = save_photo(tmp_path / "grid.jpg", _digits()[1][1], photo)
    with pytest.raises(NetworkInputError) as info:
        load_user_digit(path)
    message = str(info.value)
    assert message == f"{path}: {LINES_REFUSED}" and "\n" not in message
    assert "photograph it on plain paper" in message


# --- predict --show: the 28×28 it read, to check before rendering ---


def _photo(folder: Path) -> Path:
    return save_photo(folder / "digit.jpg", _digits()[2][1], Photo(shadow=True, lines="ruled"))


def test_predict_show_writes_the_28x28_it_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo, shown = _photo(tmp_path), tmp_path / "read.png"
    assert main(["predict", "--show", str(shown), str(photo)]) == 0
    out = capsys.readouterr().out
    assert "<- answer" in out and str(shown) in out
    with Image.open(shown) as img:
        assert img.size == (28 * SHOW_SCALE, 28 * SHOW_SCALE) and img.mode == "L"
        enlarged = np.asarray(img)
    expected = np.round(load_user_digit(photo).reshape(28, 28) * 255).astype(np.uint8)
    blocks = enlarged.reshape(28, SHOW_SCALE, 28, SHOW_SCALE)
    assert np.all(blocks == expected[:, None, :, None])  # every square one input pixel
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digit.jpg", "read.png"]


def test_predict_show_does_not_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo, shown = _photo(tmp_path), tmp_path / "read.png"
    shown.write_bytes(b"keep me")
    assert main(["predict", "--show", str(shown), str(photo)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"error: --show {shown}: already exists; pass --force to replace it\n"
    assert shown.read_bytes() == b"keep me"
    assert main(["predict", "--show", str(shown), "--force", str(photo)]) == 0
    with Image.open(shown) as img:
        assert img.size == (280, 280)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digit.jpg", "read.png"]


@pytest.mark.parametrize(
    ("show", "message"),
    [
        ("read.jpg", "--show {tmp}/read.jpg: the 28×28 is written as PNG; give a name ending"),
        ("gone/read.png", "--show {tmp}/gone/read.png: folder {tmp}/gone does not exist"),
        ("folder.png", "--show {tmp}/folder.png: is a folder; give a file name ending in .png"),
    ],
)
def test_predict_show_refuses_a_bad_destination_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], show: str, message: str
) -> None:
    if show == "folder.png":
        (tmp_path / show).mkdir()
    assert main(["predict", "--show", f"{tmp_path}/{show}", str(tmp_path / "missing.png")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {message.format(tmp=tmp_path)}")
    assert err.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == (["folder.png"] if show == "folder.png" else [])


def test_predict_force_goes_with_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["predict", "--force", "digit.png"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "error: --force replaces an existing --show file; give --show too\n"


def test_predict_refuses_an_unreadable_photo_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A photo with no digit: one error line naming it, status 2, nothing written."""
    photograph(_digits()[0][1], Photo(ink=PAPER, lines="ruled")).save(tmp_path / "paper.jpg")
    shown = tmp_path / "read.png"
    assert main(["predict", "--show", str(shown), str(tmp_path / "paper.jpg")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {tmp_path / 'paper.jpg'}: no ink found")
    assert err.count("\n") == 1 and not shown.exists()
