"""Storyboard section 8: counting the knobs — every weight and bias, read from the network.

The chapter (``lecture.chapters.counting``) counts the layers and picks the magnified
parameters; this scene draws one line per weight layer, however many the network has.
The column of lines, the total and the closing note is raised only as far as it must
be to fit the stage, and the note drops below the diagram's output labels when a
short column would put it on them.

Render: ``manim render scenes/counting.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from collections.abc import Callable

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    Mobject,
    Square,
    SurroundingRectangle,
    Text,
    UpdateFromAlphaFunc,
    VGroup,
)

from lecture.chapters.counting import CountedLayer, Counts, Knobs, plan
from lecture.step import Step
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.knobs import ParameterMass, Slider
from scenes.kit.maths import tex, tex_count
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE, drop_below
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE

__all__ = ["CountingKnobs"]

#: Where the column of lines is centred (the right half of the stage), unless raised.
LINES_AT = STAGE.column(1, 2)
LINE_BUFF = 0.45  # between the lines
TOTAL_BUFF = 0.7  # lines to total
REMARK_BUFF = 0.5  # total to the closing note
PANEL_WIDTH = 5.0  # the right-hand column of the every-knob step: counter and sliders


class CountingKnobs(LectureScene):
    """784×16 + 16, 16×16 + 16, 16×10 + 10: 13,002 numbers to find."""

    PLAN = plan

    def setup(self) -> None:
        super().setup()
        self.prepare()

    def prepare(self) -> None:
        """Everything the steps share, built before the first is shown."""
        counts: Counts = self.chapter.shows
        self.diagram = NetworkDiagram(self.inputs.network, self.palette, width=4.8, height=5.2)
        self.diagram.move_to(STAGE.column(0, 2))
        self.lines: list[MathTex] = []
        self.frame: SurroundingRectangle | None = None
        # Every line, the total and the note exist up front, so the column's height is
        # known before the first line is shown: it never has to jump at the end.
        self.all_lines = [
            tex(
                rf"{layer.n_in} \times {layer.n_out} + {layer.n_out} = {tex_count(layer.total)}",
                font_size=TYPE.value,
                palette=self.palette,
            )
            for layer in counts.layers
        ]
        # In parts (weights, +, biases, =, total), so the biases can be pointed at.
        self.total_line = tex(
            tex_count(counts.weights),
            "+",
            str(counts.biases),
            "=",
            tex_count(counts.parameters),
            font_size=TYPE.formula,
            palette=self.palette,
        ).set_color(self.palette.highlight)
        self.remark = self.panel_text(self.note(self.chapter.step("learning").notes["remark"]))
        self.lines_y = self.column_centre()

    def panel_text(self, text: str) -> Text:
        """A note for the right-hand column: broken into two lines at the space nearest
        its middle when one line would be wider than the column (whatever the language)."""
        line = label(text, TYPE.small, self.palette.muted)
        spaces = [i for i, c in enumerate(text) if c == " "]
        if line.width <= PANEL_WIDTH or not spaces:
            return line
        cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
        return label(text[:cut] + "\n" + text[cut + 1 :], TYPE.small, self.palette.muted)

    def column_centre(self) -> float:
        """The lines' centre height: ``LINES_AT``'s, raised if the total and the note
        would otherwise fall off the stage's bottom (as with four hidden layers)."""
        lines = VGroup(*self.all_lines).arrange(DOWN, buff=LINE_BUFF)
        below = (
            lines.height / 2
            + TOTAL_BUFF
            + self.total_line.height
            + REMARK_BUFF
            + self.remark.height
        )
        return max(LINES_AT[1], STAGE.bottom + below)

    def hidden_layer(self, step: Step[CountedLayer]) -> None:
        self.count_layer(step.shows.index)

    def output_layer(self, step: Step[CountedLayer]) -> None:
        self.count_layer(step.shows.index)

    def count_layer(self, index: int) -> None:
        """Line ``index`` joins the column while its layer pair is framed in the diagram."""
        p = self.palette
        line = self.all_lines[index]
        self.lines.append(line)
        VGroup(*self.lines).arrange(DOWN, buff=LINE_BUFF, aligned_edge=LEFT).move_to(
            (LINES_AT[0], self.lines_y, 0)
        )
        # Frame the layer pair being counted; the edges keep their weight-given looks.
        frame = SurroundingRectangle(
            self.diagram.edges[index], color=p.highlight, buff=0.1, corner_radius=0.1
        )
        if index == 0:
            self.play(FadeIn(self.diagram))
        old = [FadeOut(self.frame)] if self.frame is not None else []
        # The layer pair is framed as it is named, its neurons lit in turn; then the
        # layer before, as the weights from it are named; the line is written as counted.
        self.cue("frame")
        self.play(
            *old,
            Create(frame),
            self.light(self.diagram.layers[index + 1]),
            run_time=self.fill(1.0),
        )
        sources: list[Animation] = [self.light(self.diagram.layers[index])]
        if index == 0:  # the pixels: their brace and count too
            brace = VGroup(self.diagram.input_brace, self.diagram.input_count)
            sources.append(Indicate(brace, color=p.highlight, scale_factor=1.05))
        self.cue("sources")
        self.play(*sources, run_time=self.fill(1.0))
        self.cue("line")
        self.play(FadeIn(line, shift=0.2 * LEFT), run_time=self.fill(0.8))
        self.frame = frame
        self.wait(0.5)

    def light(self, neurons: VGroup) -> Animation:
        """Each of ``neurons`` pointed at in turn, top to bottom; each is left as it was."""
        return LaggedStart(
            *(Indicate(n, color=self.palette.highlight) for n in neurons), lag_ratio=0.08
        )

    def total(self, step: Step[None]) -> None:
        self.total_line.next_to(VGroup(*self.lines), DOWN, buff=TOTAL_BUFF)
        assert self.frame is not None  # the last layer's frame
        # The lines, pointed at in turn as they are added up; then their sum.
        self.cue("lines")
        self.play(
            FadeOut(self.frame),
            LaggedStart(
                *(Indicate(line, color=self.palette.highlight) for line in self.lines),
                lag_ratio=0.3,
            ),
            run_time=self.fill(1.0),
        )
        self.cue("total")
        self.play(FadeIn(self.total_line), run_time=self.fill(1.0))
        # The biases, as they are said to be only a few: the total's second term; then
        # the weights, its first.
        self.cue("biases")
        self.play(Indicate(self.total_line[2], color=self.palette.text), run_time=self.fill(1.0))
        self.cue("weights")
        self.play(Indicate(self.total_line[0], color=self.palette.text), run_time=self.fill(1.0))
        self.wait(0.5)

    def every_knob(self, step: Step[Knobs]) -> None:
        """Every weight and bias as a cell coloured by its value, layer by layer, counted
        as they appear; then a few of them magnified as sliders set to their values."""
        p, net, area = self.palette, self.inputs.network, STAGE
        # The mass fills the stage left of a column that holds the counter and sliders.
        self.mass = ParameterMass(net, p, area.width - PANEL_WIDTH - 0.4, area.height - 0.3)
        self.mass.move_to((area.left + self.mass.width / 2, area.center[1], 0))
        panel_x = area.right - PANEL_WIDTH / 2
        self.counted = decimal(0, TYPE.value, p.highlight, places=0)
        counter_name = label(self.note(step.notes["counter"]), TYPE.label, p.muted)
        counter = VGroup(counter_name, self.counted).arrange(DOWN, buff=0.15)
        counter.move_to((panel_x, area.top - counter.height / 2 - 0.1, 0))
        # A few real parameters, magnified: slider tracks span the layer's largest |value|.
        self.knobs = step.shows.knobs
        sliders = [
            Slider(k.parameter.value, k.limit, self.note(k.name), p, font_size=TYPE.small)
            for k in self.knobs
        ]
        self.sliders = VGroup(*sliders)
        self.sliders.arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        self.sliders.next_to(counter, DOWN, buff=0.6).set_x(panel_x)
        area.keep_inside(self.sliders)
        self.marks = VGroup()
        self.leaders = VGroup()
        side = max(4 * self.mass.cell_size, 0.14)  # a marked cell's square
        for knob, slider in zip(self.knobs, sliders, strict=True):
            at = self.mass.cell_center(knob.parameter.layer - 1, knob.parameter.order(net))
            mark = Square(side, color=p.highlight, stroke_width=2).move_to(at)
            self.marks.add(mark)
            self.leaders.add(
                Line(mark.get_right(), slider.track.get_left(), color=p.highlight).set_stroke(
                    width=1.2, opacity=0.6
                )
            )

        self.play(FadeOut(VGroup(self.diagram, *self.lines, self.total_line)), FadeIn(counter))
        self.add(self.mass)
        # Layer by layer, cell by cell in counting order; the counter is the cells shown.
        before = 0
        for layer, count in enumerate(self.mass.counts):
            reveal = self.reveal(layer, count, before)
            run = 3.0 if count > 2000 else 1.2
            # The counter is animated with the images: a still mobject would be drawn
            # once into the static background and never show its new value.
            moving = Group(self.mass, self.counted)
            self.play(UpdateFromAlphaFunc(moving, reveal), run_time=run)
            before += count
        # The brightest cell of each colour, boxed a moment as its colour is named.
        for name, parameter in (
            ("positive", step.shows.positive),
            ("negative", step.shows.negative),
        ):
            self.cue(name)
            if parameter is not None:
                at = self.mass.cell_center(parameter.layer - 1, parameter.order(net))
                self.play(
                    Circumscribe(
                        Square(side).move_to(at), color=p.highlight, buff=0.04, fade_out=True
                    ),
                    run_time=self.fill(1.0),
                )
        # The first layer's block, pointed at as it is said to hold nearly all of them.
        self.cue("first")
        self.play(
            Circumscribe(self.mass.frames[0], color=p.highlight, buff=0.05),
            run_time=self.fill(1.5),
        )
        self.cue("knobs")
        self.play(
            *(Create(m) for m in self.marks),
            *(Create(line) for line in self.leaders),
            FadeIn(self.sliders, lag_ratio=0.2),
            run_time=self.fill(1.5),
        )
        self.wait(0.5)

    def reveal(self, layer: int, count: int, before: int) -> Callable[[Mobject, float], None]:
        """Show the first ``alpha`` of ``layer``'s ``count`` cells; the counter counts them
        on top of the ``before`` cells of the layers already shown."""

        def reveal(_: Mobject, alpha: float) -> None:
            shown = round(alpha * count)
            self.mass.show(layer, shown)
            self.counted.set_value(before + shown)

        return reveal

    def learning(self, step: Step[None]) -> None:
        # Under the sliders, in the right-hand column, clear of the parameters' images.
        self.remark.next_to(self.sliders, DOWN, buff=REMARK_BUFF)
        self.remark.align_to((STAGE.right, 0, 0), RIGHT)
        STAGE.keep_inside(self.remark)
        drop_below(self.remark, self.sliders, buff=0.05)
        # "All these knobs": every one of them, and the magnified few.
        self.cue("all")
        self.play(
            Circumscribe(self.mass, color=self.palette.highlight, buff=0.05),
            Indicate(self.sliders, color=self.palette.highlight, scale_factor=1.05),
            run_time=self.fill(1.5),
        )
        self.cue("remark")
        self.play(FadeIn(self.remark), run_time=self.fill(1.0))
        self.wait(1)
