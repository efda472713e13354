"""Manim's floor: one dot moving, nothing else. What any 1080p60 second costs here."""

from __future__ import annotations

from manim import LEFT, RIGHT, Dot, Scene

SECONDS = 20.0


class OneDot(Scene):
    def construct(self) -> None:
        dot = Dot().shift(4 * LEFT)
        self.add(dot)
        self.play(dot.animate.shift(8 * RIGHT), run_time=SECONDS)
