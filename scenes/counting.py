"""Storyboard section 8: counting the knobs — every weight and bias, read from the network.

Render: ``manim render scenes/counting.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, LEFT, FadeIn, FadeOut, SurroundingRectangle, VGroup

from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import tex, tex_count
from scenes.kit.scene import LectureScene
from scenes.kit.text import label

__all__ = ["CountingKnobs"]

LINES_AT = (2.9, -0.4, 0.0)


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
        for index in range(len(self.layers)):
            self.count_layer(index)
        self.show_total()
        self.say_what_learning_is()

    def count_layer(self, index: int) -> None:
        p, layer = self.palette, self.layers[index]
        values = {"inputs": layer.n_in, "neurons": layer.n_out, "total": layer.total}
        if index < len(self.layers) - 1:
            self.step("hidden-layer", part=index + 1, hidden=index + 1, **values)
        else:
            self.step("output-layer", **values)
        line = tex(
            rf"{layer.n_in} \times {layer.n_out} + {layer.n_out} = {tex_count(layer.total)}",
            font_size=40,
            palette=p,
        )
        self.lines.append(line)
        VGroup(*self.lines).arrange(DOWN, buff=0.45, aligned_edge=LEFT).move_to(LINES_AT)
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
        net, p = self.lecture.network, self.palette
        self.step("total", weights=net.n_weights, biases=net.n_biases, parameters=net.n_parameters)
        self.total = tex(
            rf"{tex_count(net.n_weights)} + {net.n_biases} = {tex_count(net.n_parameters)}",
            font_size=48,
            palette=p,
        ).set_color(p.highlight)
        self.total.next_to(VGroup(*self.lines), DOWN, buff=0.7)
        self.play(FadeOut(self.frame), FadeIn(self.total))
        self.wait(2.5)

    def say_what_learning_is(self) -> None:
        p = self.palette
        self.step("learning", parameters=self.lecture.network.n_parameters)
        self.remark = label(self.note("learning"), 24, p.muted)
        self.remark.next_to(self.total, DOWN, buff=0.5)
        overflow = self.remark.get_right()[0] - 6.6
        if overflow > 0:
            self.remark.shift(overflow * LEFT)
        self.play(FadeIn(self.remark))
        self.wait(3)
