"""Storyboard section 2: the plan — structure now, learning next — and a preview.

Render: ``manim render scenes/plan.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    AnimationGroup,
    Circumscribe,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    VGroup,
)

from lecture.chapters.plan import Plain, Preview, plan
from lecture.step import Step
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.gallery import DigitCard, card_grid, wrong_marks
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
        self.play(FadeIn(self.plan[0], shift=0.2 * RIGHT))
        self.cue("next")
        self.play(FadeIn(self.plan[1], shift=0.2 * RIGHT))

    def plain_network(self, step: Step[Plain]) -> None:
        self.diagram = NetworkDiagram(self.inputs.network, self.palette, width=7.6, height=5.0)
        sizes = "–".join(str(n) for n in step.shows.sizes)
        self.sizes = label(f"{sizes} neurons", TYPE.body, self.palette.muted)
        self.sizes.next_to(self.diagram, DOWN, buff=0.2)
        STAGE.center_on(VGroup(self.diagram, self.sizes))
        self.play(FadeOut(self.plan), FadeIn(self.diagram), FadeIn(self.sizes))
        layers = self.diagram.layers
        self.cue("neurons")
        self.play(Indicate(VGroup(*layers), scale_factor=1.05, color=self.palette.highlight))
        self.cue("flow")
        # One layer after another, as each decides the next.
        self.play(
            AnimationGroup(
                *(Indicate(layer, color=self.palette.highlight) for layer in layers),
                lag_ratio=0.6,
            ),
            run_time=2.4,
        )
        self.cue("hidden")
        self.play(
            *(Circumscribe(layer, color=self.palette.highlight) for layer in layers[1:-1]),
            run_time=1.5,
        )
        self.cue("reads")
        self.play(
            AnimationGroup(
                *(Indicate(d, color=self.palette.highlight) for d in self.diagram.output_labels),
                lag_ratio=0.15,
            ),
            run_time=2,
        )

    def preview(self, step: Step[Preview]) -> None:
        self.cards = [DigitCard(d, self.palette, 1.55) for d in step.shows.digits]
        grid = card_grid(self.cards, rows=2)
        #: The network's accuracy on every validation digit, under the cards.
        self.overall = label(self.note(step.notes["overall"]), TYPE.body, self.palette.text)
        STAGE.center_on(Group(grid, self.overall).arrange(DOWN, buff=0.7))
        self.play(FadeOut(self.diagram), FadeOut(self.sizes))
        self.play(FadeIn(Group(*self.cards), lag_ratio=0.08))
        self.cue("verdicts")
        self.play(*(FadeIn(c.reveal()) for c in self.cards))
        marks = wrong_marks(self.cards, self.palette)
        if marks:
            self.cue("wrong")
            self.play(*marks)
        self.cue("overall")
        self.play(FadeIn(self.overall, shift=0.2 * DOWN))
