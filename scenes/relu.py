"""Storyboard section 12: sigmoid vs ReLU, and the same digit through a ReLU network.

The chapter (``lecture.chapters.relu``) computes every slope, trace and answer and
chooses whether the titles name both networks' shapes; this scene draws it.

Render: ``manim render scenes/relu.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import DOWN, RIGHT, UP, Create, FadeIn, FadeOut, MathTex, Text, VGroup, VMobject

from lecture.chapters.relu import EDGE, Comparison, Side, Slope, Slopes, plan
from lecture.step import Step
from network.activations import relu, sigmoid
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import activation_axes, plot_function, tex, tex_number, tex_scientific
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["LitNetwork", "SigmoidVsRelu"]


class LitNetwork(VGroup):
    """One side of the comparison: the lit diagram, its answer's marker and value, and
    its title (the heading, with the network's shape under it when the shapes differ)."""

    def __init__(
        self,
        diagram: NetworkDiagram,
        marker: VMobject,
        value: MathTex,
        heading: Text,
        shape: Text | None,
    ) -> None:
        title: VMobject = heading if shape is None else VGroup(heading, shape)
        super().__init__(diagram, marker, value, title)
        self.diagram, self.marker, self.value, self.title = diagram, marker, value, title
        self.heading, self.shape = heading, shape


class SigmoidVsRelu(LectureScene):
    """The two activation functions side by side, then both trained networks on our digit."""

    PLAN = plan

    def graph(
        self,
        function: Callable[[np.ndarray], np.ndarray],
        formula: str,
        y_range: tuple[float, float, float],
        centre: np.ndarray,
        smooth: bool = True,
    ) -> VGroup:
        p = self.palette
        axes = activation_axes((-EDGE, EDGE, 2), y_range, p, width=5.2, height=3.2)
        curve = plot_function(axes, function, p.highlight, use_smoothing=smooth)
        title = tex(formula, font_size=TYPE.formula, palette=p).next_to(axes, UP, buff=0.35)
        return VGroup(axes, curve, title).move_to(centre)

    def sigmoid(self, step: Step[None]) -> None:
        self.sigmoid_graph = self.graph(
            sigmoid, r"\sigma(a) = \frac{1}{1+e^{-a}}", (0, 1, 0.5), STAGE.column(0, 2)
        )
        axes, curve, title = self.sigmoid_graph
        self.play(FadeIn(axes), FadeIn(title))
        self.play(Create(curve))
        self.wait(2)

    def relu(self, step: Step[None]) -> None:
        self.relu_graph = self.graph(
            relu, r"\mathrm{ReLU}(a) = \max(0, a)", (0, EDGE, 1), STAGE.column(1, 2), smooth=False
        )
        axes, curve, title = self.relu_graph
        self.play(FadeIn(axes), FadeIn(title))
        self.play(Create(curve))
        self.wait(2)

    def slope_note(self, slope: Slope, layers: int, graph: VGroup) -> MathTex:
        """Under ``graph``: its activation's steepest slope and what is left after ``layers``."""
        note = tex(
            rf"\text{{steepest slope }} {tex_number(slope.steepest)}"
            rf"\qquad \text{{after {layers} layers }} {tex_scientific(slope.after_layers)}",
            font_size=TYPE.label,
            palette=self.palette,
        )
        return note.next_to(graph, DOWN, buff=0.35)

    def why_relu(self, step: Step[Slopes]) -> None:
        slopes = step.shows
        self.sigmoid_note = self.slope_note(slopes.sigmoid, slopes.layers, self.sigmoid_graph)
        self.relu_note = self.slope_note(slopes.relu, slopes.layers, self.relu_graph)
        notes = VGroup(self.sigmoid_note, self.relu_note)
        lowest = min(note.get_y() for note in notes)
        for note in notes:
            note.set_y(lowest)
        self.relu_note.set_color(self.palette.highlight)
        self.slope_notes = notes
        self.play(FadeIn(notes, lag_ratio=0.4))
        self.wait(3)

    def lit_diagram(self, side: Side) -> LitNetwork:
        """``side``'s network lit by its trace, its answer marked, titled with its name (and
        its shape under the title when the plan names it: the two networks differ)."""
        p = self.palette
        diagram = NetworkDiagram(side.network, p, width=3.8, height=4.4, neuron_radius=0.12)
        for layer in range(len(diagram.layers)):
            diagram.set_layer(side.trace, layer)
        marker = diagram.answer_marker(side.trace)
        value = tex(tex_number(side.activation), font_size=TYPE.label, palette=p)
        value.set_color(p.highlight).next_to(marker, RIGHT, buff=0.1)
        heading = label(f"{side.name}: reads {side.answer}", TYPE.body, p.text)
        shape = None if side.shape is None else label(side.shape, TYPE.small, p.muted)
        lit = LitNetwork(diagram, marker, value, heading, shape)
        if shape is not None:
            lit.title.arrange(DOWN, buff=0.1)
        lit.title.next_to(diagram, UP, buff=0.25)
        return lit

    def same_digit(self, step: Step[Comparison]) -> None:
        sides = step.shows
        self.sigmoid_side = self.lit_diagram(sides.sigmoid)
        self.relu_side = self.lit_diagram(sides.relu)
        both = VGroup(self.sigmoid_side, self.relu_side).arrange(RIGHT, buff=1.0, aligned_edge=UP)
        self.scaling = label(self.note(sides.scaling), TYPE.small, self.palette.muted)
        self.scaling.next_to(both, DOWN, buff=0.3)
        STAGE.fit(STAGE.center_on(VGroup(both, self.scaling)))
        self.play(FadeOut(self.sigmoid_graph), FadeOut(self.relu_graph), FadeOut(self.slope_notes))
        self.play(FadeIn(self.sigmoid_side), FadeIn(self.relu_side))
        self.play(FadeIn(self.scaling))
        self.wait(3)
