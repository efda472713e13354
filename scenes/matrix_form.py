"""Storyboard section 10: one layer to the next as a⁽¹⁾ = σ(W a⁽⁰⁾ + b), then with real numbers.

The bias vector is indexed to k, one entry per neuron of the next layer (the
original video wrote n there by mistake).

Render: ``manim render scenes/matrix_form.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    FadeIn,
    FadeOut,
    SurroundingRectangle,
    VGroup,
    config,
)

from network.analysis import ink_indices
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import column_vector, tex, tex_count, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.text import label

__all__ = ["MatrixForm"]

MARGIN = 0.35  # between the lines of algebra and the headline or the frame's edge

SYMBOLIC_W = (
    r"\begin{bmatrix} w_{0,0} & w_{0,1} & \cdots & w_{0,n} \\"
    r" w_{1,0} & w_{1,1} & \cdots & w_{1,n} \\"
    r" \vdots & \vdots & \ddots & \vdots \\"
    r" w_{k,0} & w_{k,1} & \cdots & w_{k,n} \end{bmatrix}"
)


def truncated_matrix(rows: list[list[str]]) -> str:
    """TeX for a matrix whose second-to-last row and column are elided."""
    lines = []
    for i, row in enumerate(rows):
        if i == len(rows) - 1:
            lines.append(r" & ".join([r"\vdots"] * (len(row) - 1) + [r"\ddots", r"\vdots"]))
        lines.append(r" & ".join([*row[:-1], r"\cdots", row[-1]]))
    return r"\begin{bmatrix}" + r" \\ ".join(lines) + r"\end{bmatrix}"


def layer_equation(layer: int) -> str:
    """TeX for one layer transition: a^{(l)} = sigma(W^{(l)} a^{(l-1)} + b^{(l)})."""
    return (
        rf"a^{{({layer})}} = \sigma\left(W^{{({layer})}} a^{{({layer - 1})}}"
        rf" + b^{{({layer})}}\right)"
    )


class MatrixForm(LectureScene):
    """The layer transition in matrix form, symbolic then with the network's numbers."""

    STEPS = ("matrix-form", "bias-vector", "real-numbers", "on-the-network", "every-layer")

    def construct(self) -> None:
        self.show_symbolic()
        self.point_at_bias()
        self.show_real_numbers()
        self.show_on_network()
        self.one_line_per_layer()

    def show_symbolic(self) -> None:
        p = self.palette
        self.step("matrix-form")
        self.symbolic = tex(
            r"a^{(1)} = \sigma\!\left(",
            SYMBOLIC_W,
            column_vector([r"a_0", r"a_1", r"\vdots", r"a_n"]),
            "+",
            column_vector([r"b_0", r"b_1", r"\vdots", r"b_k"]),
            r"\right)",
            font_size=40,
            palette=p,
        ).move_to([0, -0.2, 0])
        self.short = tex(r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=44, palette=p)
        self.short.next_to(self.symbolic, DOWN, buff=0.6)
        self.play(FadeIn(self.symbolic))
        self.play(FadeIn(self.short))
        self.wait(2.5)

    def point_at_bias(self) -> None:
        self.step("bias-vector", neurons=self.lecture.network.sizes[1])
        self.bias_box = SurroundingRectangle(self.symbolic[4], color=self.palette.highlight)
        self.play(FadeIn(self.bias_box))
        self.wait(2.5)

    def show_real_numbers(self) -> None:
        p, digit, net = self.palette, self.lecture.digit, self.lecture.network
        ink = ink_indices(digit.pixels)
        self.columns = [int(ink[0]), int(ink[1]), int(ink[-1])]
        n_out = net.weights[0].shape[0]
        self.rows = [0, 1, n_out - 1]
        w, b = net.weights[0], net.biases[0]
        a0, a1 = digit.trace.activations[0], digit.trace.activations[1]
        self.step(
            "real-numbers",
            rows=w.shape[0],
            columns=w.shape[1],
            first=self.columns[0],
            second=self.columns[1],
            last=self.columns[2],
        )

        def elided(values: list[str]) -> str:
            return column_vector([*values[:2], r"\vdots", values[2]])

        self.w_entries = [[tex_number(w[j, i]) for i in self.columns] for j in self.rows]
        self.a0_entries = [tex_number(a0[i]) for i in self.columns]
        self.b_entries = [tex_number(b[j]) for j in self.rows]
        self.a1_entries = [tex_number(a1[j]) for j in self.rows]
        self.real = tex(
            r"\sigma\!\left(",
            truncated_matrix(self.w_entries),
            elided(self.a0_entries),
            "+",
            elided(self.b_entries),
            r"\right) =",
            elided(self.a1_entries),
            font_size=34,
            palette=p,
        ).move_to([0, -0.3, 0])
        self.real[-1].set_color(p.highlight)
        sizes = label(
            f"W: {w.shape[0]} × {w.shape[1]}, a⁽⁰⁾: {w.shape[1]} pixels, b and a⁽¹⁾: {n_out}",
            24,
            p.muted,
        ).next_to(self.real, DOWN, buff=0.5)
        self.sizes = sizes
        self.play(
            FadeOut(self.symbolic), FadeOut(self.bias_box), FadeOut(self.short), FadeIn(self.real)
        )
        self.play(FadeIn(sizes))
        self.wait(3)

    def show_on_network(self) -> None:
        p, digit = self.palette, self.lecture.digit
        a1 = digit.trace.activations[1]
        top, next_, bottom = self.rows
        self.step(
            "on-the-network",
            top=top,
            next=next_,
            bottom=bottom,
            a_top=a1[top],
            a_next=a1[next_],
            a_bottom=a1[bottom],
        )
        self.diagram = NetworkDiagram(self.lecture.network, p, width=5.0, height=5.4)
        self.diagram.move_to([3.3, -0.45, 0])
        for layer in (0, 1):
            self.diagram.set_layer(digit.trace, layer)
        # A wide layer is drawn elided (first and last neurons, a ⋮): the rings find the
        # circles drawn for neurons 0, 1 and the last, wherever the elision puts them.
        ring = 1.3 * self.diagram.neuron_radius
        self.marked = VGroup(
            *(
                Circle(ring, color=p.highlight, stroke_width=3).move_to(self.diagram.neuron(1, j))
                for j in self.rows
            )
        )
        # The box takes in the neuron count an elided layer shows under its column.
        self.column = SurroundingRectangle(
            VGroup(self.diagram.layers[1], *self.count_under(1)), color=p.highlight, buff=0.12
        )
        self.column_name = tex(r"a^{(1)}", font_size=36, palette=p).set_color(p.highlight)
        self.column_name.next_to(self.column, UP, buff=0.12)
        # Keep the real result vector at full size (it must stay readable at 480p) and
        # shorten the rest of the equation to its symbols.
        result = self.real[-1]
        self.compact = tex(r"\sigma\left(W a^{(0)} + b\right) =", font_size=40, palette=p)
        row = VGroup(self.compact, result.copy()).arrange(RIGHT, buff=0.25)
        row.to_edge(LEFT, buff=0.7).set_y(self.diagram.get_y())
        self.play(
            FadeOut(self.sizes),
            FadeOut(VGroup(*self.real[:-1])),
            FadeIn(self.compact),
            result.animate.move_to(row[1]),
        )
        self.play(FadeIn(self.diagram))
        self.play(FadeIn(self.column), FadeIn(self.column_name), FadeIn(self.marked))
        self.wait(3)

    def count_under(self, layer: int) -> list:
        """The neuron count the diagram writes under ``layer`` if it elides it, else none."""
        elided = [i for i in self.diagram.elisions if i > 0]
        return [self.diagram.hidden_counts[elided.index(layer)]] if layer in elided else []

    def fit_below_caption(self, block) -> None:
        """Shrink and move ``block`` (only if needed) into the room under the headline,
        so that five layers' lines fit as well as the shipped three."""
        room_top = self.caption.get_bottom()[1] - MARGIN
        room_bottom = -config.frame_height / 2 + MARGIN
        if block.height > room_top - room_bottom:
            block.scale_to_fit_height(room_top - room_bottom)
        if block.get_top()[1] > room_top:
            block.shift((room_top - block.get_top()[1]) * UP)
        if block.get_bottom()[1] < room_bottom:
            block.shift((room_bottom - block.get_bottom()[1]) * UP)

    def one_line_per_layer(self) -> None:
        p, net = self.palette, self.lecture.network
        self.step("every-layer", count=len(net.weights), multiplications=net.n_weights)
        self.transitions = [
            tex(layer_equation(i + 1), font_size=44, palette=p) for i in range(len(net.weights))
        ]
        equations = VGroup(*self.transitions).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        self.shapes = VGroup(
            *(
                tex(
                    rf"W^{{({i + 1})}}\colon\ {w.shape[0]} \times {w.shape[1]}",
                    font_size=34,
                    palette=p,
                )
                for i, w in enumerate(net.weights)
            )
        ).set_color(p.muted)
        column = equations.get_right() + 0.8 * RIGHT
        for shape, equation in zip(self.shapes, self.transitions, strict=True):
            shape.next_to(equation, RIGHT).align_to(column, LEFT)
        rows = VGroup(equations, self.shapes).move_to([0, 0.2, 0])
        self.work = tex(
            rf"\text{{{tex_count(net.n_weights)} multiplications per digit}}",
            font_size=34,
            palette=p,
        ).next_to(rows, DOWN, buff=0.7)
        self.work.set_color(p.highlight)
        self.fit_below_caption(VGroup(rows, self.work))
        self.play(
            *(
                FadeOut(m)
                for m in (
                    self.real[-1],
                    self.compact,
                    self.diagram,
                    self.column,
                    self.column_name,
                    self.marked,
                )
            )
        )
        self.play(FadeIn(rows, lag_ratio=0.3))
        self.play(FadeIn(self.work))
        self.wait(3)
