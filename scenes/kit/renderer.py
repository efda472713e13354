"""Manim's Cairo renderer with the lecture's camera, for whoever builds the renderer.

A Scene given a ready-made renderer ignores its ``camera_class``; Manim's
``frames_comparison`` builds its own renderer that way. Golden-frame tests pass
``renderer_class=LectureRenderer`` so that they check the camera that ships.
"""

from __future__ import annotations

from typing import Any

from manim import Camera
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.kit.camera import LectureCamera

__all__ = ["LectureRenderer"]


class LectureRenderer(CairoRenderer):
    """``CairoRenderer`` whose camera is :class:`LectureCamera` unless one is given.

    Parameters
    ----------
    file_writer_class, camera_class, skip_animations, **kwargs
        As for ``CairoRenderer``, in the same order; ``camera_class`` defaults to
        :class:`LectureCamera` instead of Manim's ``Camera``.
    """

    def __init__(
        self,
        file_writer_class: type[SceneFileWriter] = SceneFileWriter,
        camera_class: type[Camera] | None = None,
        skip_animations: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            file_writer_class, camera_class or LectureCamera, skip_animations, **kwargs
        )
