"""``manim render scenes/<any>.py`` with input the lecture cannot use: one line naming
it, exit status 2, no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.export.catalogue import PROJECT_ROOT

MANIM = Path(sys.executable).with_name("manim")


def render(scene_file: str, media: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MANIM), "render", "-ql", "--media_dir", str(media), scene_file],
        cwd=PROJECT_ROOT, env={**os.environ, **env}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("scene_file", "env", "message"),
    [
        (
            "scenes/three.py",
            {"LECTURE_DIGIT": "²"},
            "error: LECTURE_DIGIT = '²': expected a digit index 0–4999 or an image file",
        ),
        (
            "scenes/layers.py",
            {"LECTURE_WEIGHTS": "network/weights/relu-784-16-16-10.npz"},
            "error: LECTURE_WEIGHTS = 'network/weights/relu-784-16-16-10.npz': is a relu "
            "network; LECTURE_WEIGHTS needs a sigmoid network",
        ),
        (
            "scenes/relu.py",
            {"LECTURE_DIGIT": "README.md.png"},
            "error: LECTURE_DIGIT = 'README.md.png': no such image file",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path, scene_file: str, env: dict[str, str], message: str
) -> None:
    done = render(scene_file, tmp_path / "media", **env)
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "Traceback" not in done.stdout + done.stderr
    videos = tmp_path / "media" / "videos"
    assert not videos.exists() or not any(p.is_file() for p in videos.rglob("*"))
