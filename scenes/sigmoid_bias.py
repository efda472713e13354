"""Storyboard section 7: squish the sum with the sigmoid, then shift it with a bias.

It ends where the weighted-sum scene's neuron left off: the sum built from that
neuron's connections lands on the sigmoid's axis, its learned bias slides it
along, and the sigmoid lifts it to the activation the network really computes.

Render: ``manim render scenes/sigmoid_bias.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    TransformFromCopy,
    VGroup,
)

from lecture.choices import axis_reach
from network.activations import sigmoid
from network.detector import LECTURE_DETECTOR, apply_neuron
from scenes.kit.maths import activation_axes, plot_function, tex, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.type_scale import TYPE

__all__ = ["BIAS", "X_RANGE", "SigmoidAndBias"]

BIAS = -10.0  # "fire only when the sum exceeds 10"
#: The sigmoid's x axis as drawn for the shipped network; a network whose sums land
#: further out gets a longer one (``axis_reach``), with the same ticks.
X_RANGE = (-15.0, 15.0, 5.0)


class SigmoidAndBias(LectureScene):
    """σ squeezes any sum into (0, 1); the bias decides where the neuron switches on."""

    STEPS = ("sigmoid", "real-sum", "bias", "neuron-sum", "trained-neuron")

    def construct(self) -> None:
        self.prepare()
        self.show_sigmoid()
        self.mark_sum()
        self.add_bias()
        self.land_neuron_sum()
        self.show_trained_neuron()

    def prepare(self) -> None:
        """Every sum the scene marks, and an x axis long enough for all of them."""
        digit, net = self.inputs.digit, self.inputs.network
        detector = LECTURE_DETECTOR.weights(LECTURE_DETECTOR.centre_on(digit.pixels))
        self.plain = apply_neuron(detector, digit.pixels)
        self.biased = apply_neuron(detector, digit.pixels, bias=BIAS)
        self.neuron = digit.featured_neuron
        w, b = net.weights[0][self.neuron], float(net.biases[0][self.neuron])
        self.trained = apply_neuron(w, digit.pixels, bias=b)
        marked = (self.plain.weighted_sum, self.trained.weighted_sum, self.trained.z)
        reach = axis_reach(marked, step=X_RANGE[2], least=X_RANGE[1])
        self.x_range = (-reach, reach, X_RANGE[2])

    def show_sigmoid(self) -> None:
        p = self.palette
        x = X_RANGE[2]  # the first tick either side of 0
        self.step(
            "sigmoid",
            left=-x,
            right=x,
            at_left=float(sigmoid(-x)),
            at_right=float(sigmoid(x)),
        )
        self.axes = activation_axes(self.x_range, (0, 1, 0.5), p, width=9.0, height=3.6)
        STAGE.to_bottom(self.axes, buff=0.6)
        self.curve = plot_function(self.axes, sigmoid, p.highlight)
        self.formula = tex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=TYPE.formula, palette=p)
        STAGE.to_top(self.formula, buff=0.4)
        self.play(FadeIn(self.axes), FadeIn(self.formula))
        self.play(Create(self.curve), run_time=1.5)
        self.wait(2)

    def marker(self, x: float, y: float, text: str) -> VGroup:
        p = self.palette
        dot = Dot(self.axes.c2p(x, y), color=p.positive, radius=0.09)
        note = tex(text, font_size=TYPE.body, palette=p).next_to(dot, UP, buff=0.2)
        return VGroup(dot, STAGE.keep_inside(note))

    def mark_sum(self) -> None:
        s, a = self.plain.weighted_sum, self.plain.activation
        self.step("real-sum", sum=s, activation=a)
        self.mark = self.marker(s, a, rf"\sigma({tex_number(s)}) = {tex_number(a, 4)}")
        self.play(FadeIn(self.mark))
        self.wait(2.5)

    def add_bias(self) -> None:
        p = self.palette
        s, a = self.biased.weighted_sum, self.biased.activation
        self.step("bias", threshold=-BIAS, bias=BIAS, sum=s, activation=a)
        shifted = plot_function(self.axes, lambda x: sigmoid(x + BIAS), p.positive)
        n = self.inputs.network.sizes[0]
        self.bias_formula = tex(
            rf"a = \sigma(w_1 a_1 + \cdots + w_{{{n}}} a_{{{n}}} + b), \quad b = {BIAS:g}",
            font_size=TYPE.formula,
            palette=p,
        ).move_to(self.formula)
        new_mark = self.marker(s, a, rf"\sigma({tex_number(s)} {BIAS:+g}) = {tex_number(a, 4)}")
        self.play(FadeOut(self.formula), FadeIn(self.bias_formula))
        self.play(self.curve.animate.set_stroke(opacity=0.35), Create(shifted))
        self.play(FadeOut(self.mark), FadeIn(new_mark))
        self.shifted, self.mark = shifted, new_mark
        self.wait(2.5)

    def land_neuron_sum(self) -> None:
        """Moment: the featured neuron's weighted sum, built from its connections in the
        weighted-sum scene, lands as a point on the sigmoid's axis."""
        p, t = self.palette, self.trained
        self.step("neuron-sum", neuron=self.neuron, sum=t.weighted_sum)
        self.sum_tex = tex(
            r"\textstyle\sum_i w_i a_i =",
            tex_number(t.weighted_sum),
            font_size=TYPE.formula,
            palette=p,
        ).move_to(self.bias_formula)
        self.sum_tex[1].set_color(p.highlight)
        self.dot = Dot(self.axes.c2p(t.weighted_sum, 0), color=p.highlight, radius=0.09)
        self.value = tex(tex_number(t.weighted_sum), font_size=TYPE.label, palette=p)
        self.value.set_color(p.highlight).next_to(self.dot, UP, buff=0.15)
        self.play(
            FadeOut(self.bias_formula),
            FadeOut(self.shifted),
            FadeOut(self.mark),
            self.curve.animate.set_stroke(opacity=1.0),
            run_time=1.0,
        )
        self.play(FadeIn(self.sum_tex), run_time=1.0)
        self.play(TransformFromCopy(self.sum_tex[1], self.value), run_time=1.5)
        self.play(GrowFromCenter(self.dot), run_time=0.6)
        self.wait(1)

    def show_trained_neuron(self) -> None:
        """Moment: the bias slides the sum along the axis; σ lifts it to the curve."""
        p, t, k = self.palette, self.trained, self.neuron
        b = t.bias
        self.step(
            "trained-neuron",
            neuron=k,
            sum=t.weighted_sum,
            bias=b,
            z=t.z,
            activation=t.activation,
        )
        start, end = self.axes.c2p(t.weighted_sum, 0), self.axes.c2p(t.z, 0)
        self.shift_arrow = Arrow(start, end, buff=0, color=p.highlight, stroke_width=5)
        self.shift_arrow.shift(0.16 * UP)
        bias_tex = tex(rf"b = {tex_number(b)}", font_size=TYPE.label, palette=p)
        # Beside the arrow's start, away from where the point rises to the curve.
        bias_tex.set_color(p.highlight).next_to(self.shift_arrow, LEFT if b >= 0 else RIGHT).shift(
            0.08 * UP
        )
        self.trained_tex = tex(
            rf"a = \sigma({tex_number(t.weighted_sum)} + ({tex_number(b)})) "
            rf"= \sigma({tex_number(t.z)}) = {tex_number(t.activation, 4)}",
            font_size=TYPE.formula,
            palette=p,
        ).move_to(self.sum_tex)
        top = self.axes.c2p(t.z, t.activation)
        rise = DashedLine(end, top, color=p.muted, stroke_width=2)
        note = self.marker(t.z, t.activation, rf"z = {tex_number(t.z)}")[1]
        self.play(FadeOut(self.value), GrowArrow(self.shift_arrow), FadeIn(bias_tex), run_time=1.2)
        self.play(self.dot.animate.move_to(end), run_time=1.2)
        self.play(Create(rise), self.dot.animate.move_to(top), run_time=1.4)
        self.play(FadeOut(self.sum_tex), FadeIn(self.trained_tex), FadeIn(note), run_time=1.0)
        self.bias_tex = bias_tex
        self.mark = VGroup(self.dot, note)
        self.wait(1.5)
