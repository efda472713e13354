"""A contact sheet of phone photos and what the network reads in them.

Run: ``.venv/bin/python benchmarks/photo_sheet.py [--labels 1,3,5,7,9] [--per-label 1]
[--out /tmp/photo_contact.png]``.

Each condition of ``tests/photo_fixtures.py`` (uneven light, a sideways photo with its
EXIF tag, coloured ink, thin and thick pens, a small digit on a big page, hard JPEG,
ruled and squared paper) is one row: for each digit (by default those of
``tests/test_photo.py``: the first validation digit the shipped network reads right of
each odd label; ``--per-label`` takes more of each, ``--labels`` others), the photo as stored
(thumbnail, sideways if the phone stored it so), the 28×28 that ``load_user_digit``
made of it (enlarged, nearest neighbour) and the answer, green when right, red when
wrong or refused. A last row shows a picture that is refused on purpose. It prints how
many photos of each condition were read right.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from network.errors import NetworkInputError
from network.image import load_user_digit
from network.shipped import SHIPPED_WEIGHTS, bundled_split
from network.weights_io import load_weights

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from photo_fixtures import CONDITIONS, PRINTED_BLUE, Photo, save_photo  # type: ignore[import-not-found]  # noqa: E402

THUMB = 120  # pixels: the photo's thumbnail and the enlarged 28×28 are this tall
LABEL_WIDTH = 150
GAP = 6
RIGHT, WRONG, TEXT = (40, 150, 60), (200, 40, 40), (20, 20, 20)


def digits(labels: list[int], per_label: int) -> list[tuple[int, np.ndarray]]:
    """The first ``per_label`` validation digits of each of ``labels`` that the shipped
    network reads right, interleaved by label (1, 3, …, 1, 3, …)."""
    validation = bundled_split()[1]
    net = load_weights(SHIPPED_WEIGHTS["sigmoid"]).network
    right = np.asarray(net.predict(validation.images)) == validation.labels
    rows = {d: np.flatnonzero(right & (validation.labels == d))[:per_label] for d in labels}
    return [
        (d, validation.images[rows[d][k]])
        for k in range(per_label)
        for d in labels
        if k < len(rows[d])
    ]


def tile(photo: Path, label: int) -> tuple[Image.Image, bool]:
    """One photo's cell: its thumbnail, the 28×28 read from it and the answer."""
    net = load_weights(SHIPPED_WEIGHTS["sigmoid"]).network
    with Image.open(photo) as img:
        thumb = img.convert("RGB")
        thumb.thumbnail((THUMB, THUMB))
    cell = Image.new("RGB", (THUMB * 2 + GAP, THUMB + 18), "white")
    cell.paste(thumb, ((THUMB - thumb.width) // 2, (THUMB - thumb.height) // 2))
    draw = ImageDraw.Draw(cell)
    try:
        pixels = load_user_digit(photo)
    except NetworkInputError as exc:
        cell = Image.new("RGB", (THUMB * 3, THUMB + 18), "white")
        cell.paste(thumb, ((THUMB - thumb.width) // 2, (THUMB - thumb.height) // 2))
        draw = ImageDraw.Draw(cell)
        draw.text((THUMB + GAP, 4), "refused:", fill=WRONG)
        lines = textwrap.wrap(str(exc).split(": ", 1)[-1], 36)
        for k, line in enumerate(lines[:9]):
            draw.text((THUMB + GAP, 18 + 12 * k), line, fill=TEXT)
        return cell, False
    grey = np.round(pixels.reshape(28, 28) * 255).astype(np.uint8)
    read = Image.fromarray(grey).resize((THUMB, THUMB), Image.Resampling.NEAREST)
    cell.paste(read.convert("RGB"), (THUMB + GAP, 0))
    answer = int(net.predict(pixels))
    ok = answer == label
    draw.text((4, THUMB + 3), f"{label} read as {answer}", fill=RIGHT if ok else WRONG)
    return cell, ok


def row(name: str, cells: list[Image.Image], summary: str) -> Image.Image:
    width = LABEL_WIDTH + sum(c.width + GAP for c in cells)
    strip = Image.new("RGB", (width, THUMB + 18 + GAP), (225, 225, 225))
    draw = ImageDraw.Draw(strip)
    draw.text((6, THUMB // 2 - 8), name, fill=TEXT)
    draw.text((6, THUMB // 2 + 8), summary, fill=TEXT)
    x = LABEL_WIDTH
    for cell in cells:
        strip.paste(cell, (x, 0))
        x += cell.width + GAP
    return strip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", default="1,3,5,7,9", help="digits to photograph")
    parser.add_argument("--per-label", type=int, default=1, help="digits of each label")
    parser.add_argument("--out", type=Path, default=Path("/tmp/photo_contact.png"))
    args = parser.parse_args()
    chosen = digits([int(d) for d in args.labels.split(",")], args.per_label)
    print(
        f"photographing {len(chosen)} digits (labels {[d for d, _ in chosen]}) under "
        f"{len(CONDITIONS)} conditions; reading each with network.image.load_user_digit"
    )
    rows, start = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CONDITIONS.items():
            cells, right = [], 0
            for k, (label, pixels) in enumerate(chosen):
                photo = save_photo(Path(folder) / f"{k}.jpg", pixels, make(k), seed=k)
                cell, ok = tile(photo, label)
                cells.append(cell)
                right += ok
            print(f"{name:>22}: {right}/{len(chosen)} read right")
            rows.append(row(name, cells, f"{right}/{len(chosen)} right"))
        refused = Photo(lines="squared", pen=0.006, ink=PRINTED_BLUE)
        label, pixels = chosen[0]
        cell, _ = tile(save_photo(Path(folder) / "grid.jpg", pixels, refused), label)
        rows.append(row("grid-thin grid ink", [cell], "refused on purpose"))
    sheet = Image.new("RGB", (max(r.width for r in rows), sum(r.height for r in rows)), "white")
    y = 0
    for strip in rows:
        sheet.paste(strip, (0, y))
        y += strip.height
    sheet.save(args.out)
    print(
        f"contact sheet: {args.out} ({sheet.width}×{sheet.height}), "
        f"{time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
