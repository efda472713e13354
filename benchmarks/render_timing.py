"""What the render benchmarks share: run Manim as users do and time it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scenes.export.join import video_duration

ROOT = Path(__file__).resolve().parent.parent


def render_seconds(
    scene_file: Path, scene: str, flag: str, extra: tuple[str, ...] = ()
) -> tuple[float, float]:
    """Wall time of ``manim render -q<flag>`` into a fresh media folder, and the video's length."""
    with tempfile.TemporaryDirectory() as media:
        command = [
            sys.executable, "-m", "manim", "render", f"-q{flag}", "--media_dir", media,
            "--progress_bar", "none", "--disable_caching", *extra, str(scene_file), scene,
        ]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        wall = time.perf_counter() - start
        video = next(Path(media).rglob(f"{scene}.mp4"))
        return wall, video_duration(video)
