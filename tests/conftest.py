"""Shared test set-up: the lecture's configuration pinned, golden-frame options.

Every test sees the lecture as it ships: whatever ``LECTURE_*`` variables the
user's shell exports (or ``manim.cfg``'s ``[lecture]`` says), the environment is
replaced by the embedded defaults before any test module is imported, and the
subprocesses the export tests start inherit it. A test that wants another
digit, palette or network sets it itself with ``monkeypatch``.
"""

from __future__ import annotations

import os

import pytest

from scenes.config import pinned_environ

_pinned = pinned_environ(os.environ)
os.environ.clear()
os.environ.update(_pinned)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--set_test",
        action="store_true",
        default=False,
        help="write the golden frames instead of comparing against them",
    )
    parser.addoption(
        "--show_diff",
        action="store_true",
        default=False,
        help="show a diff image when a golden frame does not match",
    )
