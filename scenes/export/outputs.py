"""Output folders: checked writable before any work, so a long render never ends in failure."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .catalogue import ExportInputError

__all__ = ["link_or_copy", "writable_folder"]


def writable_folder(path: Path) -> Path:
    """Create ``path`` if needed and prove a file can be written there."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".probe-"):
            pass
    except OSError as exc:
        raise ExportInputError(
            f"cannot write to the output folder {path}: {exc.strerror or exc}"
        ) from exc
    return path


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` where the file system allows, else a copy.

    The export never writes into a file it has made (a new version is a new file,
    moved into place), so a clip shared by two folders cannot change under either.
    """
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
