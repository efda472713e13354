"""A symbolic link that loops, given as the digit or the weights: one ``error:`` line
naming the option, status 2, no traceback and nothing written, from every entry point
that reads the configuration (``manim render``, the export, ``make script``).

``Path.resolve`` raises ``RuntimeError`` on such a link (Python < 3.13), which no
entry point took for the user's input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.export.catalogue import PROJECT_ROOT

MANIM = Path(sys.executable).with_name("manim")
#: Each entry point's command, writing into the folder it is given.
ENTRY_POINTS = {
    "manim render": lambda tmp: [str(MANIM), "render", "-ql", "--media_dir", str(tmp),
                                 "scenes/counting.py"],
    "make lecture": lambda tmp: [sys.executable, "-m", "scenes.export", "lecture", "--quality",
                                 "l", "--scenes", "counting", "--out", str(tmp)],
    "make script": lambda tmp: [sys.executable, "-m", "scenes.export.script_document",
                                "--out", str(tmp)],
}  # fmt: skip


@pytest.mark.parametrize(("key", "name"), [("digit", "loop.png"), ("weights", "loop.npz")])
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_a_symbolic_link_loop_is_one_line_from_every_entry_point(
    tmp_path: Path, entry: str, key: str, name: str
) -> None:
    loop = tmp_path / name
    loop.symlink_to(tmp_path / f"back-{name}")
    (tmp_path / f"back-{name}").symlink_to(loop)
    out = tmp_path / "out"
    variable = f"LECTURE_{key.upper()}"
    done = subprocess.run(
        ENTRY_POINTS[entry](out), cwd=PROJECT_ROOT, env={**os.environ, variable: str(loop)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: {variable} = {str(loop)!r}: {loop} is a symbolic link")
    assert "Traceback" not in done.stdout + done.stderr
    written = out / "videos" if entry == "manim render" else out  # Manim caches its texts
    assert not written.exists() or not any(p.is_file() for p in written.rglob("*"))
