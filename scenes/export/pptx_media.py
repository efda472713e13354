"""PowerPoint decks that store their videos, sounds and pictures as they are.

python-pptx 1.0.2 writes every part of a deck with ``ZIP_DEFLATED``. The deck of
``make present`` is mostly H.264 clips, AAC sound and PNG posters: already
compressed, so deflating them gains nothing and cost most of the export's time
(zlib runs at about 10 MB/s on such data here). :func:`media_stored` writes those
parts ``ZIP_STORED`` while a deck is saved; the XML parts are still deflated. Both
are ordinary zip entries: PowerPoint, LibreOffice and python-pptx read either.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ZipPkgWriter

__all__ = ["STORED_SUFFIXES", "media_stored"]

#: Parts written as they are: formats that are compressed already.
STORED_SUFFIXES = (".mp4", ".m4a", ".png", ".jpg", ".jpeg")


@contextmanager
def media_stored() -> Iterator[None]:
    """While open, decks are saved with their media parts stored, not deflated."""
    original = _ZipPkgWriter.write

    def write(self: _ZipPkgWriter, pack_uri: PackURI, blob: bytes) -> None:
        if pack_uri.membername.lower().endswith(STORED_SUFFIXES):
            self._zipf.writestr(pack_uri.membername, blob, compress_type=zipfile.ZIP_STORED)
        else:
            original(self, pack_uri, blob)

    _ZipPkgWriter.write = write  # type: ignore[method-assign]
    try:
        yield
    finally:
        _ZipPkgWriter.write = original  # type: ignore[method-assign]
