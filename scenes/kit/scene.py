"""The base every lecture scene builds on: the lecture's data, steps, captions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import numpy as np
from manim import UP, Scene, Text

from network.errors import NetworkInputError
from scenes.config import ConfigError
from scenes.kit.camera import LectureCamera
from scenes.kit.lecture import Lecture, load_lecture
from scenes.kit.maths import require_latex
from scenes.kit.text import label

__all__ = ["BAD_INPUT_STATUS", "LectureScene", "StepRecorder", "stop_on_bad_input"]

#: Exit status for input the lecture cannot use, as for ``python -m network``.
BAD_INPUT_STATUS = 2

CAPTION_WIDTH = 13.0

StepRecorder = Callable[[str, str, np.ndarray], None]
"""Called at the end of every step with its name, its caption and its last frame."""


def stop_on_bad_input(exc: Exception) -> NoReturn:
    """End the render with one line naming the bad input, and status 2.

    ``manim render`` prints any exception as a long rich traceback; a wrong digit
    or weights file is the user's input, not a bug, so it gets one line instead.
    ``SystemExit`` is not an ``Exception``, so Manim lets it through.
    """
    print(f"error: {exc}", file=sys.stderr, flush=True)
    raise SystemExit(BAD_INPUT_STATUS)


class LectureScene(Scene):
    """A Scene in steps: each step is a section (a slide) with one caption.

    The caption is shown on screen and written to the subtitles (.srt) for the
    whole length of its step. Given a ``step_recorder``, the scene also hands
    over each step's last frame: that is how slides are made without encoding
    any video (render with ``skip_animations=True``).
    """

    lecture: Lecture

    def __init__(self, *args: Any, step_recorder: StepRecorder | None = None, **kwargs: Any):
        self.step_recorder = step_recorder
        kwargs.setdefault("camera_class", LectureCamera)
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        require_latex()  # every number on screen is typeset by LaTeX
        try:
            self.lecture = load_lecture()
        except (ConfigError, NetworkInputError) as exc:
            stop_on_bad_input(exc)
        self.palette = self.lecture.palette
        self.caption: Text | None = None
        self._caption_text: str | None = None
        self._caption_start = 0.0
        self._step_name: str | None = None

    def step(self, name: str, caption: str) -> None:
        """Start a new section called ``name`` and put ``caption`` on screen."""
        self._end_step()
        self.next_section(name)
        new = label(caption, font_size=28, color=self.palette.text)
        if new.width > CAPTION_WIDTH:
            new.scale_to_fit_width(CAPTION_WIDTH)
        new.to_edge(UP, buff=0.3)
        # A cut, not a fade: each step is also a slide, and a cut costs no frames.
        if self.caption is not None:
            self.remove(self.caption)
        self.add(new)
        self.caption = new
        self._caption_text = caption
        self._caption_start = self.renderer.time
        self._step_name = name

    def _end_step(self) -> None:
        if self._caption_text is None:
            return
        elapsed = self.renderer.time - self._caption_start
        if elapsed > 0:
            self.add_subcaption(self._caption_text, duration=elapsed, offset=-elapsed)
        if self.step_recorder is not None and self._step_name is not None:
            self.step_recorder(self._step_name, self._caption_text, self.current_frame())
        self._caption_text = None

    def current_frame(self) -> np.ndarray:
        """What is on screen now, drawn afresh (also while animations are skipped)."""
        self.renderer.static_image = None
        self.renderer.update_frame(self, ignore_skipping=True)
        return self.renderer.get_frame()

    def tear_down(self) -> None:
        self._end_step()
        super().tear_down()
