"""Storyboard section 11: the whole network is one function, 784 numbers in, 10 out.

The chain of sigmas is written for the network's own number of weight layers: two
levels for one hidden layer, five for four.

Render: ``manim render scenes/function.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, RIGHT, FadeIn, FadeOut, Group, MathTex, SurroundingRectangle, VGroup

from lecture.chapters.function import Output, Signature, plan
from lecture.step import Step
from scenes.kit.grids import PixelGrid
from scenes.kit.maths import column_vector, tex, tex_count, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["CHAIN_SIZE", "MIN_CHAIN_SIZE", "NetworkFunction", "chain_tex"]

#: The chain's font size when it fits the stage (the shipped three levels do).
CHAIN_SIZE = TYPE.formula
#: The smallest the chain may be shrunk to fit the stage's width and stay readable at
#: 480p (its superscripts are the smallest glyphs). Five levels, the deepest network
#: allowed, need about 35.
MIN_CHAIN_SIZE = 32


def chain_tex(layers: int) -> str:
    """f(a) = σ(W⁽ᴸ⁾ … σ(W⁽¹⁾a + b⁽¹⁾) … + b⁽ᴸ⁾) for ``layers`` weight layers, in TeX.

    Built from the inside out, one σ per layer, so the formula has as many levels as
    the network has layers after the input.
    """
    inner = r"W^{(1)} a + b^{(1)}"
    for k in range(2, layers + 1):
        inner = rf"W^{{({k})}}\,\sigma\!\left({inner}\right) + b^{{({k})}}"
    return rf"f(a) = \sigma\!\left({inner}\right)"


class NetworkFunction(LectureScene):
    """f: 784 numbers → 10 numbers, with 13,002 parameters, on the real digit."""

    PLAN = plan

    def function(self, step: Step[None]) -> None:
        signature: Signature = self.chapter.shows
        p = self.palette
        self.signature = tex(
            rf"f : \mathbb{{R}}^{{{signature.inputs}}} \to \mathbb{{R}}^{{{signature.outputs}}}",
            font_size=TYPE.display,
            palette=p,
        )
        self.parameters = tex(
            rf"\text{{with }} {tex_count(signature.parameters)} \text{{ parameters}}",
            font_size=TYPE.formula,
            palette=p,
        ).next_to(self.signature, DOWN, buff=0.4)
        # The chain comes next, under these two: the three are centred on the stage together.
        self.formula = self.chain_formula(signature.layers)
        self.formula.next_to(self.parameters, DOWN, buff=0.7)
        STAGE.center_on(VGroup(self.signature, self.parameters, self.formula))
        self.play(FadeIn(self.signature))
        self.play(FadeIn(self.parameters))
        self.wait(2)

    def chain_formula(self, layers: int) -> MathTex:
        """The function written out, one σ per layer, shrunk only if it must fit the stage."""
        chain = tex(chain_tex(layers), font_size=CHAIN_SIZE, palette=self.palette)
        #: The font size the chain is drawn at.
        self.chain_size = CHAIN_SIZE * min(1.0, STAGE.width / chain.width)
        return chain.scale(self.chain_size / CHAIN_SIZE)

    def chain(self, step: Step[None]) -> None:
        self.play(FadeIn(self.formula))
        self.wait(2.5)

    def real_values(self, step: Step[Output]) -> None:
        output, p = step.shows, self.palette
        grid = PixelGrid(output.digit.pixels, p, height=3.0, lines=False)
        box = boxed(tex("f", font_size=TYPE.display, palette=p), p.highlight, pad=0.5)
        self.entries = [tex_number(v) for v in output.values]
        self.output_tex = tex(column_vector(self.entries), font_size=TYPE.value, palette=p)
        count = len(output.values)
        names = VGroup(*(label(str(d), TYPE.label, p.muted) for d in range(count)))
        parts = [grid, box, self.output_tex]
        Group(*parts).arrange(RIGHT, buff=1.4)
        height = self.output_tex.height
        for d, name in enumerate(names):
            y = self.output_tex.get_top()[1] - (d + 0.5) * height / count
            name.move_to((self.output_tex.get_right()[0] + 0.35, y, 0.0))
        STAGE.center_on(Group(*parts, names))
        #: The frame around the answer's name beside the vector (kept for tests).
        self.answer_box = SurroundingRectangle(names[output.answer], color=p.highlight, buff=0.08)
        self.output_names = names
        into_f, out_of_f = chain_arrows(parts, p.muted, buff=0.3)
        self.play(FadeOut(self.signature), FadeOut(self.parameters), FadeOut(self.formula))
        self.play(FadeIn(grid), FadeIn(into_f), FadeIn(box))
        self.play(FadeIn(out_of_f), FadeIn(self.output_tex), FadeIn(names))
        self.play(FadeIn(self.answer_box))
        self.wait(3)
