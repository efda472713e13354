"""Shared test set-up: golden-frame options, and Manim's cairo check relaxed.

Manim's ``frames_comparison`` skips every Cairo test when cairo is older than
1.18; Debian 12 ships 1.16 and our reference frames are made on such a machine,
so the check is lowered here and the golden-frame tests really run.
"""

from __future__ import annotations

import pytest
from manim.utils.testing import frames_comparison as _frames_comparison

_frames_comparison.MIN_CAIRO_VERSION = 0


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
