"""A German script for the pages' tests: the English script with ``[meta] language = "de"``
and the pages' words in German (``fixtures/pages-de.toml``) laid over it, so the German
pages are checked whatever state ``scenes/script/de.toml`` (being translated) is in.

``lecture_script`` gives the real German script instead, when it exists and has the
pages' tables (a test using it is skipped otherwise)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from scenes.export.catalogue import PROJECT_ROOT

__all__ = ["GERMAN", "LECTURE_GERMAN", "german_script", "lecture_script"]

GERMAN = Path(__file__).resolve().parent / "fixtures" / "pages-de.toml"
LECTURE_GERMAN = PROJECT_ROOT / "scenes" / "script" / "de.toml"
#: The tables the pages read: the real German script is used once it has them.
PAGE_TABLES = (("pages", "deck"), ("draw", "page"))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> None:
    """``over``'s tables laid over ``base``'s: a table of texts (a step, a page) replaced
    whole, a table of tables merged."""
    for key, value in over.items():
        tables = isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())
        if tables and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _toml(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> str:
    """TOML for ``data`` (tables of texts, as a script is): JSON's strings are TOML's."""
    texts = {k: v for k, v in data.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    out = f"[{'.'.join(prefix)}]\n" if prefix and (texts or not tables) else ""
    out += "".join(
        f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}\n"
        for k, v in texts.items()
    )  # a key quoted: [meta] symbols names × and ≈
    return out + "".join(_toml(v, (*prefix, k)) for k, v in tables.items())


def german_script(english: Path, target: Path) -> Path:
    """``english`` (a script) with the German meta and pages' words, written to ``target``."""
    data = tomllib.loads(english.read_text(encoding="utf-8"))
    german = tomllib.loads(GERMAN.read_text(encoding="utf-8"))
    data.setdefault("meta", {}).update(german.pop("meta"))  # the rest of [meta] kept
    _merge(data, german)
    target.write_text(_toml(data), encoding="utf-8")
    return target


def lecture_script() -> Path:
    """``scenes/script/de.toml``, if it is there with the pages' words (else the test is
    skipped: the fixture script checks the German pages meanwhile)."""
    if not LECTURE_GERMAN.is_file():
        pytest.skip(f"{LECTURE_GERMAN} is not written yet")
    data = tomllib.loads(LECTURE_GERMAN.read_text(encoding="utf-8"))
    missing = [".".join(t) for t in PAGE_TABLES if t[1] not in data.get(t[0], {})]
    if missing:
        pytest.skip(f"{LECTURE_GERMAN} has no [{'], ['.join(missing)}] yet")
    return LECTURE_GERMAN
