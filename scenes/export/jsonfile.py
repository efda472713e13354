"""The small JSON files the export keeps (manifests, the slides index, the publish
journal): written all at once, and read back only if every field has its type.

They are read back on a later run, possibly after a crash, an edit or a full disk,
so a file that is not valid JSON, or has a field missing or of the wrong type,
reads as absent: the caller then does the work again rather than trusting it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .whole import whole

__all__ = ["Shape", "conforms", "read_json", "write_json"]

Shape = Any
"""A type, a tuple of types, ``[shape]`` (a list of those), or ``{key: shape}`` (a dict
with at least those keys)."""


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` all at once (a reader never sees half a file)."""
    with whole(path) as partial:
        partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def conforms(value: Any, shape: Shape) -> bool:
    """Whether ``value`` (parsed JSON) has ``shape``; ``True`` is not taken for a number."""
    if isinstance(shape, dict):
        return isinstance(value, dict) and all(
            key in value and conforms(value[key], inner) for key, inner in shape.items()
        )
    if isinstance(shape, list):
        return isinstance(value, list) and all(conforms(item, shape[0]) for item in value)
    types = shape if isinstance(shape, tuple) else (shape,)
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def read_json(path: Path, shape: Shape = dict) -> Any:
    """What ``path`` holds if it has ``shape`` (by default, any object); ``None`` otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return None
    return data if conforms(data, shape) else None
