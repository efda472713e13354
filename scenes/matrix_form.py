"""Storyboard section 10: one layer to the next as a⁽¹⁾ = σ(W a⁽⁰⁾ + b), then with real numbers.

The chapter (``lecture.chapters.matrix_form``) picks the rows and columns shown and
works the featured neuron's row out; this scene typesets it. The bias vector is
indexed to k, one entry per neuron of the next layer (the original video wrote n
there by mistake).

Render: ``manim render scenes/matrix_form.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Mobject,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    VMobject,
)
from manim.utils.color import ParsableManimColor

from lecture.chapters.matrix_form import Featured, Layers, RealNumbers, Row, plan
from lecture.step import Step
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import column_vector, tex, tex_activation, tex_count, tex_number
from scenes.kit.parted_tex import NamedGroup, NamedTex, PartedTex
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["MatrixForm", "elision_gaps", "matrix_lines", "truncated_matrix"]

#: How much the equation shrinks when it moves up to make room for one row's working.
EQUATION_SHRINK = 0.9
#: Frame units between the lines of the working (z_j, + b_j, σ).
LINE_GAP = 0.4

#: The pixels (columns of W) shown, as the chapter names them; the products written
#: out are theirs.
COLUMNS = ("first", "second", "last")

#: The symbolic W, line by line (one row of weights per neuron of the next layer), so a
#: row can be pointed at.
SYMBOLIC_W = [
    r"w_{0,0} & w_{0,1} & \cdots & w_{0,n}",
    r"w_{1,0} & w_{1,1} & \cdots & w_{1,n}",
    r"\vdots & \vdots & \ddots & \vdots",
    r"w_{k,0} & w_{k,1} & \cdots & w_{k,n}",
]


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


def brackets(content: Mobject, color: ParsableManimColor, buff: float = 0.1) -> VGroup:
    """Square brackets around ``content``, drawn as two polylines (like bmatrix's)."""
    h, arm = content.height + 2 * buff, 0.12
    left = VMobject(stroke_color=color, stroke_width=2.5).set_points_as_corners(
        np.array([[arm, h / 2, 0], [0, h / 2, 0], [0, -h / 2, 0], [arm, -h / 2, 0]])
    )
    right = left.copy().flip(UP)
    left.next_to(content, LEFT, buff=buff)
    right.next_to(content, RIGHT, buff=buff)
    return VGroup(left, right)


def elided(cells: list[VMobject], dots: VMobject) -> NamedGroup:
    """The cells of the columns shown, named as ``COLUMNS``, with ``dots`` standing for
    the columns left out before the last one."""
    named = dict(zip(COLUMNS, cells, strict=True))
    return NamedGroup(
        {"first": named["first"], "second": named["second"], "dots": dots, "last": named["last"]}
    )


def layer_equation(layer: int) -> str:
    """TeX for one layer transition: a^{(l)} = sigma(W^{(l)} a^{(l-1)} + b^{(l)})."""
    return (
        rf"a^{{({layer})}} = \sigma\left(W^{{({layer})}} a^{{({layer - 1})}}"
        rf" + b^{{({layer})}}\right)"
    )


class MatrixForm(LectureScene):
    """The layer transition in matrix form, symbolic then with the network's numbers."""

    PLAN = plan

    @property
    def featured(self) -> Featured:
        """The featured neuron, and the rows and columns of W shown."""
        shown: Featured = self.chapter.shows
        return shown

    def matrix_form(self, step: Step[None]) -> None:
        p = self.palette
        layout = PartedTex().part("left", r"a^{(1)} = \sigma\!\left(")
        layout.matrix("W", SYMBOLIC_W)
        layout.part("a", column_vector([r"a_0", r"a_1", r"\vdots", r"a_n"]))
        layout.part("plus", "+")
        layout.part("b", column_vector([r"b_0", r"b_1", r"\vdots", r"b_k"]))
        layout.part("right", r"\right)")
        self.symbolic = NamedTex(layout, font_size=TYPE.formula, palette=p)
        self.short = tex(
            r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=TYPE.formula, palette=p
        )
        self.short.next_to(self.symbolic, DOWN, buff=0.6)
        STAGE.center_on(VGroup(self.symbolic, self.short))
        self.play(FadeIn(self.symbolic), run_time=self.fill(1))
        # A box frames each part of the equation as it is named: the column, the matrix,
        # one row of it, the product, the biases, sigma. Each new box is drawn on its
        # part as the old one fades, rather than sliding across the parts between.
        parts = self.symbolic

        def around(mobject: Mobject) -> SurroundingRectangle:
            return SurroundingRectangle(mobject, color=p.highlight, buff=0.08)

        box = around(parts.part("a"))
        self.cue("column")
        self.play(Create(box), run_time=self.fill(1))
        for cue, target in (
            ("matrix", parts.part("W")),
            ("row", parts.line("W", 0)),
            ("rest", parts.parts("W", "a")),
            ("biases", parts.parts("plus", "b")),
            ("sigma", parts.parts("left", "right")),
        ):
            self.cue(cue)
            new_box = around(target)
            self.play(FadeOut(box), Create(new_box), run_time=self.fill(0.8))
            box = new_box
        self.cue("short")
        self.play(FadeOut(box), FadeIn(self.short), run_time=self.fill(1))
        self.wait(0.5)

    def bias_vector(self, step: Step[None]) -> None:
        self.bias_box = SurroundingRectangle(self.symbolic.part("b"), color=self.palette.highlight)
        self.cue("plusb")
        self.play(FadeIn(self.bias_box), run_time=self.fill(1))
        # "From b zero to b k": the column of biases, top to bottom.
        self.cue("ends")
        self.play(
            Indicate(self.symbolic.part("b"), color=self.palette.highlight),
            run_time=self.fill(1.5),
        )
        # "Like the rows of W": its last row, k, as b runs to b_k.
        self.cue("rows")
        self.play(
            Circumscribe(
                self.symbolic.line("W", len(SYMBOLIC_W) - 1), color=self.palette.highlight
            ),
            run_time=self.fill(1.5),
        )
        self.wait(0.5)

    def real_numbers(self, step: Step[RealNumbers]) -> None:
        p, real = self.palette, step.shows
        rows, gaps = self.featured.rows, self.row_gaps()
        w_entries = [[tex_number(v) for v in row] for row in real.weights]
        a0_entries = [tex_number(v) for v in real.pixels]
        b_entries = [tex_number(v) for v in real.biases]
        self.a1_entries = {
            j: tex_activation(v) for j, v in zip(rows, real.activations, strict=True)
        }
        # The result is not known yet: "?" until a row is worked out (next steps). Each
        # matrix line is its own part, so later steps can lift a row or fill an entry.
        layout = PartedTex()
        layout.add(r"\sigma\!\left(")
        layout.matrix("W", matrix_lines(w_entries, gaps))
        a0_gaps = [len(a0_entries) - 2]
        layout.matrix("a0", matrix_lines([[e] for e in a0_entries], a0_gaps, False))
        layout.add("+")
        layout.matrix("b", matrix_lines([[e] for e in b_entries], gaps, False))
        layout.add(r"\right) =")
        # Each "?" is as wide as the widest value that will replace it, so the brackets
        # already leave room for the numbers.
        width = 0.5 * max(len(e) for e in self.a1_entries.values()) + 0.2
        unknown = rf"\makebox[{width:.1f}em]{{?}}"
        layout.matrix("a1", matrix_lines([[unknown] for _ in rows], gaps, False))
        self.real = NamedTex(layout, font_size=TYPE.value, palette=p)
        STAGE.center_on(self.real)
        self.a1_part = self.real.part("a1")
        self.a1_part.set_color(p.highlight)
        self.a1_height = self.a1_part.height
        self.sizes = label(self.note(step.notes["sizes"]), TYPE.label, p.muted)
        self.sizes.next_to(self.real, DOWN, buff=0.5)
        self.play(
            FadeOut(self.symbolic), FadeOut(self.bias_box), FadeOut(self.short), FadeIn(self.real)
        )
        self.cue("sizes")
        self.play(FadeIn(self.sizes), run_time=self.fill(1))
        # The pixels shown: those that count most for the neuron followed.
        self.cue("pixels")
        self.play(Circumscribe(self.real.part("a0"), color=p.highlight), run_time=self.fill(1.5))
        self.wait(0.5)

    def row_gaps(self) -> list[int]:
        """Positions in the rows shown after which rows are left out (a "⋮" row)."""
        return elision_gaps(list(self.featured.rows))

    def shown_line(self, neuron: int) -> int:
        """The line of the matrix (or of b, a⁽¹⁾) that shows row ``neuron``: a row of dots
        stands between rows that are not neighbours."""
        index = self.featured.rows.index(neuron)
        return index + sum(1 for gap in self.row_gaps() if gap < index)

    def one_row(self, step: Step[Row]) -> None:
        """Row j of W slides out beside the pixel column; each shown weight meets its pixel,
        their products appear, and all of them (shown or not) add up to entry j of W a."""
        p, row = self.palette, step.shows
        j = self.featured.neuron
        real = self.chapter.step("real-numbers").shows
        matrix_row = self.real.line("W", self.shown_line(j))
        a0_column = self.real.part("a0")
        # The equation moves up, a little smaller, to make room for the working.
        self.play(FadeOut(self.sizes), self.real.animate.scale(EQUATION_SHRINK))
        self.play(self.real.animate.next_to((0, STAGE.top, 0), DOWN, buff=0))
        self.row_box = SurroundingRectangle(matrix_row, color=p.highlight, buff=0.06)
        self.a0_box = SurroundingRectangle(a0_column, color=p.highlight, buff=0.04)

        # Row j as a row vector, the pixel column beside it, as W a is written.
        size = TYPE.formula

        def written(text: str) -> VMobject:
            return tex(text, font_size=size, palette=p)

        row_parts = elided(
            [written(tex_number(v)) for v in real.weights[self.featured.rows.index(j)]],
            written(r"\cdots"),
        )
        row_parts.arrange(RIGHT, buff=0.35)
        row_vector = VGroup(row_parts, brackets(row_parts, p.text))
        col_parts = elided([written(tex_number(v)) for v in real.pixels], written(r"\vdots"))
        col_parts.arrange(DOWN, buff=0.22)
        column = VGroup(col_parts, brackets(col_parts, p.text))
        pair = VGroup(row_vector, column).arrange(RIGHT, buff=0.25)
        name = label(self.note(step.notes["row"]), TYPE.label, p.muted)
        name.next_to(row_vector, UP, buff=0.2)
        # Each shown weight times the pixel beside it: the products, as real numbers.
        # A negative product after the first is written as a subtraction, not "+ −0.10".
        first, second, last = (tex_number(v) for v in row.products)

        def sign(term: str) -> VMobject:
            return written("-" if term.startswith("-") else "+")

        self.products = NamedGroup(
            {
                "equals": written("="),
                "first": written(first),
                "second-sign": sign(second),
                "second": written(second.removeprefix("-")),
                "plus": written("+"),
                "dots": written(r"\cdots"),
                "last-sign": sign(last),
                "last": written(last.removeprefix("-")),
            }
        ).arrange(RIGHT, buff=0.2)
        self.products.next_to(pair, RIGHT, buff=0.35).align_to(pair, UP).shift(0.2 * DOWN)
        # All of them add up: shown or not, every product is in the sum.
        self.z_line = NamedTex(
            PartedTex.named({"equals": "=", "z": tex_number(row.sum.weighted_sum)}),
            font_size=size,
            palette=p,
        )
        self.z_line.next_to(self.products, DOWN, buff=0.45, aligned_edge=LEFT)
        self.z_line.part("z").set_color(p.highlight)
        self.all_products = label(self.note(step.notes["count"]), TYPE.small, p.muted).next_to(
            self.z_line, RIGHT, buff=0.3
        )
        self.work = VGroup(name, pair, self.products, self.z_line, self.all_products)
        # The bias and sigma lines will follow under z_j, each about as tall as it: the
        # whole working is centred in the room left under the equation.
        later = 2 * (self.z_line.height + LINE_GAP)
        room = self.real.get_bottom()[1] - STAGE.bottom
        gap = max(0.35, (room - self.work.height - later) / 2)
        self.work.next_to(self.real, DOWN, buff=gap)
        STAGE.keep_inside(self.work)

        # The row as it is taken, the column as it is set beside it.
        self.cue("row")
        self.play(
            FadeIn(self.row_box),
            TransformFromCopy(matrix_row, row_vector),
            FadeIn(name),
            run_time=self.fill(1.2),
        )
        self.cue("column")
        self.play(
            FadeIn(self.a0_box), TransformFromCopy(a0_column, column), run_time=self.fill(1.2)
        )
        # Each shown weight meets the pixel beside it and becomes their product.
        self.cue("multiply")
        self.play(
            AnimationGroup(
                *(
                    TransformFromCopy(
                        VGroup(row_parts.part(c), col_parts.part(c)), self.products.part(c)
                    )
                    for c in COLUMNS
                ),
                lag_ratio=0.6,
            ),
            FadeIn(self.products.parts("equals", "second-sign", "plus", "last-sign", "dots")),
            run_time=self.fill(2.4),
        )
        # The product that counts most, with the weight and the pixel that made it.
        largest = COLUMNS[row.largest]
        term = self.products.part(largest)
        if largest != "first" and row.products[row.largest] < 0:  # its minus sign too
            term = VGroup(self.products.part(f"{largest}-sign"), term)
        self.cue("term")
        self.play(
            Indicate(term, color=p.highlight),
            Indicate(row_parts.part(largest), color=p.highlight),
            Indicate(col_parts.part(largest), color=p.highlight),
            run_time=self.fill(1.5),
        )
        # "Add them up": every product, shown or not, lands in the sum.
        terms = self.products.parts(*(n for n in self.products.names if n != "equals"))
        # The note comes with the sum, as it is said, not after it.
        self.cue("sum")
        self.play(
            TransformFromCopy(terms, self.z_line),
            FadeIn(self.all_products),
            run_time=self.fill(1.2),
        )
        self.wait(0.5)

    def bias_and_sigma(self, step: Step[Row]) -> None:
        """+ b_j, then σ: the result is neuron j's activation, and entry j of a⁽¹⁾."""
        p, row, j = self.palette, step.shows.sum, self.featured.neuron
        biased = tex_number(row.biased)
        size = TYPE.formula
        b_line = self.real.line("b", self.shown_line(j))
        self.b_box = SurroundingRectangle(b_line, color=p.highlight, buff=0.06)
        # The lines of the working start under the "=" of the sum's line; the sum stays
        # highlighted (as the frames of this step have always shown it).
        equals = self.z_line.part("equals")
        self.bias_line = NamedTex(
            PartedTex.named(
                {
                    "z": tex_number(row.weighted_sum),
                    "plus": "+",
                    "bias": tex_number(row.bias),
                    "equals": "=",
                    "biased": biased,
                }
            ),
            font_size=size,
            palette=p,
        )
        self.bias_line.next_to(self.z_line, DOWN, buff=LINE_GAP).align_to(equals, LEFT)
        self.sigma_line = NamedTex(
            PartedTex.named(
                {
                    "sigma": r"\sigma(",
                    "biased": biased,
                    "close": r") \approx",
                    "activation": tex_activation(row.activation),
                }
            ),
            font_size=size,
            palette=p,
        )
        self.sigma_line.next_to(self.bias_line, DOWN, buff=LINE_GAP)
        self.sigma_line.align_to(equals, LEFT)
        self.sigma_line.part("activation").set_color(p.highlight)
        # "Plus b": its bias is boxed in b and joins the sum.
        self.cue("plusb")
        # The note on the sum stays beside it until the activation is found.
        self.play(FadeIn(self.b_box))
        self.play(
            TransformFromCopy(self.z_line.part("z"), self.bias_line.part("z")),
            TransformFromCopy(b_line, self.bias_line.part("bias")),
            FadeIn(self.bias_line.part("plus")),
            run_time=1.4,
        )
        self.play(FadeIn(self.bias_line.parts("equals", "biased")), run_time=self.fill(1))
        self.cue("sigma")
        self.play(
            FadeIn(self.sigma_line.parts("sigma", "close")),
            TransformFromCopy(self.bias_line.part("biased"), self.sigma_line.part("biased")),
            run_time=1.2,
        )
        # The note goes before the activation travels up past it to its slot (for good:
        # the working is cleared later without bringing it back).
        self.play(
            FadeIn(self.sigma_line.part("activation")),
            FadeOut(self.all_products),
            run_time=self.fill(1),
        )
        self.work.remove(self.all_products)
        # The activation takes its place in the result column, where the "?" was: the
        # "?" becomes a copy of the value just found, which then travels into the slot.
        self.results: dict[int, str] = {}
        question = self.result_entry(j)
        entry = self.filled_entry(j)
        question.become(self.sigma_line.part("activation").copy())
        self.cue("slot")
        self.play(Transform(question, entry), run_time=self.fill(1.2))
        self.work.add(self.bias_line, self.sigma_line)
        self.wait(0.5)

    def result_entry(self, neuron: int) -> VMobject:
        """The part of a⁽¹⁾ (in the equation) that shows ``neuron``'s entry."""
        return self.real.line("a1", self.shown_line(neuron))

    def filled_entry(self, neuron: int) -> Mobject:
        """The real activation of ``neuron``, typeset at the result column's present
        scale where its "?" stands (``results`` records what was written)."""
        value = self.a1_entries[neuron]
        self.results[neuron] = value
        entry = tex(value, font_size=TYPE.value, palette=self.palette)
        entry.set_color(self.palette.highlight)
        entry.scale(self.a1_part.height / self.a1_height)
        return entry.move_to(self.result_entry(neuron))

    def on_the_network(self, step: Step[None]) -> None:
        p, digit = self.palette, self.inputs.digit
        a1 = digit.trace.activations[1]
        rows, j = self.featured.rows, self.featured.neuron
        self.diagram = NetworkDiagram(self.inputs.network, p, width=5.0, height=5.4, keep={1: j})
        self.diagram.move_to(STAGE.column(1, 2))
        self.diagram.set_layer(digit.trace, 0)
        # A wide layer is drawn elided (first and last neurons, a ⋮): the rings find the
        # circles drawn for the neurons shown, wherever the elision puts them.
        # Each ring traces its neuron's own outline: neighbouring rows never overlap.
        ring = self.diagram.neuron_radius
        self.rings = {
            r: Circle(ring, color=p.highlight, stroke_width=4).move_to(self.diagram.neuron(1, r))
            for r in rows
        }
        self.marked = VGroup(*self.rings.values())
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
        self.play(FadeIn(self.diagram), run_time=self.fill(1))
        # Neuron j lights first, at the activation just worked out by hand.
        self.cue("glow")
        self.play(
            FadeIn(self.rings[j]),
            self.diagram.neuron(1, j).animate.set_fill(
                opacity=float(self.diagram.brightness(a1)[j])
            ),
            run_time=self.fill(1),
        )
        # Then every other row at once: the other entries fill in, the whole layer lights.
        others = [r for r in rows if r != j]
        self.cue("others")
        self.play(
            *(Transform(self.result_entry(r), self.filled_entry(r)) for r in others),
            self.diagram.animate_layer(digit.trace, 1, lag_ratio=0.05),
            *(FadeIn(self.rings[r]) for r in others),
            run_time=self.fill(1.5),
        )
        self.cue("layer")
        self.play(FadeIn(self.column), FadeIn(self.column_name), run_time=self.fill(1))
        self.wait(0.5)

    def count_under(self, layer: int) -> list[VMobject]:
        """The neuron count the diagram writes under ``layer`` if it elides it, else none."""
        hidden = [i for i in self.diagram.elisions if i > 0]
        return [self.diagram.hidden_counts[hidden.index(layer)]] if layer in hidden else []

    def every_layer(self, step: Step[Layers]) -> None:
        p, net = self.palette, self.inputs.network
        self.transitions = [
            tex(layer_equation(i + 1), font_size=TYPE.formula, palette=p)
            for i in range(len(step.shows.shapes))
        ]
        equations = VGroup(*self.transitions).arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        self.shapes = VGroup(
            *(
                tex(
                    rf"W^{{({i + 1})}}\colon\ {n_out} \times {n_in}",
                    font_size=TYPE.body,
                    palette=p,
                )
                for i, (n_out, n_in) in enumerate(step.shows.shapes)
            )
        ).set_color(p.muted)
        column = equations.get_right() + 0.8 * RIGHT
        for shape, equation in zip(self.shapes, self.transitions, strict=True):
            shape.next_to(equation, RIGHT).align_to(column, LEFT)
        rows = STAGE.center_on(VGroup(equations, self.shapes))
        count = self.formula_note(
            step.notes["multiplications"], inside=True, multiplications=tex_count(net.n_weights)
        )
        self.multiplications = tex(count, font_size=TYPE.body, palette=p)
        self.multiplications.next_to(rows, DOWN, buff=0.7)
        self.multiplications.set_color(p.highlight)
        STAGE.keep_inside(STAGE.fit(VGroup(rows, self.multiplications)))
        self.cue("lines")
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
        self.play(FadeIn(rows, lag_ratio=0.3), run_time=self.fill(1))
        self.cue("count")
        self.play(FadeIn(self.multiplications), run_time=self.fill(1))
        # "One per weight": each layer's weight matrix, its size beside its line.
        self.cue("weight")
        self.play(
            LaggedStart(*(Indicate(shape, color=p.highlight) for shape in self.shapes)),
            run_time=self.fill(1.5),
        )
        # "One short expression": each layer's line.
        self.cue("short")
        self.play(
            LaggedStart(
                *(Circumscribe(t, color=p.highlight) for t in self.transitions), lag_ratio=0.3
            ),
            run_time=self.fill(2),
        )
        self.wait(0.5)
