"""Storyboard section 11: the whole network is one function, 784 numbers in, 10 out.

A neuron is shown as a function of the layer before, then the network's signature and
parameter count. The chain of sigmas is written for the network's own number of weight
layers (two levels for one hidden layer, five for four), and is pointed at level by
level, from the innermost outward, as the narration names the layers.

Render: ``manim render scenes/function.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    DOWN,
    RIGHT,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    MathTex,
    SurroundingRectangle,
    Transform,
    VGroup,
    VMobject,
)

from lecture.chapters.function import Output, Signature, plan
from lecture.step import Step
from scenes.kit.grids import PixelGrid
from scenes.kit.maths import tex, tex_count, tex_escape, tex_number
from scenes.kit.parted_tex import NamedTex, PartedTex
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import label, lighten
from scenes.kit.type_scale import TYPE

__all__ = [
    "CHAIN_SIZE",
    "MIN_CHAIN_SIZE",
    "NEURON_TEX",
    "SIMPLER_TEX",
    "NetworkFunction",
    "chain_parts",
    "chain_tex",
    "level_parts",
]

#: The chain's font size when it fits the stage (the shipped three levels do).
CHAIN_SIZE = TYPE.formula
#: The smallest the chain may be shrunk to fit the stage's width and stay readable at
#: 480p (its superscripts are the smallest glyphs). Five levels, the deepest network
#: allowed, need about 35.
MIN_CHAIN_SIZE = 32

#: One neuron as a function of the layer before (the notation of the sigmoid chapter), in
#: parts after its name (the script's words, :meth:`NetworkFunction.named`): what it
#: takes, the arrow, the one number it gives.
NEURON_TEX = (
    r"(a_1, \ldots, a_n)",
    r"\;\mapsto\;",
    r"\sigma(w_1 a_1 + \cdots + w_n a_n + b)",
)
#: The simpler function the narration compares with, one weighted sum per digit: in parts,
#: what follows its name (the script's words), and the weighted sums (pointed at as they
#: are named).
SIMPLER_TEX = (r"\; g(a) =", r"W a + b")

_OPEN, _CLOSE = r"\sigma\!\left(", r"\right)"


def chain_parts(layers: int) -> list[str]:
    """The TeX of :func:`chain_tex` cut into parts (joined without spaces they give it
    back): ``f(a) =``, then for each level from the outermost in its ``σ(`` and its
    ``W``, the innermost ``W⁽¹⁾a`` and ``+ b⁽¹⁾``, then each level's ``)`` and ``+ b``.

    Typeset as separate parts, each level's glyphs can be pointed at (:func:`level_parts`).
    """
    parts = ["f(a) = ", _OPEN]
    for k in range(layers, 1, -1):
        parts += [rf"W^{{({k})}}\,", _OPEN]
    parts += [r"W^{(1)} a", r" + b^{(1)}"]
    for k in range(2, layers + 1):
        parts += [_CLOSE, rf" + b^{{({k})}}"]
    parts.append(_CLOSE)
    return parts


def level_parts(layers: int, level: int) -> range:
    """The indices in :func:`chain_parts` of weight layer ``level``'s σ( … ): from its
    opening σ( through its closing bracket (every level inside it included)."""
    if not 1 <= level <= layers:
        raise ValueError(f"level {level} is not one of {layers} weight layers")
    opening = 1 + 2 * (layers - level)  # "f(a) =", then σ( and W per outer level
    core = 2 * layers  # the index of W⁽¹⁾a; + b⁽¹⁾ follows it
    closing = core + 2 + 2 * (level - 1)  # each inner level adds ")" and "+ b"
    return range(opening, closing + 1)


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

    @staticmethod
    def named(name: str) -> str:
        r"""A formula's name (the script's words) as its first TeX: ``\text{a neuron: }``."""
        return rf"\text{{{tex_escape(name)} }}"

    def function(self, step: Step[None]) -> None:
        signature: Signature = self.chapter.shows
        p = self.palette
        neuron = self.named(self.note(step.notes["neuron"])) + r"\;"
        self.neuron_tex = tex(neuron, *NEURON_TEX, font_size=TYPE.formula, palette=p)
        self.signature = tex(
            r"f : ",
            rf"\mathbb{{R}}^{{{signature.inputs}}}",
            r"\to",
            rf"\mathbb{{R}}^{{{signature.outputs}}}",
            font_size=TYPE.display,
            palette=p,
        )
        parameters = self.formula_note(
            step.notes["parameters"], parameters=tex_count(signature.parameters)
        )
        self.parameters = tex(parameters, font_size=TYPE.formula, palette=p)
        # The chain and the simpler function come next, under these: all five are
        # centred on the stage together.
        self.formula = self.chain_formula(signature.layers)
        simpler = self.named(self.note(self.chapter.step("chain").notes["simpler"]))
        self.simpler = tex(
            simpler + SIMPLER_TEX[0], *SIMPLER_TEX[1:], font_size=TYPE.formula, palette=p
        ).set_color(p.muted)
        column = VGroup(self.neuron_tex, self.signature, self.parameters)
        column.arrange(DOWN, buff=0.4)
        self.formula.next_to(self.parameters, DOWN, buff=0.6)
        self.simpler.next_to(self.formula, DOWN, buff=0.45)
        STAGE.center_on(VGroup(column, self.formula, self.simpler))
        # The neuron's name as what it was said to hold is recalled; the function it
        # truly is, as it is called one.
        self.cue("held")
        self.play(FadeIn(self.neuron_tex[0]), run_time=self.fill(1.0))
        self.cue("neuron")
        self.play(FadeIn(self.neuron_tex[1:]), run_time=self.fill(1.0))
        self.cue("inputs")
        self.play(Indicate(self.neuron_tex[1], color=p.highlight), run_time=self.fill(1.0))
        self.cue("one")
        self.play(Indicate(self.neuron_tex[3], color=p.highlight), run_time=self.fill(1.0))
        self.cue("network")
        self.play(FadeIn(self.signature), run_time=self.fill(1.0))
        self.cue("in")
        self.play(Indicate(self.signature[1], color=p.highlight), run_time=self.fill(1.0))
        self.cue("out")
        self.play(Indicate(self.signature[3], color=p.highlight), run_time=self.fill(1.0))
        self.cue("parameters")
        self.play(FadeIn(self.parameters), run_time=self.fill(1.0))

    def chain_formula(self, layers: int) -> MathTex:
        """The function written out, one σ per layer, in parts (one can point at each
        level), shrunk only if it must fit the stage."""
        chain = lighten(
            MathTex(
                *chain_parts(layers),
                arg_separator="",
                font_size=CHAIN_SIZE,
                color=self.palette.text,
            )
        )
        #: The font size the chain is drawn at.
        self.chain_size = CHAIN_SIZE * min(1.0, STAGE.width / chain.width)
        return chain.scale(self.chain_size / CHAIN_SIZE)

    def level(self, level: int) -> VGroup:
        """The chain's glyphs of weight layer ``level``'s σ( … )."""
        layers = self.chapter.shows.layers
        return VGroup(*(self.formula.submobjects[i] for i in level_parts(layers, level)))

    def chain(self, step: Step[None]) -> None:
        p, layers = self.palette, self.chapter.shows.layers
        self.play(FadeIn(self.formula), run_time=self.fill(1.0))
        boxes = [
            SurroundingRectangle(self.level(k), color=p.highlight, buff=0.08)
            for k in range(1, layers + 1)
        ]
        #: The frame that points at the level being named; at the end it frames the
        #: hidden layers' part of the chain (every level but the output's).
        self.level_box = boxes[0].copy()
        self.cue("inner")
        self.play(Create(self.level_box), run_time=self.fill(1.0))
        # The innermost level's pieces, each as its step is named: the weights times the
        # pixels, the biases, and sigma (its opening and closing brackets).
        core = 2 * layers  # W⁽¹⁾a in chain_parts; + b⁽¹⁾ follows it
        glyphs = self.formula.submobjects
        pieces = [[glyphs[core]], [glyphs[core + 1]], [glyphs[core - 1], glyphs[core + 2]]]
        for name, piece in zip(("weights", "biases", "sigma"), pieces, strict=True):
            self.cue(name)
            self.play(
                *(Indicate(glyph, color=p.highlight) for glyph in piece), run_time=self.fill(0.8)
            )
        self.cue("outer")
        each = min(1.0, 2.4 / max(layers - 1, 1))
        for k, box in enumerate(boxes[1:], start=2):
            last = k == layers
            self.play(Transform(self.level_box, box), run_time=self.fill(each) if last else each)
        # The simpler function is brought forward as it is named (in the text's colour,
        # the chain's frame gone), then steps back as the hidden layers are named.
        self.cue("simpler")
        self.simpler.set_color(p.text)
        self.play(FadeOut(self.level_box), FadeIn(self.simpler), run_time=self.fill(1.0))
        self.cue("sum")
        self.play(Indicate(self.simpler[1], color=p.highlight), run_time=self.fill(1.0))
        self.cue("whole")
        self.level_box = boxes[-2].copy()
        self.play(Create(self.level_box), self.simpler.animate.set_color(p.muted))
        self.play(
            Indicate(self.level(layers - 1), color=p.highlight, scale_factor=1.05),
            run_time=self.fill(1.0),
        )

    def real_values(self, step: Step[Output]) -> None:
        output, p = step.shows, self.palette
        grid = PixelGrid(output.digit.pixels, p, height=3.0, lines=False)
        box = boxed(tex("f", font_size=TYPE.display, palette=p), p.highlight, pad=0.5)
        self.entries = [tex_number(v) for v in output.values]
        layout = PartedTex().matrix("output", self.entries)
        self.output_tex = NamedTex(layout, font_size=TYPE.value, palette=p)
        count = len(output.values)
        names = VGroup(*(label(str(d), TYPE.label, p.muted) for d in range(count)))
        parts = [grid, box, self.output_tex]
        Group(*parts).arrange(RIGHT, buff=1.4)
        for d, name in enumerate(names):
            entry = self.output_tex.line("output", d)
            name.move_to((self.output_tex.get_right()[0] + 0.35, entry.get_y(), 0.0))
        STAGE.center_on(Group(*parts, names))
        #: The frame around the answer's name beside the vector (kept for tests).
        self.answer_box = SurroundingRectangle(names[output.answer], color=p.highlight, buff=0.08)
        self.output_names = names
        #: The answer's entry of the output vector, coloured when the answer is said.
        self.answer_entry: VMobject = self.output_tex.line("output", output.answer)
        into_f, out_of_f = chain_arrows(parts, p.muted, buff=0.3)
        self.play(
            FadeOut(self.neuron_tex),
            FadeOut(self.signature),
            FadeOut(self.parameters),
            FadeOut(self.formula),
            FadeOut(self.simpler),
            FadeOut(self.level_box),
        )
        self.play(FadeIn(grid), run_time=self.fill(1.0))
        self.cue("input")
        self.play(FadeIn(into_f), FadeIn(box), run_time=self.fill(1.0))
        self.cue("output")
        self.play(
            FadeIn(out_of_f), FadeIn(self.output_tex), FadeIn(names), run_time=self.fill(1.0)
        )
        self.cue("answer")
        self.play(Indicate(self.answer_entry, color=p.highlight))
        self.play(
            Create(self.answer_box),
            self.answer_entry.animate.set_color(p.highlight),
            run_time=self.fill(1.0),
        )
        self.cue("runner-up")
        runner_up = VGroup(
            self.output_tex.line("output", output.runner_up), names[output.runner_up]
        )
        self.play(Indicate(runner_up, color=p.text), run_time=self.fill(1.0))
