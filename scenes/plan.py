"""Storyboard section 2: the plan — structure now, learning next — and a preview.

Render: ``manim render scenes/plan.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circumscribe,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    Mobject,
    VGroup,
    VMobject,
    Write,
    there_and_back,
)

from lecture.chapters.plan import Headings, Plain, Preview, plan
from lecture.step import Step
from scenes.kit.animations import built
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.gallery import DigitCard, card_grid, right_verdicts, wrong_marks
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label, wrapped
from scenes.kit.type_scale import TYPE

__all__ = ["ThePlan"]

#: Room between a plan row's heading and its words.
ROW_BUFF = 0.5


class ThePlan(LectureScene):
    """What this chapter covers, the plain network, and what it can already do."""

    PLAN = plan

    def the_plan(self, step: Step[Headings]) -> None:
        p, heads = self.palette, step.shows
        rows = [
            (self.note(heads.this_chapter), self.note(step.notes["this-chapter"])),
            (self.note(heads.next_chapter), self.note(step.notes["next-chapter"])),
        ]
        titles = [label(head, TYPE.body, p.highlight) for head, _ in rows]
        # A row's words take the room its heading leaves, on more lines if need be.
        room = STAGE.width - max(title.width for title in titles) - ROW_BUFF
        bodies = [wrapped(body, room, TYPE.body, p.text) for _, body in rows]
        self.plan = VGroup(
            *(
                VGroup(head, body[0]).arrange(RIGHT, buff=ROW_BUFF)
                if len(body) == 1  # one line: the words themselves
                else VGroup(head, body).arrange(RIGHT, buff=ROW_BUFF, aligned_edge=UP)
                for head, body in zip(titles, bodies, strict=True)
            )
        ).arrange(DOWN, buff=0.8, aligned_edge=LEFT)
        STAGE.center_on(self.plan)
        (this_head, this_body), (next_head, next_body) = self.plan
        self.play(self.row_in(this_head, this_body), run_time=self.fill(2))
        # "what a network is made of": the parts the row lists.
        self.cue("made")
        self.play(Circumscribe(this_body, color=p.highlight), run_time=self.fill(1.5))
        self.cue("next")
        self.play(self.row_in(next_head, next_body), run_time=self.fill(2.5))
        self.cue("chapter")
        self.play(Circumscribe(next_head, color=p.highlight), run_time=self.fill(1))

    @staticmethod
    def row_in(head: Mobject, body: VMobject) -> AnimationGroup:
        """A row of the plan: its heading, then its words written out."""
        return AnimationGroup(FadeIn(head, shift=0.2 * RIGHT), Write(body), lag_ratio=0.25)

    def plain_network(self, step: Step[Plain]) -> None:
        self.diagram = NetworkDiagram(self.inputs.network, self.palette, width=7.6, height=5.0)
        sizes = self.note(step.notes["sizes"])
        self.sizes = label(sizes, TYPE.body, self.palette.muted)
        self.sizes.next_to(self.diagram, DOWN, buff=0.2)
        STAGE.center_on(VGroup(self.diagram, self.sizes))
        # The plan's lines leave at once; the network comes in as it is introduced.
        self.play(FadeOut(self.plan), run_time=0.4)
        self.play(FadeIn(self.diagram), FadeIn(self.sizes), run_time=self.fill(1))
        layers = self.diagram.layers
        # "Its circles are called neurons": every circle in turn, top to bottom.
        self.cue("neurons")
        circles = sorted(
            (n for layer in layers for n in layer), key=lambda n: -float(n.get_center()[1])
        )
        self.play(
            AnimationGroup(
                *(Indicate(n, scale_factor=1.3, color=self.palette.highlight) for n in circles),
                lag_ratio=0.03,
            ),
            run_time=self.fill(2),
        )
        self.cue("flow")
        # One layer after another, as each decides the next: a flash of colour, not a
        # scaling, which would lift a layer's neurons off their connections and labels.
        self.play(
            AnimationGroup(
                *(
                    built(
                        layer.animate.set_fill(self.palette.highlight, opacity=0.8)
                    ).set_rate_func(there_and_back)
                    for layer in layers
                ),
                lag_ratio=0.6,
            ),
            run_time=self.fill(2.4),
        )
        self.cue("hidden")
        self.play(
            *(Circumscribe(layer, color=self.palette.highlight) for layer in layers[1:-1]),
            run_time=self.fill(1.5),
        )
        # Their widths, as they are said: the middle numbers of the sizes written below
        # (a glyph per character but spaces, wherever the words put the sizes).
        self.cue("sizes")
        at = max(sizes.replace(" ", "").find(step.shows.dashed), 0)
        first = at + len(str(step.shows.sizes[0])) + 1  # the input's digits and its dash
        hidden = len("–".join(str(n) for n in step.shows.sizes[1:-1]))
        self.play(
            Indicate(self.sizes[first : first + hidden], color=self.palette.highlight),
            run_time=self.fill(1),
        )
        self.cue("reads")
        self.play(
            AnimationGroup(
                *(Indicate(d, color=self.palette.highlight) for d in self.diagram.output_labels),
                lag_ratio=0.15,
            ),
            run_time=self.fill(2),
        )

    def preview(self, step: Step[Preview]) -> None:
        self.cards = [DigitCard(d, self.palette, 1.55) for d in step.shows.digits]
        verdicts = [self.note(v) for v in step.shows.verdicts]
        grid = card_grid(self.cards, rows=2)
        #: The network's accuracy on every validation digit, under the cards.
        self.overall = label(self.note(step.notes["overall"]), TYPE.body, self.palette.text)
        STAGE.center_on(Group(grid, self.overall).arrange(DOWN, buff=0.7))
        self.play(FadeOut(self.diagram), FadeOut(self.sizes))
        self.play(FadeIn(Group(*self.cards), lag_ratio=0.08), run_time=self.fill(1))
        self.cue("verdicts")
        self.play(
            AnimationGroup(
                *(FadeIn(c.reveal(v)) for c, v in zip(self.cards, verdicts, strict=True)),
                lag_ratio=0.08,
            ),
            run_time=self.fill(1),
        )
        marks = wrong_marks(self.cards, self.palette)
        if marks:
            self.cue("wrong")
            self.play(*marks, run_time=self.fill(1))
        elif "right" in step.cues:
            # "every answer is right": each verdict in turn.
            self.cue("right")
            self.play(right_verdicts(self.cards, self.palette), run_time=self.fill(1.5))
        self.cue("overall")
        self.play(FadeIn(self.overall, shift=0.2 * DOWN), run_time=self.fill(1))
        self.cue("percent")
        self.play(Indicate(self.overall, color=self.palette.highlight), run_time=self.fill(1))
        if "handful" in step.cues:
            self.cue("handful")
            # Round the cards and the verdicts under them, not through the verdicts.
            shown = Group(*(Group(c, *(c.verdict or [])) for c in self.cards))
            self.play(
                Circumscribe(shown, color=self.palette.highlight),
                run_time=self.fill(1.5),
            )
