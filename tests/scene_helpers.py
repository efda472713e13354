"""What scene tests share: render a scene without writing anything, read its text,
and compare golden frames drawn by the camera that ships."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from manim import Scene, tempconfig
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.kit.renderer import LectureRenderer


def dry_render(scene_class: type[Scene], **kwargs: Any) -> Scene:
    """Run a whole scene (every step jumps to its end state, no frames) for inspection."""
    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = scene_class(skip_animations=True, **kwargs)
        scene.render()
    return scene


def render_words(scene_class: type[Scene]) -> tuple[Scene, dict[str, Any]]:
    """The scene after a dry render, and each step's words (``Words``) by step id."""
    words: dict[str, Any] = {}
    scene = dry_render(scene_class, step_recorder=lambda w, _: words.setdefault(w.step_id, w))
    return scene, words


def last_frame(scene_class: type[Scene], **kwargs: Any) -> np.ndarray:
    """The scene's final frame at 480p, drawn by its own camera (nothing written)."""
    scene = dry_render(scene_class, **kwargs)
    with tempconfig({"quality": "low_quality"}):
        return scene.current_frame().copy()


def golden(scene_class: type[Scene]) -> Callable:
    """Manim's ``frames_comparison`` through ``LectureRenderer``: the shipped camera."""
    return frames_comparison(base_scene=scene_class, renderer_class=LectureRenderer)


def says(mobject, text: str) -> bool:
    """Whether a Text mobject contains ``text`` (Manim keeps its text without spaces)."""
    return text.replace(" ", "") in mobject.text
