"""Manim's Cairo renderer with the lecture's camera, drawing nothing for a kept step.

A Scene given a ready-made renderer ignores its ``camera_class``; Manim's
``frames_comparison`` builds its own renderer that way. Golden-frame tests pass
``renderer_class=LectureRenderer`` so that they check the camera that ships, and
``LectureScene`` makes its renderer with it.

A step whose clip is kept from an earlier render is played in a section that skips
its animations (``LectureScene.step_reuse``). Manim still draws one or two whole frames
for every play of a skipped section (the static background, the held picture), though
none is written: at 1080p that was most of the cost of a kept step. Here nothing is
drawn while such a section plays; the next drawn play starts by drawing its own
background, as every play does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manim import Camera, Mobject, Scene
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.kit.camera import LectureCamera

__all__ = ["LectureRenderer"]


class LectureRenderer(CairoRenderer):
    """``CairoRenderer`` whose camera is :class:`LectureCamera` unless one is given, and
    which draws nothing while a section that skips its animations plays.

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

    def update_frame(
        self,
        scene: Scene,
        mobjects: Iterable[Mobject] | None = None,
        include_submobjects: bool = True,
        ignore_skipping: bool = True,
        **kwargs: Any,
    ) -> None:
        if self.drawing_skipped():
            return
        super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)

    def drawing_skipped(self) -> bool:
        """Whether the section playing now skips its animations (a kept step): its frames
        are never written, so drawing them would be wasted."""
        sections = getattr(getattr(self, "file_writer", None), "sections", None) or []
        return bool(sections) and bool(sections[-1].skip_animations)
