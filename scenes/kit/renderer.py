"""Manim's Cairo renderer with the lecture's camera, for whoever builds the renderer.

A Scene given a ready-made renderer ignores its ``camera_class``; Manim's
``frames_comparison`` builds its own renderer that way. Golden-frame tests pass
``renderer_class=LectureRenderer`` so that they check the camera that ships.
"""

from __future__ import annotations

from typing import Any

from manim import Camera
from manim.renderer.cairo_renderer import CairoRenderer

from scenes.kit.camera import LectureCamera

__all__ = ["LectureRenderer"]


class LectureRenderer(CairoRenderer):
    def __init__(self, *args: Any, camera_class: type[Camera] | None = None, **kwargs: Any):
        super().__init__(*args, camera_class=camera_class or LectureCamera, **kwargs)
