"""Storyboard section 11: the whole network is one function, 784 numbers in, 10 out.

The chain of sigmas is written for the network's own number of weight layers: two
levels for one hidden layer, five for four.

Render: ``manim render scenes/function.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, FadeIn, FadeOut, Group, MathTex, SurroundingRectangle, VGroup

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

    STEPS = ("function", "chain", "real-values", "real-values-right", "real-values-wrong")

    def construct(self) -> None:
        self.show_signature()
        self.show_chain()
        self.show_real_input_output()

    def show_signature(self) -> None:
        net, p = self.inputs.network, self.palette
        n_in, n_out = net.sizes[0], net.sizes[-1]
        self.step("function", inputs=n_in, outputs=n_out, parameters=net.n_parameters)
        self.signature = tex(
            rf"f : \mathbb{{R}}^{{{n_in}}} \to \mathbb{{R}}^{{{n_out}}}",
            font_size=TYPE.display,
            palette=p,
        )
        self.parameters = tex(
            rf"\text{{with }} {tex_count(net.n_parameters)} \text{{ parameters}}",
            font_size=TYPE.formula,
            palette=p,
        ).next_to(self.signature, DOWN, buff=0.4)
        # The chain comes next, under these two: the three are centred on the stage together.
        self.chain = self.chain_formula()
        self.chain.next_to(self.parameters, DOWN, buff=0.7)
        STAGE.center_on(VGroup(self.signature, self.parameters, self.chain))
        self.play(FadeIn(self.signature))
        self.play(FadeIn(self.parameters))
        self.wait(2)

    def chain_formula(self) -> MathTex:
        """The function written out, one σ per layer, shrunk only if it must fit the stage."""
        layers = len(self.inputs.network.weights)
        chain = tex(chain_tex(layers), font_size=CHAIN_SIZE, palette=self.palette)
        #: The font size the chain is drawn at.
        self.chain_size = CHAIN_SIZE * min(1.0, STAGE.width / chain.width)
        return chain.scale(self.chain_size / CHAIN_SIZE)

    def show_chain(self) -> None:
        self.step("chain", layers=len(self.inputs.network.weights))
        self.play(FadeIn(self.chain))
        self.wait(2.5)

    def show_real_input_output(self) -> None:
        digit, p = self.inputs.digit, self.palette
        output = digit.trace.output
        answer = digit.prediction
        runner_up = int(np.argsort(output)[-2])
        values = {
            "inputs": len(digit.pixels),
            "outputs": len(output),
            "answer": answer,
            "activation": output[answer],
            "runner_up": runner_up,
            "runner_up_activation": output[runner_up],
        }
        if digit.label is None:  # a user's image: nobody told us what it shows
            self.step("real-values", **values)
        elif digit.is_wrong:
            self.step("real-values-wrong", label=digit.label, **values)
        else:
            self.step("real-values-right", **values)
        grid = PixelGrid(digit.pixels, p, height=3.0, lines=False)
        box = boxed(tex("f", font_size=TYPE.display, palette=p), p.highlight, pad=0.5)
        self.entries = [tex_number(v) for v in output]
        self.output_tex = tex(column_vector(self.entries), font_size=TYPE.value, palette=p)
        names = VGroup(*(label(str(d), TYPE.label, p.muted) for d in range(len(output))))
        parts = [grid, box, self.output_tex]
        Group(*parts).arrange(RIGHT, buff=1.4)
        rows = self.output_tex[0]
        height = self.output_tex.height
        for d, name in enumerate(names):
            y = self.output_tex.get_top()[1] - (d + 0.5) * height / len(output)
            name.move_to([self.output_tex.get_right()[0] + 0.35, y, 0])
        STAGE.center_on(Group(*parts, names))
        self.answer_box = SurroundingRectangle(names[answer], color=p.highlight, buff=0.08)
        arrows = chain_arrows(parts, p.muted, buff=0.3)
        self.play(FadeOut(self.signature), FadeOut(self.parameters), FadeOut(self.chain))
        self.play(FadeIn(grid), FadeIn(arrows[0]), FadeIn(box))
        self.play(FadeIn(arrows[1]), FadeIn(rows), FadeIn(names))
        self.play(FadeIn(self.answer_box))
        self.wait(3)
