"""Storyboard section 10: one layer to the next as a⁽¹⁾ = σ(W a⁽⁰⁾ + b), then with real numbers.

The bias vector is indexed to k, one entry per neuron of the next layer (the
original video wrote n there by mistake).

Render: ``manim render scenes/matrix_form.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from itertools import pairwise

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    FadeIn,
    FadeOut,
    Mobject,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    VMobject,
)

from network.algebra import row_sum, shown_rows
from network.analysis import ink_indices
from network.shapes import hidden_count
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import column_vector, tex, tex_count, tex_number
from scenes.kit.parted_tex import PartedTex
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["MatrixForm", "elision_gaps", "matrix_lines", "truncated_matrix"]

#: How much the equation shrinks when it moves up to make room for one row's working.
EQUATION_SHRINK = 0.9
#: Frame units between the lines of the working (z_j, + b_j, σ).
LINE_GAP = 0.4

SYMBOLIC_W = (
    r"\begin{bmatrix} w_{0,0} & w_{0,1} & \cdots & w_{0,n} \\"
    r" w_{1,0} & w_{1,1} & \cdots & w_{1,n} \\"
    r" \vdots & \vdots & \ddots & \vdots \\"
    r" w_{k,0} & w_{k,1} & \cdots & w_{k,n} \end{bmatrix}"
)


def elision_gaps(indices: list[int]) -> list[int]:
    """Positions in ``indices`` after which rows are left out (a "⋮" row is drawn)."""
    return [i for i, (a, b) in enumerate(pairwise(indices)) if b - a > 1]


def truncated_matrix(rows: list[list[str]], gaps: list[int] | None = None) -> str:
    """TeX for a matrix whose second-to-last column is elided, with a row of dots after
    each row in ``gaps`` (by default, before the last row)."""
    lines = matrix_lines(rows, [len(rows) - 2] if gaps is None else gaps)
    return r"\begin{bmatrix}" + r" \\ ".join(lines) + r"\end{bmatrix}"


def matrix_lines(rows: list[list[str]], gaps: list[int], elide_column: bool = True) -> list[str]:
    """The lines of a matrix (or, with one entry a row, a column vector) as TeX: a row
    of dots after each row in ``gaps``; with ``elide_column`` the second-to-last
    column is elided as in ``truncated_matrix``."""
    lines = []
    for i, row in enumerate(rows):
        cells = [*row[:-1], r"\cdots", row[-1]] if elide_column else row
        lines.append(r" & ".join(cells))
        if i in gaps:
            dots = [r"\vdots"] * (len(row) - 1) + [r"\ddots", r"\vdots"]
            lines.append(r" & ".join(dots if elide_column else [r"\vdots"] * len(row)))
    return lines


def brackets(content: Mobject, color, buff: float = 0.1) -> VGroup:
    """Square brackets around ``content``, drawn as two polylines (like bmatrix's)."""
    h, arm = content.height + 2 * buff, 0.12
    left = VMobject(stroke_color=color, stroke_width=2.5).set_points_as_corners(
        [[arm, h / 2, 0], [0, h / 2, 0], [0, -h / 2, 0], [arm, -h / 2, 0]]
    )
    right = left.copy().flip(UP)
    left.next_to(content, LEFT, buff=buff)
    right.next_to(content, RIGHT, buff=buff)
    return VGroup(left, right)


def layer_equation(layer: int) -> str:
    """TeX for one layer transition: a^{(l)} = sigma(W^{(l)} a^{(l-1)} + b^{(l)})."""
    return (
        rf"a^{{({layer})}} = \sigma\left(W^{{({layer})}} a^{{({layer - 1})}}"
        rf" + b^{{({layer})}}\right)"
    )


class MatrixForm(LectureScene):
    """The layer transition in matrix form, symbolic then with the network's numbers."""

    STEPS = (
        "matrix-form",
        "bias-vector",
        "real-numbers",
        "one-row",
        "bias-and-sigma",
        "on-the-network",
        "on-the-network-one",
        "every-layer",
    )

    def construct(self) -> None:
        self.show_symbolic()
        self.point_at_bias()
        self.show_real_numbers()
        self.row_times_column()
        self.add_bias_and_squash()
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
            font_size=TYPE.formula,
            palette=p,
        )
        self.short = tex(
            r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=TYPE.formula, palette=p
        )
        self.short.next_to(self.symbolic, DOWN, buff=0.6)
        STAGE.center_on(VGroup(self.symbolic, self.short))
        self.play(FadeIn(self.symbolic))
        self.play(FadeIn(self.short))
        self.wait(2.5)

    def point_at_bias(self) -> None:
        self.step("bias-vector", neurons=self.inputs.network.sizes[1])
        self.bias_box = SurroundingRectangle(self.symbolic[4], color=self.palette.highlight)
        self.play(FadeIn(self.bias_box))
        self.wait(2.5)

    def show_real_numbers(self) -> None:
        p, digit, net = self.palette, self.inputs.digit, self.inputs.network
        ink = ink_indices(digit.pixels)
        self.columns = [int(ink[0]), int(ink[1]), int(ink[-1])]
        n_out = net.weights[0].shape[0]
        # The neuron the lecture features (the digit's strongest) is one of the rows shown.
        self.neuron = digit.featured_neuron
        self.rows = shown_rows(n_out, self.neuron)
        self.row_gaps = elision_gaps(self.rows)
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
        self.w_entries = [[tex_number(w[j, i]) for i in self.columns] for j in self.rows]
        self.a0_entries = [tex_number(a0[i]) for i in self.columns]
        self.b_entries = [tex_number(b[j]) for j in self.rows]
        self.a1_entries = [tex_number(a1[j]) for j in self.rows]
        gaps = self.row_gaps
        # The result is not known yet: "?" until a row is worked out (next steps). Each
        # matrix line is its own part, so later steps can lift a row or fill an entry.
        self.layout = PartedTex()
        self.layout.add(r"\sigma\!\left(")
        self.layout.matrix("W", matrix_lines(self.w_entries, gaps))
        a0_gaps = [len(self.columns) - 2]
        self.layout.matrix("a0", matrix_lines([[e] for e in self.a0_entries], a0_gaps, False))
        self.layout.add("+")
        self.layout.matrix("b", matrix_lines([[e] for e in self.b_entries], gaps, False))
        self.layout.add(r"\right) =")
        # Each "?" is as wide as the widest value that will replace it, so the brackets
        # already leave room for the numbers.
        width = 0.5 * max(len(e) for e in self.a1_entries) + 0.2
        unknown = rf"\makebox[{width:.1f}em]{{?}}"
        self.layout.matrix("a1", matrix_lines([[unknown] for _ in self.rows], gaps, False))
        self.real = STAGE.center_on(tex(*self.layout.parts, font_size=TYPE.value, palette=p))
        self.a1_part = VGroup(*(self.real[i] for i in self.layout.block("a1")))
        self.a1_part.set_color(p.highlight)
        self.a1_height = self.a1_part.height
        sizes = label(
            f"W: {w.shape[0]} × {w.shape[1]}, a⁽⁰⁾: {w.shape[1]} pixels, b and a⁽¹⁾: {n_out}",
            TYPE.label,
            p.muted,
        ).next_to(self.real, DOWN, buff=0.5)
        self.sizes = sizes
        self.play(
            FadeOut(self.symbolic), FadeOut(self.bias_box), FadeOut(self.short), FadeIn(self.real)
        )
        self.play(FadeIn(sizes))
        self.wait(3)

    def shown_line(self, index: int) -> int:
        """The line of the matrix (or of b, a⁽¹⁾) that shows row ``self.rows[index]``:
        a row of dots stands between rows that are not neighbours."""
        return index + sum(1 for gap in self.row_gaps if gap < index)

    def row_times_column(self) -> None:
        """Row j of W slides out beside the pixel column; each shown weight meets its pixel,
        their products appear, and all of them (shown or not) add up to entry j of W a."""
        p, digit, net = self.palette, self.inputs.digit, self.inputs.network
        j = self.neuron
        self.row = row_sum(net, digit.trace, 1, j)
        self.product_values = [float(self.row.products[i]) for i in self.columns]
        self.product_entries = [tex_number(v) for v in self.product_values]
        self.z_entry = tex_number(self.row.weighted_sum)
        self.step(
            "one-row",
            neuron=j,
            columns=net.sizes[0],
            first=self.columns[0],
            weight=self.row.weights[self.columns[0]],
            pixel=self.row.inputs[self.columns[0]],
            product=self.product_values[0],
            z=self.row.weighted_sum,
        )
        matrix_row = self.real[self.layout.line("W", self.shown_line(self.rows.index(j)))]
        a0_column = VGroup(*(self.real[i] for i in self.layout.block("a0")))
        # The equation moves up, a little smaller, to make room for the working.
        self.play(FadeOut(self.sizes), self.real.animate.scale(EQUATION_SHRINK))
        self.play(self.real.animate.next_to([0, STAGE.top, 0], DOWN, buff=0))
        self.row_box = SurroundingRectangle(matrix_row, color=p.highlight, buff=0.06)
        self.a0_box = SurroundingRectangle(a0_column, color=p.highlight, buff=0.04)

        # Row j as a row vector, the pixel column beside it, as W a is written.
        size = TYPE.formula
        entries = [tex(e, font_size=size, palette=p) for e in self.w_entries[self.rows.index(j)]]
        row_parts = VGroup(*entries[:-1], tex(r"\cdots", font_size=size, palette=p), entries[-1])
        row_parts.arrange(RIGHT, buff=0.35)
        row = VGroup(row_parts, brackets(row_parts, p.text))
        pixels = [tex(e, font_size=size, palette=p) for e in self.a0_entries]
        col_parts = VGroup(*pixels[:-1], tex(r"\vdots", font_size=size, palette=p), pixels[-1])
        col_parts.arrange(DOWN, buff=0.22)
        column = VGroup(col_parts, brackets(col_parts, p.text))
        pair = VGroup(row, column).arrange(RIGHT, buff=0.25)
        name = label(self.note("one-row", "row", neuron=j), TYPE.label, p.muted)
        name.next_to(row, UP, buff=0.2)
        # Each shown weight times the pixel beside it: the products, as real numbers.
        shown = [0, 1, len(self.columns) - 1]
        # A negative product after the first is written as a subtraction, not "+ −0.10".
        first, second, last = self.product_entries
        terms = [tex(e.removeprefix("-"), font_size=size, palette=p) for e in (second, last)]
        terms.insert(0, tex(first, font_size=size, palette=p))
        signs = [
            tex("-" if e.startswith("-") else "+", font_size=size, palette=p)
            for e in (second, last)
        ]
        self.products = VGroup(
            tex("=", font_size=size, palette=p),
            terms[0],
            signs[0],
            terms[1],
            tex("+", font_size=size, palette=p),
            tex(r"\cdots", font_size=size, palette=p),
            signs[1],
            terms[2],
        ).arrange(RIGHT, buff=0.2)
        plus = [self.products[k] for k in (2, 4, 6)]
        self.products.next_to(pair, RIGHT, buff=0.35).align_to(pair, UP).shift(0.2 * DOWN)
        # All of them add up: shown or not, every product is in the sum.
        self.z_line = tex("=", self.z_entry, font_size=size, palette=p)
        self.z_line.next_to(self.products, DOWN, buff=0.45, aligned_edge=LEFT)
        self.z_line[1].set_color(p.highlight)
        self.all_products = label(
            self.note("one-row", count=net.sizes[0]), TYPE.small, p.muted
        ).next_to(self.z_line, RIGHT, buff=0.3)
        self.work = VGroup(name, pair, self.products, self.z_line, self.all_products)
        # The bias and sigma lines will follow under z_j, each about as tall as it: the
        # whole working is centred in the room left under the equation.
        later = 2 * (self.z_line.height + LINE_GAP)
        room = self.real.get_bottom()[1] - STAGE.bottom
        gap = max(0.35, (room - self.work.height - later) / 2)
        self.work.next_to(self.real, DOWN, buff=gap)
        STAGE.keep_inside(self.work)

        self.play(FadeIn(self.row_box), FadeIn(self.a0_box))
        self.play(
            TransformFromCopy(matrix_row, row),
            TransformFromCopy(a0_column, column),
            FadeIn(name),
            run_time=1.6,
        )
        pairs = [VGroup(row_parts[k], col_parts[k]) for k in shown]
        self.play(
            AnimationGroup(
                *(TransformFromCopy(pr, t) for pr, t in zip(pairs, terms, strict=True)),
                lag_ratio=0.6,
            ),
            FadeIn(VGroup(self.products[0], *plus, self.products[5])),
            run_time=2.4,
        )
        self.play(TransformFromCopy(self.products[1:], self.z_line), run_time=1.2)
        self.play(FadeIn(self.all_products))
        self.wait(1)

    def add_bias_and_squash(self) -> None:
        """+ b_j, then σ: the result is neuron j's activation, and entry j of a⁽¹⁾."""
        p, j = self.palette, self.neuron
        self.biased_entry = tex_number(self.row.biased)
        self.activation_entry = tex_number(self.row.activation)
        self.step(
            "bias-and-sigma",
            neuron=j,
            bias=self.row.bias,
            biased=self.row.biased,
            activation=self.row.activation,
        )
        size = TYPE.formula
        line = self.shown_line(self.rows.index(j))
        b_line = self.real[self.layout.line("b", line)]
        self.b_box = SurroundingRectangle(b_line, color=p.highlight, buff=0.06)
        self.bias_line = tex(
            self.z_entry, "+", tex_number(self.row.bias), "=", self.biased_entry,
            font_size=size, palette=p,
        )  # fmt: skip
        self.bias_line.next_to(self.z_line, DOWN, buff=LINE_GAP).align_to(self.z_line[1], LEFT)
        self.sigma_line = tex(
            r"\sigma(", self.biased_entry, ") =", self.activation_entry,
            font_size=size, palette=p,
        )  # fmt: skip
        self.sigma_line.next_to(self.bias_line, DOWN, buff=LINE_GAP)
        self.sigma_line.align_to(self.z_line[1], LEFT)
        self.sigma_line[-1].set_color(p.highlight)
        self.z_line[1].set_color(p.text)
        self.play(FadeIn(self.b_box), FadeOut(self.all_products))
        self.play(
            TransformFromCopy(self.z_line[1], self.bias_line[0]),
            TransformFromCopy(b_line, self.bias_line[2]),
            FadeIn(self.bias_line[1]),
            run_time=1.4,
        )
        self.play(FadeIn(self.bias_line[3:]))
        self.play(
            FadeIn(VGroup(self.sigma_line[0], self.sigma_line[2])),
            TransformFromCopy(self.bias_line[4], self.sigma_line[1]),
            run_time=1.2,
        )
        self.play(FadeIn(self.sigma_line[3]))
        # The activation takes its place in the result column, where the "?" was: the
        # "?" becomes a copy of the value just found, which then travels into the slot.
        self.results: dict[int, str] = {}
        question = self.result_entry(j)
        entry = self.filled_entry(j)
        question.become(self.sigma_line[3].copy())
        self.play(Transform(question, entry), run_time=1.2)
        self.work.add(self.bias_line, self.sigma_line)
        self.wait(1)

    def result_entry(self, neuron: int) -> Mobject:
        """The part of a⁽¹⁾ (in the equation) that shows ``neuron``'s entry."""
        return self.real[self.layout.line("a1", self.shown_line(self.rows.index(neuron)))]

    def filled_entry(self, neuron: int) -> Mobject:
        """The real activation of ``neuron``, typeset at the result column's present
        scale where its "?" stands (``results`` records what was written)."""
        value = self.a1_entries[self.rows.index(neuron)]
        self.results[neuron] = value
        entry = tex(value, font_size=TYPE.value, palette=self.palette)
        entry.set_color(self.palette.highlight)
        entry.scale(self.a1_part.height / self.a1_height)
        return entry.move_to(self.result_entry(neuron))

    def show_on_network(self) -> None:
        p, digit = self.palette, self.inputs.digit
        a1 = digit.trace.activations[1]
        top, next_, bottom = self.rows
        j = self.neuron
        only_hidden = hidden_count(self.inputs.network.sizes) == 1
        self.step(
            "on-the-network-one" if only_hidden else "on-the-network",
            neuron=j,
            activation=a1[j],
            top=top,
            next=next_,
            bottom=bottom,
            a_top=a1[top],
            a_next=a1[next_],
            a_bottom=a1[bottom],
        )
        self.diagram = NetworkDiagram(self.inputs.network, p, width=5.0, height=5.4, keep={1: j})
        self.diagram.move_to(STAGE.column(1, 2))
        self.diagram.set_layer(digit.trace, 0)
        # A wide layer is drawn elided (first and last neurons, a ⋮): the rings find the
        # circles drawn for the neurons shown, wherever the elision puts them.
        # Each ring traces its neuron's own outline: neighbouring rows never overlap.
        ring = self.diagram.neuron_radius
        self.marked = VGroup(
            *(
                Circle(ring, color=p.highlight, stroke_width=4).move_to(self.diagram.neuron(1, r))
                for r in self.rows
            )
        )
        # The box takes in the neuron count an elided layer shows under its column.
        self.column = SurroundingRectangle(
            VGroup(self.diagram.layers[1], *self.count_under(1)), color=p.highlight, buff=0.12
        )
        self.column_name = tex(r"a^{(1)}", font_size=TYPE.value, palette=p).set_color(p.highlight)
        self.column_name.next_to(self.column, UP, buff=0.12)
        # Keep the result vector readable (back at full size) and shorten the rest of
        # the equation to its symbols.
        result = self.a1_part
        self.compact = tex(
            r"\sigma\left(W a^{(0)} + b\right) =", font_size=TYPE.formula, palette=p
        )
        target = result.copy().scale(self.a1_height / result.height)
        row = VGroup(self.compact, target).arrange(RIGHT, buff=0.25)
        row.to_edge(LEFT, buff=0.7).set_y(self.diagram.get_y())
        self.play(
            FadeOut(self.work),
            FadeOut(VGroup(self.row_box, self.a0_box, self.b_box)),
            FadeOut(VGroup(*(m for m in self.real if m not in result))),
            FadeIn(self.compact),
            result.animate.scale(self.a1_height / result.height).move_to(target),
        )
        self.play(FadeIn(self.diagram))
        # Neuron j lights first, at the activation just worked out by hand.
        first = self.rows.index(j)
        self.play(
            FadeIn(self.marked[first]),
            self.diagram.neuron(1, j).animate.set_fill(
                opacity=float(self.diagram.brightness(a1)[j])
            ),
        )
        # Then every other row at once: the other entries fill in, the whole layer lights.
        others = [r for r in self.rows if r != j]
        self.play(
            *(Transform(self.result_entry(r), self.filled_entry(r)) for r in others),
            self.diagram.animate_layer(digit.trace, 1, lag_ratio=0.05),
            *(FadeIn(self.marked[self.rows.index(r)]) for r in others),
            run_time=1.5,
        )
        self.play(FadeIn(self.column), FadeIn(self.column_name))
        self.wait(2)

    def count_under(self, layer: int) -> list:
        """The neuron count the diagram writes under ``layer`` if it elides it, else none."""
        elided = [i for i in self.diagram.elisions if i > 0]
        return [self.diagram.hidden_counts[elided.index(layer)]] if layer in elided else []

    def one_line_per_layer(self) -> None:
        p, net = self.palette, self.inputs.network
        self.step("every-layer", count=len(net.weights), multiplications=net.n_weights)
        self.transitions = [
            tex(layer_equation(i + 1), font_size=TYPE.formula, palette=p)
            for i in range(len(net.weights))
        ]
        equations = VGroup(*self.transitions).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        self.shapes = VGroup(
            *(
                tex(
                    rf"W^{{({i + 1})}}\colon\ {w.shape[0]} \times {w.shape[1]}",
                    font_size=TYPE.body,
                    palette=p,
                )
                for i, w in enumerate(net.weights)
            )
        ).set_color(p.muted)
        column = equations.get_right() + 0.8 * RIGHT
        for shape, equation in zip(self.shapes, self.transitions, strict=True):
            shape.next_to(equation, RIGHT).align_to(column, LEFT)
        rows = STAGE.center_on(VGroup(equations, self.shapes))
        self.work = tex(
            rf"\text{{{tex_count(net.n_weights)} multiplications per digit}}",
            font_size=TYPE.body,
            palette=p,
        ).next_to(rows, DOWN, buff=0.7)
        self.work.set_color(p.highlight)
        STAGE.keep_inside(STAGE.fit(VGroup(rows, self.work)))
        self.play(
            *(
                FadeOut(m)
                for m in (
                    self.a1_part,
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
