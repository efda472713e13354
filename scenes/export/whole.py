"""Files that appear whole or not at all.

Every file the exports write goes first to ``<name>.partial`` beside its target and
is renamed over it only once complete: a reader, or the next run after a crash,
never sees half a file, and a failed write leaves the previous file as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["whole"]


@contextmanager
def whole(target: Path) -> Iterator[Path]:
    """Yield the path to write; on success it replaces ``target``, on failure it is removed."""
    partial = target.with_name(target.name + ".partial")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
