"""Storyboard section 2: the plan — structure now, learning next — and a preview.

Render: ``manim render scenes/plan.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, FadeIn, FadeOut, Group, VGroup

from lecture.chapters.plan import Plain, Preview, plan
from lecture.step import Step
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.gallery import DigitCard, card_grid
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["ThePlan"]


class ThePlan(LectureScene):
    """What this chapter covers, the plain network, and what it can already do."""

    PLAN = plan

    def the_plan(self, step: Step[None]) -> None:
        p = self.palette
        rows = [
            ("This chapter", self.note(step.notes["this-chapter"])),
            ("Next chapter", self.note(step.notes["next-chapter"])),
        ]
        self.plan = VGroup(
            *(
                VGroup(
                    label(head, TYPE.body, p.highlight), label(body, TYPE.body, p.text)
                ).arrange(RIGHT, buff=0.5)
                for head, body in rows
            )
        ).arrange(DOWN, buff=0.8, aligned_edge=LEFT)
        STAGE.center_on(self.plan)
        for row in self.plan:
            self.play(FadeIn(row, shift=0.2 * RIGHT))
        self.wait(2)

    def plain_network(self, step: Step[Plain]) -> None:
        self.diagram = NetworkDiagram(self.inputs.network, self.palette, width=7.6, height=5.0)
        sizes = "–".join(str(n) for n in step.shows.sizes)
        self.sizes = label(f"{sizes} neurons", TYPE.body, self.palette.muted)
        self.sizes.next_to(self.diagram, DOWN, buff=0.2)
        STAGE.center_on(VGroup(self.diagram, self.sizes))
        self.play(FadeOut(self.plan), FadeIn(self.diagram), FadeIn(self.sizes))
        self.wait(2.5)

    def preview(self, step: Step[Preview]) -> None:
        self.cards = [DigitCard(d, self.palette, 1.55) for d in step.shows.digits]
        STAGE.center_on(card_grid(self.cards, rows=2))
        self.play(FadeOut(self.diagram), FadeOut(self.sizes))
        self.play(FadeIn(Group(*self.cards), lag_ratio=0.08))
        self.play(*(FadeIn(c.reveal()) for c in self.cards))
        self.wait(3)
