"""Render one scene's steps as stills, no video: ``python -m scenes.export.stills_worker``.

Run as its own process (one per scene, several at once). Animations are skipped,
so each step jumps to its end state, and the scene's step recorder saves that frame.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from manim import tempconfig
from PIL import Image

from scenes.kit.scene import LectureScene
from scenes.narration.script import Words

__all__ = ["render_stills"]

SECTIONS_FILE = "sections.json"


def scene_class(path: Path, name: str) -> type[LectureScene]:
    spec = importlib.util.spec_from_file_location(f"_lecture_scene_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a scene looks up its own module (its steps, its name)
    spec.loader.exec_module(module)
    cls = getattr(module, name, None)
    if not (isinstance(cls, type) and issubclass(cls, LectureScene)):
        raise TypeError(f"{path} has no LectureScene called {name}")
    return cls


def render_stills(path: Path, scene: str, out: Path, quality: str, media_dir: Path) -> list[dict]:
    """Save the last frame of every step of ``scene`` as ``out/NN.png``; return their captions."""
    out.mkdir(parents=True, exist_ok=True)
    sections: list[dict] = []

    def record(words: Words, scene: LectureScene) -> None:
        frame = scene.current_frame()
        file = f"{len(sections) + 1:02d}.png"
        Image.fromarray(frame[..., :3]).save(out / file)
        sections.append(
            {
                "file": file,
                "section": words.step_id,
                "caption": words.headline,
                "narration": words.narration,
            }
        )

    options = {
        "quality": quality,
        "media_dir": str(media_dir),
        "write_to_movie": False,
        "save_last_frame": False,
        "disable_caching": True,
        "verbosity": "WARNING",
        "progress_bar": "none",
    }
    with tempconfig(options):
        scene_class(path, scene)(skip_animations=True, step_recorder=record).render()
    (out / SECTIONS_FILE).write_text(json.dumps(sections, ensure_ascii=False, indent=2) + "\n")
    return sections


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("scene")
    parser.add_argument("out", type=Path)
    parser.add_argument("--quality", default="high_quality")
    parser.add_argument("--media_dir", type=Path, required=True)
    args = parser.parse_args(argv)
    sections = render_stills(args.path, args.scene, args.out, args.quality, args.media_dir)
    print(f"{len(sections)} stills of {args.scene} in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
