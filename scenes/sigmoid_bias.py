"""Storyboard section 7: squish the sum with the sigmoid, then shift it with a bias.

It ends where the weighted-sum scene's neuron left off: the sum built from that
neuron's connections lands on the sigmoid's axis, its learned bias slides it
along, and the sigmoid lifts it to the activation the network really computes.
The sums, the bias and the axis's reach are the chapter's plan,
``lecture.chapters.sigmoid_bias``.

Render: ``manim render scenes/sigmoid_bias.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circumscribe,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    MathTex,
    MoveAlongPath,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from lecture.chapters.sigmoid_bias import TICK, Plot, plan
from lecture.step import Step
from network import activations
from network.detector import NeuronResult
from scenes.kit.maths import activation_axes, plot_function, tex, tex_activation, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.type_scale import TYPE

__all__ = ["Marker", "SigmoidAndBias"]


class Marker(VGroup):
    """A point on the axes, and its note above it."""

    def __init__(self, dot: Dot, note: MathTex) -> None:
        super().__init__(dot, note)
        self.dot, self.note = dot, note


class SigmoidAndBias(LectureScene):
    """σ squeezes any sum into (0, 1); the bias decides where the neuron switches on."""

    PLAN = plan

    @property
    def plot(self) -> Plot:
        """The axis every step draws on."""
        return self.chapter.shows

    def sigmoid(self, step: Step[None]) -> None:
        p = self.palette
        self.axes = activation_axes(self.plot.x_range, (0, 1, 0.5), p, width=9.0, height=3.6)
        STAGE.to_bottom(self.axes, buff=0.6)
        self.curve = plot_function(self.axes, activations.sigmoid, p.highlight)
        self.formula = tex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=TYPE.formula, palette=p)
        STAGE.to_top(self.formula, buff=0.4)
        self.play(FadeIn(self.axes), run_time=self.fill(1.0, "range"))
        self.cue("range")  # the activation's axis, from zero to one, as the range is said
        self.play(Indicate(self.axes.y_axis, color=p.highlight), run_time=self.fill(1.0, "curve"))
        self.cue("curve")
        self.play(Create(self.curve), run_time=self.fill(1.5, "formula"))
        self.cue("formula")  # the formula written as it is read out
        self.play(Write(self.formula), run_time=self.fill(1.5, "left"))
        # Each flat end of the curve is traced over as it is named.
        start, end, _ = self.plot.x_range
        for name, span, until in (
            ("left", (start, -TICK), "right"),
            ("right", (TICK, end), None),
        ):
            flat = plot_function(self.axes, activations.sigmoid, p.text, x_range=list(span))
            self.cue(name)
            self.play(Create(flat.set_stroke(width=9, opacity=0.8)), run_time=0.8)
            self.play(FadeOut(flat), run_time=self.fill(0.5, until))
        self.wait(0.5)

    def marker(self, x: float, y: float, text: str) -> Marker:
        p = self.palette
        dot = Dot(self.axes.c2p(x, y), color=p.positive, radius=0.09)
        note = tex(text, font_size=TYPE.body, palette=p).next_to(dot, UP, buff=0.2)
        return Marker(dot, STAGE.keep_inside(note))

    def real_sum(self, step: Step[NeuronResult]) -> None:
        """Moment: the sum lands on the axis as it is said, then rises to the curve as its
        activation is said."""
        s, a = step.shows.weighted_sum, step.shows.activation
        p = self.palette
        mark = self.marker(s, a, rf"\sigma({tex_number(s)}) \approx {tex_activation(a)}")
        foot = self.axes.c2p(s, 0)
        value = tex(tex_number(s), font_size=TYPE.label, palette=p).next_to(foot, UP, buff=0.2)
        self.cue("mark")
        self.play(
            GrowFromCenter(mark.dot.move_to(foot)),
            FadeIn(value),
            run_time=self.fill(0.8, "value"),
        )
        self.rise = DashedLine(foot, self.axes.c2p(s, a), color=p.muted, stroke_width=2)
        self.cue("value")
        self.play(
            FadeOut(value),
            Create(self.rise),
            mark.dot.animate.move_to(self.axes.c2p(s, a)),
            run_time=1.2,
        )
        self.play(FadeIn(mark.note), run_time=self.fill(1.0, "further"))
        self.mark = mark
        # A point runs along the whole curve, left to right, as sums further right are
        # said to come closer to one; then it is gone.
        start, end, _ = self.plot.x_range
        path = plot_function(self.axes, activations.sigmoid, p.highlight, x_range=[start, end])
        runner = Dot(path.get_start(), color=p.highlight, radius=0.07)
        self.cue("further")
        self.play(FadeIn(runner), run_time=0.3)
        self.play(MoveAlongPath(runner, path), run_time=self.fill(1.5))
        self.play(FadeOut(runner), run_time=0.4)
        self.wait(0.5)

    def bias(self, step: Step[NeuronResult]) -> None:
        """Moments: the "+ b" inside σ is pointed at, the curve shifts by the bias, and the
        sum's point drops onto the shifted curve."""
        p, biased = self.palette, step.shows
        s, a, b = biased.weighted_sum, biased.activation, biased.bias
        shifted = plot_function(self.axes, lambda x: activations.sigmoid(x + b), p.positive)
        n = self.plot.inputs
        self.bias_formula = tex(
            r"a = ",
            r"\sigma(",
            rf"w_1 a_1 + \cdots + w_{{{n}}} a_{{{n}}}",
            r"+ b",
            r")",
            rf", \quad b = {b:g}",
            font_size=TYPE.formula,
            palette=p,
        ).move_to(self.formula)
        sigma, plus_b, close = (self.bias_formula[i] for i in (1, 3, 4))
        new_mark = self.marker(
            s, a, rf"\sigma({tex_number(s)} {b:+g}) \approx {tex_activation(a)}"
        )
        self.play(
            FadeOut(self.formula), FadeIn(self.bias_formula), run_time=self.fill(1.0, "bias")
        )
        self.cue("bias")  # the bias, inside the sigmoid's brackets
        self.play(Indicate(plus_b, color=p.highlight), run_time=self.fill(1.0, "inside"))
        # The sum and the bias added to it, then the sigma applied to their total.
        self.cue("inside")
        self.play(
            Circumscribe(self.bias_formula[2:4], color=p.highlight, fade_out=True),  # sum, + b
            run_time=self.fill(1.0, "sigma"),
        )
        self.cue("sigma")
        self.play(
            Indicate(sigma, color=p.highlight),
            Indicate(close, color=p.highlight),
            run_time=self.fill(1.0, "shift"),
        )
        # The curve slides right by the bias as "shifts" is said; the faint original stays.
        offset = ValueTracker(0.0)
        sliding = always_redraw(
            lambda: plot_function(
                self.axes, lambda x: activations.sigmoid(x - offset.get_value()), p.positive
            )
        )
        self.cue("shift")
        self.add(sliding)
        self.play(
            self.curve.animate.set_stroke(opacity=0.35),
            offset.animate.set_value(-b),
            run_time=self.fill(1.5, "value"),
        )
        self.remove(sliding, offset)
        self.add(shifted)
        self.cue("value")
        drop = DashedLine(self.axes.c2p(s, 0), new_mark.dot.get_center(), color=p.muted)
        self.play(
            FadeOut(self.mark.note),
            self.mark.dot.animate.move_to(new_mark.dot),
            Transform(self.rise, drop.set_stroke(width=2)),
            run_time=1.0,
        )
        self.remove(self.mark.dot)
        self.add(new_mark.dot)
        self.play(FadeIn(new_mark.note), run_time=self.fill(1.0))
        self.shifted, self.mark = shifted, new_mark
        self.wait(0.5)

    def neuron_sum(self, step: Step[NeuronResult]) -> None:
        """Moment: the featured neuron's weighted sum, built from its connections in the
        weighted-sum scene, lands as a point on the sigmoid's axis."""
        p, t = self.palette, step.shows
        total = tex_number(t.weighted_sum)
        self.sum_tex = tex(
            r"\textstyle\sum_i w_i a_i =", total, font_size=TYPE.formula, palette=p
        ).move_to(self.bias_formula)
        #: The sum's number in the formula, the part that lands on the axis.
        sum_value = self.sum_tex.get_part_by_tex(total)
        assert sum_value is not None  # the formula's second part is exactly ``total``
        self.sum_value = sum_value.set_color(p.highlight)
        self.dot = Dot(self.axes.c2p(t.weighted_sum, 0), color=p.highlight, radius=0.09)
        self.value = tex(total, font_size=TYPE.label, palette=p)
        self.value.set_color(p.highlight).next_to(self.dot, UP, buff=0.15)
        self.play(
            FadeOut(self.bias_formula),
            FadeOut(self.shifted),
            FadeOut(self.mark),
            FadeOut(self.rise),
            self.curve.animate.set_stroke(opacity=1.0),
            run_time=1.0,
        )
        self.play(FadeIn(self.sum_tex), run_time=self.fill(1.0, "lands"))
        self.cue("lands")
        self.play(TransformFromCopy(self.sum_value, self.value), run_time=1.5)
        self.play(GrowFromCenter(self.dot), run_time=self.fill(0.6))
        self.wait(0.5)

    def trained_neuron(self, step: Step[NeuronResult]) -> None:
        """Moments: the bias slides the sum along the axis as the bias is said; σ lifts it
        to the curve as its activation is said."""
        p, t = self.palette, step.shows
        b = t.bias
        start, end = self.axes.c2p(t.weighted_sum, 0), self.axes.c2p(t.z, 0)
        self.shift_arrow = Arrow(start, end, buff=0, color=p.highlight, stroke_width=5)
        self.shift_arrow.shift(0.16 * UP)
        bias_tex = tex(rf"b = {tex_number(b)}", font_size=TYPE.label, palette=p)
        # Beside the arrow's start, away from where the point rises to the curve.
        bias_tex.set_color(p.highlight).next_to(self.shift_arrow, LEFT if b >= 0 else RIGHT).shift(
            0.08 * UP
        )
        self.trained_tex = tex(
            r"a = \sigma(",
            tex_number(t.weighted_sum),
            rf"{'-' if b < 0 else '+'} {tex_number(abs(b))}",
            rf") = \sigma({tex_number(t.z)}) \approx {tex_activation(t.activation)}",
            font_size=TYPE.formula,
            palette=p,
        ).move_to(self.sum_tex)
        #: The sum the weights gave and the bias added to it, in the formula.
        weighted, added = self.trained_tex[1], self.trained_tex[2]
        top = self.axes.c2p(t.z, t.activation)
        rise = DashedLine(end, top, color=p.muted, stroke_width=2)
        note = self.marker(t.z, t.activation, rf"z = {tex_number(t.z)}").note
        # The bias as it is said; the sum it is added to and the bias again as each is
        # named; the arrow and the slide as the point is said to move.
        self.cue("shift")
        self.play(FadeOut(self.value), FadeIn(bias_tex), run_time=self.fill(1.0, "sum"))
        self.cue("sum")
        self.play(Circumscribe(self.sum_value, color=p.highlight), run_time=self.fill(1.0, "sign"))
        self.cue("sign")
        self.play(Circumscribe(bias_tex, color=p.highlight), run_time=self.fill(1.0, "slides"))
        self.cue("slides")
        self.play(GrowArrow(self.shift_arrow), run_time=1.0)
        self.play(self.dot.animate.move_to(end), run_time=self.fill(1.2, "lift"))
        self.cue("lift")
        self.play(Create(rise), self.dot.animate.move_to(top), run_time=self.fill(1.4, "computes"))
        self.cue("computes")
        self.play(
            FadeOut(self.sum_tex),
            FadeIn(self.trained_tex),
            FadeIn(note),
            run_time=self.fill(1.0, "weights"),
        )
        # In the formula: the sum the weights gave, then the bias, as each is named.
        self.cue("weights")
        self.play(Indicate(weighted, color=p.highlight), run_time=self.fill(1.0, "strength"))
        self.cue("strength")
        self.play(
            AnimationGroup(
                Indicate(added, color=p.highlight), Indicate(bias_tex, color=p.highlight)
            ),
            run_time=self.fill(1.0),
        )
        self.bias_tex = bias_tex
        self.mark = Marker(self.dot, note)
        self.wait(0.5)
