"""The deck shim: media parts stored as they are, XML still deflated, python-pptx restored."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
from PIL import Image
from pptx import Presentation
from pptx.opc.serialized import _ZipPkgWriter

from scenes.export.pptx_media import media_stored


def _deck(folder: Path) -> Presentation:
    picture = folder / "noise.png"
    pixels = np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(picture)
    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_picture(str(picture), 0, 0)
    return deck


def _kinds(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: info.compress_type for info in archive.infolist()}


def test_media_are_stored_and_xml_deflated(tmp_path: Path) -> None:
    plain, stored = tmp_path / "plain.pptx", tmp_path / "stored.pptx"
    _deck(tmp_path).save(str(plain))
    original = _ZipPkgWriter.write
    with media_stored():
        _deck(tmp_path).save(str(stored))
    assert _ZipPkgWriter.write is original
    before, after = _kinds(plain), _kinds(stored)
    media = [name for name in after if name.startswith("ppt/media/")]
    assert media and set(before) == set(after)
    # python-pptx deflates everything by itself: what the shim is for
    assert all(before[name] == zipfile.ZIP_DEFLATED for name in media)
    assert all(after[name] == zipfile.ZIP_STORED for name in media)
    assert all(after[n] == zipfile.ZIP_DEFLATED for n in after if n.endswith(".xml"))
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(stored) as b:
        assert all(a.read(name) == b.read(name) for name in after)
    assert len(Presentation(str(stored)).slides) == 1
