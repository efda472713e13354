"""Output folders: checked writable before any work, so a long render never ends in failure."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .catalogue import ExportInputError

__all__ = ["writable_folder"]


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
