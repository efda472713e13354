"""The base every lecture scene builds on: the lecture's data, steps, captions."""

from __future__ import annotations

from manim import UP, Scene, Text

from scenes.kit.lecture import Lecture, load_lecture
from scenes.kit.maths import require_latex
from scenes.kit.text import label

__all__ = ["LectureScene"]

CAPTION_WIDTH = 13.0


class LectureScene(Scene):
    """A Scene in steps: each step is a section (a slide) with one caption.

    The caption is shown on screen and written to the subtitles (.srt) for the
    whole length of its step.
    """

    lecture: Lecture

    def setup(self) -> None:
        require_latex()  # every number on screen is typeset by LaTeX
        self.lecture = load_lecture()
        self.palette = self.lecture.palette
        self.caption: Text | None = None
        self._caption_text: str | None = None
        self._caption_start = 0.0

    def step(self, name: str, caption: str) -> None:
        """Start a new section called ``name`` and put ``caption`` on screen."""
        self._flush_subcaption()
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

    def _flush_subcaption(self) -> None:
        if self._caption_text is None:
            return
        elapsed = self.renderer.time - self._caption_start
        if elapsed > 0:
            self.add_subcaption(self._caption_text, duration=elapsed, offset=-elapsed)
        self._caption_text = None

    def tear_down(self) -> None:
        self._flush_subcaption()
        super().tear_down()
