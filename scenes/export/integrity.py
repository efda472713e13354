"""Proof that a cached part file is still the one that was rendered: its size and hash.

A part is reused on a later run instead of being rendered again, so it must be
whole: a file truncated by a full disk or a killed copy, or edited by hand, would
otherwise end in a decoder error deep inside the join, or in wrong slides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = ["RECORD_SHAPE", "file_record", "intact", "safe_name", "sha256_of"]

RECORD_SHAPE = {"name": str, "size": int, "sha256": str}


def safe_name(name: str) -> bool:
    """A relative path that stays inside its folder (a manifest is data, not trusted)."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def sha256_of(path: Path) -> str:
    """A file's SHA-256, read in blocks (parts and clips run to tens of megabytes)."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def file_record(folder: Path, name: str) -> dict[str, Any]:
    """What ``intact`` checks ``folder/name`` against later: its name, size and SHA-256."""
    path = folder / name
    return {"name": name, "size": path.stat().st_size, "sha256": sha256_of(path)}


def intact(folder: Path, records: Sequence[dict[str, Any]], names: Iterable[str]) -> bool:
    """Whether every file in ``names`` has a record and still matches it.

    The size is compared first, so a truncated file costs no hashing.
    """
    by_name = {r["name"]: r for r in records}
    for name in names:
        record = by_name.get(name)
        if record is None or not safe_name(name):
            return False
        path = folder / name
        try:
            if path.stat().st_size != record["size"] or sha256_of(path) != record["sha256"]:
                return False
        except OSError:
            return False
    return True
