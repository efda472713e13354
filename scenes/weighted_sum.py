"""Storyboard section 6: one neuron's weighted sum, its weights as a grid, an edge detector.

The neuron is shown where it lives first: in the network diagram, its drawn
connections light up by their real weights; the largest terms w·a of those edges
are lifted off them into the sum; then the connections rearrange into the 28×28
grid of all its weights, laid over the digit they multiply. What is shown (the
neuron, its terms, the designed detector and its sums) is the chapter's plan,
``lecture.chapters.weighted_sum``.

Render: ``manim render scenes/weighted_sum.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

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
    MathTex,
    Rectangle,
    ReplacementTransform,
    Transform,
    VGroup,
)

from lecture.chapters.weighted_sum import Designed, FanIn, Featured, Overlay, Sum, plan
from lecture.step import Step
from scenes.kit.animations import built
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.maths import Readout, tex, tex_number
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["FAN_IN_WIDTH", "OVERLAY_OPACITY", "WeightedSum"]

GRID_HEIGHT = 4.2
WEIGHTS_AT = STAGE.column(0, 3)
DIGIT_AT = STAGE.column(1, 3)
#: Where the weight grid is first laid over the digit: the diagram's half of the frame.
OVERLAY_AT = STAGE.column(0, 2)
#: Where the weighted sums are read out, right of the weights × digit pair.
READOUT_AT = STAGE.column(2, 3)
DIAGRAM_WIDTH = 5.2
DIAGRAM_HEIGHT = 5.0
#: Stroke width of the strongest drawn connection into the neuron; the others ∝ |w|.
FAN_IN_WIDTH = 6.0
#: Opacity of the rest of the network while one neuron's connections are shown.
DIMMED = 0.12
#: Stroke width of the neuron's drawn connections as they light up, before their widths
#: show their weights.
LIT_WIDTH = 2.5
#: The weight grid laid over the digit lets the digit show through it.
OVERLAY_OPACITY = 0.72
#: The designed weights are ±1: drawn at full brightness.
DESIGNED_SCALE = 1.0


class WeightedSum(LectureScene):
    """From 784 weights to one number, and a hand-made neuron that finds an edge."""

    PLAN = plan

    @property
    def featured(self) -> Featured:
        """The neuron every step is about."""
        return self.chapter.shows

    def one_neuron(self, step: Step[FanIn]) -> None:
        """Moment: the neuron's incoming edges light up in the diagram, by sign and |w|."""
        p, digit, fan = self.palette, self.inputs.digit, step.shows
        k = self.featured.index
        self.diagram = NetworkDiagram(
            self.inputs.network, p, DIAGRAM_WIDTH, DIAGRAM_HEIGHT, keep={1: k}
        )
        diagram, room = self.diagram, STAGE
        diagram.set_layer(digit.trace, 0)  # each input neuron holds its pixel
        diagram.shift(
            (room.left - diagram.get_left()[0]) * RIGHT
            + (room.top - 0.1 - diagram.get_top()[1]) * UP
        )
        self.fan = diagram.fan_in(1, k)
        #: Each drawn connection, by the pixel its input neuron stands for.
        self.edges = dict(zip(fan.sources, self.fan, strict=True))
        self.cell = diagram.neuron(1, k)
        # A ring, no label: the headline names the neuron, and a label would sit on its
        # edges or on the next layer's circles in a diagram of many layers.
        self.ring = Circle(radius=1.45 * diagram.neuron_radius).set_stroke(p.highlight, 3)
        self.ring.move_to(self.cell)
        self.more = label(self.note(step.notes[""]), TYPE.small, p.muted)
        self.more.next_to(diagram, DOWN, buff=0.2).set_x(diagram.get_x())
        room.keep_inside(self.more)
        self.play(FadeIn(diagram), run_time=self.fill(1.4, "neuron"))
        fan_ids = {id(edge) for edge in self.fan}
        others = [e for group in diagram.edges for e in group if id(e) not in fan_ids]
        self.cue("neuron")  # the neuron is ringed as it is named, lit as its activation is
        self.play(
            *(e.animate.set_stroke(opacity=DIMMED) for e in others),
            FadeIn(self.ring),
            run_time=self.fill(1.2, "lit"),
        )
        self.cue("lit")
        self.play(
            self.cell.animate.set_fill(opacity=self.featured.activation),
            run_time=self.fill(0.8, "edges"),
        )
        self.fan.set_z_index(-0.5)  # above the dimmed edges, below the neurons
        # The connections light up one by one as every pixel is said to have its own; then
        # they take their colours as each sign is named, and their widths as size is.
        self.cue("edges")
        self.play(
            AnimationGroup(
                *(
                    built(edge.animate.set_stroke(p.text, width=LIT_WIDTH, opacity=1.0))
                    for edge in self.fan
                ),
                lag_ratio=0.08,
            ),
            FadeIn(self.more),
            run_time=self.fill(1.5, "positive"),
        )
        for name, positive in (("positive", True), ("negative", False)):
            coloured = [
                built(self.edges[pixel].animate.set_stroke(p.signed_color(float(weight))))
                for pixel, weight in zip(fan.sources, fan.weights, strict=True)
                if (weight >= 0) == positive
            ]
            self.cue(name)
            if coloured:
                until = "negative" if positive else "thicker"
                self.play(*coloured, run_time=self.fill(0.8, until))
        self.cue("thicker")
        self.play(
            *(
                built(self.edges[pixel].animate.set_stroke(width=FAN_IN_WIDTH * float(strength)))
                for pixel, strength in zip(fan.sources, fan.strengths, strict=True)
            ),
            run_time=self.fill(1.0),
        )
        self.wait(0.5)

    def weighted_sum(self, step: Step[Sum]) -> None:
        """Moment: the largest terms w·a of the drawn edges lift off them into the sum."""
        p, written = self.palette, step.shows
        n = written.inputs
        formula = tex(
            rf"w_1 a_1 + w_2 a_2 + \cdots + w_{{{n}}} a_{{{n}}}", font_size=TYPE.formula, palette=p
        )
        #: Each lifted term's line, by its pixel.
        self.term_tex: dict[int, MathTex] = {
            term.pixel: tex(
                rf"w_{{{term.pixel + 1}}} a_{{{term.pixel + 1}}} = {tex_number(term.weight)} "
                rf"\times {tex_number(term.activation)} = {tex_number(term.product)}",
                font_size=TYPE.body,
                palette=p,
            )
            for term in written.terms
        }
        self.rest = label(self.note(step.notes["more"]), TYPE.label, p.muted)
        self.sum_tex = tex(
            r"\textstyle\sum_i w_i a_i = " + tex_number(written.total),
            font_size=TYPE.formula,
            palette=p,
        ).set_color(p.highlight)
        block = VGroup(formula, *self.term_tex.values(), self.rest, self.sum_tex)
        block.arrange(DOWN, buff=0.32, aligned_edge=LEFT)
        right = self.diagram.get_right()[0]
        block.next_to(np.array([right, 0.0, 0.0]), RIGHT, buff=0.45).set_y(self.diagram.get_y())
        STAGE.keep_inside(block)
        self.sum_block = block
        self.play(FadeIn(formula), run_time=1.0)
        # The first term lifts off its line as a term is described; the others as the
        # other lines are; the sum as it is named.
        for n, (pixel, line) in enumerate(self.term_tex.items()):
            if n < 2:
                self.cue(("first", "more")[n])
            edge = self.edges[pixel]
            width = edge.get_stroke_width()
            lifted = line.copy().scale(0.6).move_to(edge.point_from_proportion(0.5))
            self.play(
                FadeIn(lifted, scale=0.5),
                edge.animate.set_stroke(width=width + 3),
                run_time=0.7,
            )
            self.play(
                ReplacementTransform(lifted, line),
                edge.animate.set_stroke(width=width),
                # The first term holds the eye until the other lines are named.
                run_time=self.fill(1.1, "more") if n == 0 else 1.1,
            )
        self.play(FadeIn(self.rest), run_time=self.fill(0.8, "total"))
        self.cue("total")
        self.play(FadeIn(self.sum_tex, shift=0.2 * DOWN), run_time=self.fill(1.0, "about"))
        self.cue("about")  # the sum outlined as its value is said
        self.play(Circumscribe(self.sum_tex, color=p.highlight), run_time=self.fill(1.5))
        self.wait(0.5)

    def pair(self, weights: np.ndarray, scale: float | None = None) -> WeightGrid:
        return WeightGrid(weights, self.palette, GRID_HEIGHT, scale=scale).move_to(WEIGHTS_AT)

    def weights_as_grid(self, step: Step[Overlay]) -> None:
        """Moment: the drawn connections rearrange into the 28×28 grid over the digit."""
        p, digit, diagram, overlay = self.palette, self.inputs.digit, self.diagram, step.shows
        self.digit_grid = PixelGrid(digit.pixels, p, height=GRID_HEIGHT).move_to(OVERLAY_AT)
        self.weight_grid = self.pair(overlay.weights).move_to(OVERLAY_AT)
        # Each drawn connection becomes its weight's square; each input neuron, its pixel.
        cells = list(overlay.cells)
        squares = self.weight_grid.cell_squares(cells)
        self.weight_grid.set_opacity(OVERLAY_OPACITY)
        self.marks = self.digit_grid.cell_squares(cells).set_fill(opacity=0)
        self.marks.set_stroke(p.highlight, 1.5).set_z_index(1)
        inputs = diagram.layers[0]
        kept = {id(m) for m in [*self.fan, *inputs]}
        rest = [m for m in diagram.get_family() if not m.submobjects and id(m) not in kept]
        self.play(
            *(FadeOut(m) for m in rest),
            FadeOut(self.ring),
            FadeOut(self.more),
            run_time=1.0,
        )
        self.remove(diagram)
        self.add(*self.fan, *inputs)
        self.fan.set_z_index(0.5)  # the squares land on top of the digit
        self.play(
            FadeIn(self.digit_grid),
            *(Transform(e, sq) for e, sq in zip(self.fan, squares, strict=True)),
            *(ReplacementTransform(n, m) for n, m in zip(inputs, self.marks, strict=True)),
            run_time=self.fill(2.0, "grid"),
        )
        # The grid takes over from the squares: they are its cells at the drawn pixels.
        self.cue("grid")
        self.play(FadeIn(self.weight_grid), FadeOut(self.fan), run_time=self.fill(1.5, "positive"))
        self.bring_to_front(self.marks)
        # Its strongest weight of each sign, outlined as that sign's colour is named.
        for name, cell, until in zip(
            ("positive", "negative"), overlay.strongest, ("negative", "marks"), strict=True
        ):
            self.cue(name)
            if cell is not None:
                square = self.weight_grid.cell_square(*cell)
                self.play(
                    Circumscribe(square, color=p.highlight, buff=0.15, fade_out=True),
                    run_time=self.fill(1.0, until),
                )
        # The drawn pixels one after another, each under its weight, as the product is said.
        self.cue("marks")
        self.play(
            LaggedStart(
                *(Indicate(m, color=p.highlight, scale_factor=1.8) for m in self.marks),
                lag_ratio=0.25,
            ),
            run_time=self.fill(1.5),
        )
        self.wait(0.5)

    def detector_box(self, designed: Designed) -> Rectangle:
        """The designed neuron's non-zero weights (patch and bands) outlined on the digit."""
        grid = self.digit_grid
        across, down = designed.outline
        box = Rectangle(width=across * grid.cell_size, height=down * grid.cell_size)
        box.set_stroke(self.palette.highlight, 2)
        return box.move_to(grid.cell_center(*designed.centre))

    def positive_patch(self, step: Step[Designed]) -> None:
        patch = step.shows
        grid = self.pair(patch.weights, scale=DESIGNED_SCALE)
        # The trained neuron's grid lifts off the digit: weights on the left, × the digit.
        self.times = label("×", TYPE.formula, self.palette.text).move_to(
            (WEIGHTS_AT + DIGIT_AT) / 2
        )
        self.play(
            FadeOut(self.sum_block),
            FadeOut(self.marks),
            self.weight_grid.animate.move_to(WEIGHTS_AT).set_opacity(1.0),
            self.digit_grid.animate.move_to(DIGIT_AT),
            FadeIn(self.times),
            run_time=self.fill(1.5, "patch"),
        )
        p = self.palette
        self.box = self.detector_box(patch)
        name = self.note(step.notes["sum"])
        readout = Readout(name, patch.on_digit.weighted_sum, p)
        readout.move_to(READOUT_AT)
        self.patch = patch
        # The patch outlined on the digit as it is said; its weights as they are.
        self.cue("patch")
        self.play(FadeOut(self.weight_grid), Create(self.box), run_time=self.fill(1.0, "weight"))
        self.cue("weight")
        self.play(FadeIn(grid), run_time=self.fill(1.0, "sum"))
        # The patch's pixels lit as the sum is said to add them, then the sum; the patch
        # all white as a white patch is imagined.
        lit = self.box.copy().set_stroke(width=0).set_fill(p.highlight, opacity=0.4)
        self.cue("sum")
        self.play(FadeIn(lit), run_time=self.fill(1.0, "about"))
        self.cue("about")
        self.play(FadeOut(lit), FadeIn(readout), run_time=self.fill(1.0, "white"))
        white = self.box.copy().set_stroke(width=0).set_fill(p.text, opacity=0.9)
        # While the patch is white, the readout reads the all-white sum; then the digit's.
        on_white = Readout(name, patch.on_white.weighted_sum, p).value
        on_white.move_to(readout.value)
        on_digit = readout.value.copy()
        self.cue("white")
        self.play(FadeIn(white), Transform(readout.value, on_white), run_time=0.8)
        self.wait(self.fill(1.0))  # held while the all-white sum is said
        self.play(FadeOut(white), Transform(readout.value, on_digit), run_time=0.8)
        self.weight_grid, self.readout = grid, readout
        self.wait(0.5)

    def negative_surround(self, step: Step[Designed]) -> None:
        edge = step.shows
        grid = self.pair(edge.weights, scale=DESIGNED_SCALE)
        box = self.detector_box(edge)
        on_digit, on_white = self.note(step.notes["digit"]), self.note(step.notes["white"])
        self.on_digit = Readout(on_digit, edge.on_digit.weighted_sum, self.palette)
        self.on_digit.move_to(READOUT_AT)
        self.on_white = Readout(on_white, edge.on_white.weighted_sum, self.palette)
        self.on_white.move_to(READOUT_AT)
        self.on_white.scale(0.8)
        VGroup(self.on_digit, self.on_white).arrange(DOWN, buff=0.6).move_to(READOUT_AT)
        self.cue("bands")
        self.play(
            FadeOut(self.weight_grid),
            FadeOut(self.readout),
            FadeOut(self.box),
            FadeIn(grid),
            FadeIn(box),
            run_time=self.fill(1.0, "bright"),
        )
        # The bright patch it wants, outlined on the weights and on the digit as it is said;
        # the dark bands shaded as they are; the patch pointed at as the stroke is named.
        strip = self.detector_box(self.patch)
        strip.set_stroke(width=5)
        strips = VGroup(strip, strip.copy().move_to(grid.cell_center(*self.patch.centre)))
        bands = VGroup(
            *(
                band.copy().shift(there - box.get_center())
                for band in self.bands(box, strip)
                for there in (box.get_center(), grid.cell_center(*edge.centre))
            )
        )
        self.cue("bright")
        self.play(Create(strips, lag_ratio=0), run_time=self.fill(0.8, "dark"))
        self.cue("dark")
        self.play(FadeIn(bands), run_time=self.fill(0.8, "stroke"))
        self.cue("stroke")
        self.play(
            *(Indicate(s, color=self.palette.highlight) for s in strips),
            run_time=self.fill(1.0, "digit"),
        )
        self.cue("digit")
        self.play(
            FadeOut(strips),
            FadeOut(bands),
            FadeIn(self.on_digit),
            run_time=self.fill(1.0, "white"),
        )
        self.cue("white")
        self.play(FadeIn(self.on_white), run_time=self.fill(1.0))
        self.weight_grid, self.box = grid, box
        self.wait(0.5)

    def bands(self, outline: Rectangle, strip: Rectangle) -> VGroup:
        """The two bands between a detector's ``outline`` and its ``strip`` (both centred
        alike), shaded in the highlight colour: above and below a strip that runs across,
        left and right of one that runs down."""
        across = outline.width - strip.width < outline.height - strip.height
        if across:
            side = (outline.height - strip.height) / 2
            size, offset = (outline.width, side), (strip.height + side) / 2 * UP
        else:
            side = (outline.width - strip.width) / 2
            size, offset = (side, outline.height), (strip.width + side) / 2 * RIGHT
        return VGroup(
            *(
                Rectangle(width=size[0], height=size[1])
                .move_to(outline.get_center() + sign * offset)
                .set_stroke(width=0)
                .set_fill(self.palette.highlight, opacity=0.35)
                for sign in (1, -1)
            )
        )
