"""Storyboard section 8: counting the knobs — every weight and bias, read from the network.

One line per weight layer, however many the network has. The column of lines, the
total and the closing note is raised only as far as it must be to fit the stage, and
the note drops below the diagram's output labels when a short column would put it on
them.

Render: ``manim render scenes/counting.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, LEFT, FadeIn, FadeOut, SurroundingRectangle, VGroup

from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import tex, tex_count
from scenes.kit.scene import LectureScene
from scenes.kit.stage import drop_below, stage
from scenes.kit.text import label

__all__ = ["CountingKnobs"]

#: Where the column of lines is centred (the shipped lecture's place), unless raised.
LINES_AT = (2.9, -0.4, 0.0)
LINE_BUFF = 0.45  # between the lines
TOTAL_BUFF = 0.7  # lines to total
REMARK_BUFF = 0.5  # total to the closing note


class CountingKnobs(LectureScene):
    """784×16 + 16, 16×16 + 16, 16×10 + 10: 13,002 numbers to find."""

    STEPS = ("hidden-layer", "output-layer", "total", "learning")

    def construct(self) -> None:
        net = self.lecture.network
        self.layers = net.layer_parameters()
        self.diagram = NetworkDiagram(net, self.palette, width=4.8, height=5.2)
        self.diagram.move_to([-3.2, -0.4, 0])
        self.lines = []
        self.frame = None
        self.area = stage()
        # Every line, the total and the note exist up front, so the column's height is
        # known before the first line is shown: it never has to jump at the end.
        self.all_lines = [
            tex(
                rf"{layer.n_in} \times {layer.n_out} + {layer.n_out} = {tex_count(layer.total)}",
                font_size=40,
                palette=self.palette,
            )
            for layer in self.layers
        ]
        self.total = tex(
            rf"{tex_count(net.n_weights)} + {net.n_biases} = {tex_count(net.n_parameters)}",
            font_size=48,
            palette=self.palette,
        ).set_color(self.palette.highlight)
        self.remark = label(self.note("learning"), 24, self.palette.muted)
        self.lines_y = self.column_centre()
        for index in range(len(self.layers)):
            self.count_layer(index)
        self.show_total()
        self.say_what_learning_is()

    def column_centre(self) -> float:
        """The lines' centre height: ``LINES_AT``'s, raised if the total and the note
        would otherwise fall off the stage's bottom (as with four hidden layers)."""
        lines = VGroup(*self.all_lines).arrange(DOWN, buff=LINE_BUFF)
        below = (
            lines.height / 2 + TOTAL_BUFF + self.total.height + REMARK_BUFF + self.remark.height
        )
        return max(LINES_AT[1], self.area.bottom + below)

    def count_layer(self, index: int) -> None:
        p, layer = self.palette, self.layers[index]
        values = {"inputs": layer.n_in, "neurons": layer.n_out, "total": layer.total}
        if index < len(self.layers) - 1:
            self.step("hidden-layer", part=index + 1, hidden=index + 1, **values)
        else:
            self.step("output-layer", **values)
        line = self.all_lines[index]
        self.lines.append(line)
        VGroup(*self.lines).arrange(DOWN, buff=LINE_BUFF, aligned_edge=LEFT).move_to(
            [LINES_AT[0], self.lines_y, 0]
        )
        # Frame the layer pair being counted; the edges keep their weight-given looks.
        frame = SurroundingRectangle(
            self.diagram.edges[index], color=p.highlight, buff=0.1, corner_radius=0.1
        )
        if index == 0:
            self.play(FadeIn(self.diagram))
        old = [FadeOut(self.frame)] if self.frame is not None else []
        self.play(*old, FadeIn(frame), FadeIn(line), run_time=0.8)
        self.frame = frame
        self.wait(1.5)

    def show_total(self) -> None:
        net = self.lecture.network
        self.step("total", weights=net.n_weights, biases=net.n_biases, parameters=net.n_parameters)
        self.total.next_to(VGroup(*self.lines), DOWN, buff=TOTAL_BUFF)
        self.play(FadeOut(self.frame), FadeIn(self.total))
        self.wait(2.5)

    def say_what_learning_is(self) -> None:
        self.step("learning", parameters=self.lecture.network.n_parameters)
        self.remark.next_to(self.total, DOWN, buff=REMARK_BUFF)
        self.area.keep_inside(self.remark)
        drop_below(self.remark, self.diagram, buff=0.05)
        self.play(FadeIn(self.remark))
        self.wait(3)
