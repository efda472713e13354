"""Storyboard section 7: squish the sum with the sigmoid, then shift it with a bias.

Render: ``manim render scenes/sigmoid_bias.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import LEFT, UP, Create, Dot, FadeIn, FadeOut, VGroup

from network.activations import sigmoid
from network.analysis import strongest_neuron
from network.detector import LECTURE_DETECTOR, apply_neuron
from scenes.kit.maths import activation_axes, plot_function, tex, tex_number
from scenes.kit.scene import LectureScene

__all__ = ["SigmoidAndBias"]

BIAS = -10.0  # "fire only when the sum exceeds 10"
X_RANGE = (-15.0, 15.0, 5.0)


class SigmoidAndBias(LectureScene):
    """σ squeezes any sum into (0, 1); the bias decides where the neuron switches on."""

    STEPS = ("sigmoid", "real-sum", "bias", "trained-neuron")

    def construct(self) -> None:
        digit = self.lecture.digit
        detector = LECTURE_DETECTOR.weights(LECTURE_DETECTOR.centre_on(digit.pixels))
        self.plain = apply_neuron(detector, digit.pixels)
        self.biased = apply_neuron(detector, digit.pixels, bias=BIAS)
        self.show_sigmoid()
        self.mark_sum()
        self.add_bias()
        self.show_trained_neuron()

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
        self.axes = activation_axes(X_RANGE, (0, 1, 0.5), p, width=9.0, height=3.6)
        self.axes.move_to([0, -1.2, 0])
        self.curve = plot_function(self.axes, sigmoid, p.highlight)
        self.formula = tex(r"\sigma(x) = \frac{1}{1 + e^{-x}}", font_size=44, palette=p)
        self.formula.move_to([0, 2.2, 0])
        self.play(FadeIn(self.axes), FadeIn(self.formula))
        self.play(Create(self.curve), run_time=1.5)
        self.wait(2)

    def marker(self, x: float, y: float, text: str) -> VGroup:
        p = self.palette
        dot = Dot(self.axes.c2p(x, y), color=p.positive, radius=0.09)
        note = tex(text, font_size=32, palette=p).next_to(dot, UP, buff=0.2)
        overflow = note.get_right()[0] - 6.4  # keep the note inside the frame
        if overflow > 0:
            note.shift(overflow * LEFT)
        return VGroup(dot, note)

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
        n = self.lecture.network.sizes[0]
        self.bias_formula = tex(
            rf"a = \sigma(w_1 a_1 + \cdots + w_{{{n}}} a_{{{n}}} + b), \quad b = {BIAS:g}",
            font_size=40,
            palette=p,
        ).move_to(self.formula)
        new_mark = self.marker(s, a, rf"\sigma({tex_number(s)} {BIAS:+g}) = {tex_number(a, 4)}")
        self.play(FadeOut(self.formula), FadeIn(self.bias_formula))
        self.play(self.curve.animate.set_stroke(opacity=0.35), Create(shifted))
        self.play(FadeOut(self.mark), FadeIn(new_mark))
        self.shifted, self.mark = shifted, new_mark
        self.wait(2.5)

    def show_trained_neuron(self) -> None:
        p, digit, net = self.palette, self.lecture.digit, self.lecture.network
        k = strongest_neuron(digit.trace, 1)
        w, b = net.weights[0][k], float(net.biases[0][k])
        self.trained = apply_neuron(w, digit.pixels, bias=b)
        t = self.trained
        self.step(
            "trained-neuron",
            neuron=k,
            sum=t.weighted_sum,
            bias=b,
            z=t.z,
            activation=t.activation,
        )
        self.trained_tex = tex(
            rf"a = \sigma({tex_number(t.weighted_sum)} + ({tex_number(b)})) "
            rf"= \sigma({tex_number(t.z)}) = {tex_number(t.activation, 4)}",
            font_size=40,
            palette=p,
        ).move_to(self.bias_formula)
        mark = self.marker(t.z, t.activation, rf"z = {tex_number(t.z)}")
        self.play(
            FadeOut(self.bias_formula),
            FadeOut(self.shifted),
            FadeOut(self.mark),
            self.curve.animate.set_stroke(opacity=1.0),
        )
        self.play(FadeIn(self.trained_tex), FadeIn(mark))
        self.mark = mark
        self.wait(3)
