"""Storyboard section 2: the plan — structure now, learning next — and a preview.

Render: ``manim render scenes/plan.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, FadeIn, FadeOut, Group, VGroup

from lecture.choices import hidden_kind
from network.analysis import preview_rows
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.gallery import DigitCard, card_grid
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["ThePlan"]

N_PREVIEW = 12


class ThePlan(LectureScene):
    """What this chapter covers, the plain network, and what it can already do."""

    STEPS = ("the-plan", "plain-network", "plain-network-one", "plain-network-mixed", "preview")

    def construct(self) -> None:
        self.show_plan()
        self.show_plain_network()
        self.show_preview()

    def show_plan(self) -> None:
        self.step("the-plan")
        p = self.palette
        rows = [
            ("This chapter", self.note("the-plan", "this-chapter")),
            ("Next chapter", self.note("the-plan", "next-chapter")),
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

    def show_plain_network(self) -> None:
        net = self.inputs.network
        hidden = net.sizes[1:-1]
        kind = hidden_kind(hidden)
        values = {"inputs": net.sizes[0], "hidden": hidden[0], "outputs": net.sizes[-1]}
        if kind == "one":
            self.step("plain-network-one", **values)
        elif kind == "same":
            self.step("plain-network", hidden_layers=len(hidden), **values)
        else:
            self.step(
                "plain-network-mixed",
                hidden_layers=len(hidden),
                **values | {"hidden": list(hidden)},
            )
        self.diagram = NetworkDiagram(net, self.palette, width=7.6, height=5.0)
        sizes = "–".join(str(n) for n in net.sizes)
        self.sizes = label(f"{sizes} neurons", TYPE.body, self.palette.muted)
        self.sizes.next_to(self.diagram, DOWN, buff=0.2)
        STAGE.center_on(VGroup(self.diagram, self.sizes))
        self.play(FadeOut(self.plan), FadeIn(self.diagram), FadeIn(self.sizes))
        self.wait(2.5)

    def show_preview(self) -> None:
        validation = self.inputs.validation()
        rows = preview_rows(self.inputs.network, validation, N_PREVIEW)
        self.cards = [
            DigitCard(d, self.palette, 1.55) for d in self.inputs.validation_digits(rows)
        ]
        wrong = sum(c.digit.is_wrong for c in self.cards)
        self.step("preview", count=len(self.cards), right=len(self.cards) - wrong, wrong=wrong)
        STAGE.center_on(card_grid(self.cards, rows=2))
        self.play(FadeOut(self.diagram), FadeOut(self.sizes))
        self.play(FadeIn(Group(*self.cards), lag_ratio=0.08))
        self.play(*(FadeIn(c.reveal()) for c in self.cards))
        self.wait(3)
