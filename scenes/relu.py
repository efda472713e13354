"""Storyboard section 12: sigmoid vs ReLU, the same digit through a ReLU network, how
well each network reads the digits kept out of training, and what comes next.

The chapter (``lecture.chapters.relu``) computes every slope, trace, answer and score
and chooses the words; this scene draws it, pointing at each part of a graph (the
sigmoid's two ends, ReLU's flat part and its slope) as the narration names it.

Render: ``manim render scenes/relu.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    MathTex,
    ShowPassingFlash,
    Succession,
    Text,
    VGroup,
    VMobject,
)

from lecture.chapters.relu import (
    EDGE,
    Comparison,
    Scores,
    Side,
    Slope,
    Slopes,
    plan,
    score_note,
)
from lecture.inputs import load_inputs
from lecture.step import Step
from network.activations import relu, sigmoid
from network.model import Network
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import activation_axes, plot_function, tex, tex_number, tex_scientific
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.text import wrapped as wrapped_lines
from scenes.kit.type_scale import TYPE

__all__ = ["Graph", "LitNetwork", "SigmoidVsRelu", "score_text", "wrapped"]

#: The most characters on a line of the closing picture's notes.
WRAP = 34
#: Room between the two networks compared side by side.
SIDE_BUFF = 1.0
#: How long a stretch of a graph stays lit when the narration names it.
POINTING = 0.9


def wrapped(text: str, width: int = WRAP) -> str:
    """A note on lines of at most ``width`` characters, broken between words."""
    return "\n".join(textwrap.wrap(text, width))


def score_text(share: float, digits: int) -> str:
    """What is written under a network's diagram, as the configured script words it
    (``score_note``): its accuracy, and of how many validation digits."""
    note = score_note(share, digits)
    return load_inputs().script.note("relu", note.key, note.name, note.values)


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


class Graph(VGroup):
    """An activation's graph: its axes, its curve and its formula above them."""

    def __init__(self, axes: Axes, curve: VMobject, title: MathTex) -> None:
        super().__init__(axes, curve, title)
        self.axes, self.curve, self.title = axes, curve, title


class SigmoidVsRelu(LectureScene):
    """The two activation functions side by side, then both trained networks on our digit,
    their scores, and a look ahead."""

    PLAN = plan

    def graph(
        self,
        function: Callable[[np.ndarray], np.ndarray],
        formula: str,
        y_range: tuple[float, float, float],
        centre: np.ndarray,
        smooth: bool = True,
    ) -> Graph:
        p = self.palette
        axes = activation_axes((-EDGE, EDGE, 2), y_range, p, width=5.2, height=3.2)
        curve = plot_function(axes, function, p.highlight, use_smoothing=smooth)
        title = tex(formula, font_size=TYPE.formula, palette=p).next_to(axes, UP, buff=0.35)
        return Graph(axes, curve, title).move_to(centre)

    def point_along(
        self,
        graph: Graph,
        function: Callable[[np.ndarray], np.ndarray],
        start: float,
        end: float,
        run_time: float = POINTING,
    ) -> None:
        """Light the stretch of ``graph``'s curve from ``start`` to ``end`` as the narration
        names it: a bright band runs along it and is gone, the graph as it was."""
        axes = graph.axes
        stretch = plot_function(axes, function, self.palette.text, x_range=[start, end])
        stretch.set_stroke(width=12)
        self.play(ShowPassingFlash(stretch, time_width=1.0), run_time=run_time)

    def sigmoid(self, step: Step[None]) -> None:
        self.sigmoid_graph = self.graph(
            sigmoid, r"\sigma(a) = \frac{1}{1+e^{-a}}", (0, 1, 0.5), STAGE.column(0, 2)
        )
        axes, curve, title = self.sigmoid_graph
        self.play(FadeIn(axes), FadeIn(title), run_time=self.fill(1.0))
        self.cue("curve")
        self.play(Create(curve), run_time=self.fill(1.0))
        self.cue("low")
        self.point_along(self.sigmoid_graph, sigmoid, -EDGE, -EDGE / 2, self.fill(POINTING))
        self.cue("high")
        self.point_along(self.sigmoid_graph, sigmoid, EDGE / 2, EDGE, self.fill(POINTING))

    def relu(self, step: Step[None]) -> None:
        self.relu_graph = self.graph(
            relu, r"\mathrm{ReLU}(a) = \max(0, a)", (0, EDGE, 1), STAGE.column(1, 2), smooth=False
        )
        axes, curve, title = self.relu_graph
        self.play(FadeIn(axes), FadeIn(title))
        # Its formula, as its name is said.
        self.cue("name")
        self.play(Indicate(title, color=self.palette.highlight), run_time=self.fill(1.0))
        self.cue("graph")
        self.play(Create(curve), run_time=self.fill(1.0))
        self.cue("flat")
        self.point_along(self.relu_graph, relu, -EDGE, 0, self.fill(POINTING))
        self.cue("slope")
        self.point_along(self.relu_graph, relu, 0, EDGE, self.fill(POINTING))

    def slope_note(self, step: Step[Slopes], slope: Slope, graph: Graph) -> MathTex:
        """Under ``graph``: its activation's steepest slope and what is left after the
        step's layers (its notes ``<activation>-steepest`` and ``-after``), in two parts."""
        steepest = step.notes[f"{slope.name}-steepest"]
        after = step.notes[f"{slope.name}-after"]
        note = tex(
            self.formula_note(steepest, steepest=tex_number(slope.steepest)) + r" \qquad",
            self.formula_note(after, after=tex_scientific(slope.after_layers)),
            font_size=TYPE.label,
            palette=self.palette,
        )
        return note.next_to(graph, DOWN, buff=0.35)

    def why_relu(self, step: Step[Slopes]) -> None:
        slopes, p = step.shows, self.palette
        self.sigmoid_note = self.slope_note(step, slopes.sigmoid, self.sigmoid_graph)
        self.relu_note = self.slope_note(step, slopes.relu, self.relu_graph)
        notes = VGroup(self.sigmoid_note, self.relu_note)
        lowest = min(note.get_y() for note in notes)
        for note in notes:
            note.set_y(lowest)
        self.relu_note.set_color(p.highlight)
        self.slope_notes = notes
        # The sigmoid's steepest slope, drawn where it is steepest (at zero) as a tangent.
        axes = self.sigmoid_graph.axes
        reach = min(EDGE, 0.5 / slopes.sigmoid.steepest)  # stays between 0 and 1
        line = axes.plot(
            lambda x: float(sigmoid(0.0)) + slopes.sigmoid.steepest * x, x_range=[-reach, reach]
        )
        #: The dashed tangent of the sigmoid's steepest slope.
        self.tangent = DashedVMobject(line.set_stroke(p.text, width=3), num_dashes=14)
        # The tangent as a layer's slope is named; the sigmoid's steepest, as it is said,
        # and what is left after many layers.
        self.cue("slope")
        self.play(Create(self.tangent), run_time=self.fill(1.0))
        self.cue("sigmoid")
        self.play(
            Indicate(self.tangent, color=p.highlight),
            FadeIn(self.sigmoid_note[0]),
            run_time=self.fill(1.0),
        )
        self.cue("left")
        self.play(FadeIn(self.sigmoid_note[1]), run_time=self.fill(1.0))
        self.cue("relu")
        self.point_along(self.relu_graph, relu, 0, EDGE)
        self.play(FadeIn(self.relu_note), run_time=self.fill(1.0))

    def lit_diagram(self, side: Side) -> LitNetwork:
        """``side``'s network lit by its trace, its answer marked, titled with its name (and
        its shape under the title when the plan names it: the two networks differ)."""
        p = self.palette
        diagram = NetworkDiagram(side.network, p, width=3.8, height=4.0, neuron_radius=0.12)
        for layer in range(len(diagram.layers)):
            diagram.set_layer(side.trace, layer)
        marker = diagram.answer_marker(side.trace)
        value = tex(tex_number(side.activation), font_size=TYPE.label, palette=p)
        value.set_color(p.highlight).next_to(marker, RIGHT, buff=0.1)
        heading = label(self.note(side.heading), TYPE.body, p.text)
        shape = None if side.shape is None else label(side.shape, TYPE.small, p.muted)
        lit = LitNetwork(diagram, marker, value, heading, shape)
        if shape is not None:
            lit.title.arrange(DOWN, buff=0.1)
        lit.title.next_to(diagram, UP, buff=0.25)
        return lit

    def same_digit(self, step: Step[Comparison]) -> None:
        sides = step.shows
        accuracy = self.chapter.step("accuracy")
        self.sigmoid_side = self.lit_diagram(sides.sigmoid)
        self.relu_side = self.lit_diagram(sides.relu)
        both = VGroup(self.sigmoid_side, self.relu_side).arrange(
            RIGHT, buff=SIDE_BUFF, aligned_edge=UP
        )
        # The next step writes each network's score under its diagram: room is kept here.
        # Each score keeps to its own diagram's room, on two lines if need be (German).
        room = min(self.sigmoid_side.width, self.relu_side.width) + SIDE_BUFF - 0.6
        scores = (
            wrapped_lines(
                self.note(accuracy.notes[name]), room, TYPE.small, self.palette.text, ORIGIN
            )
            for name in ("sigmoid", "relu")
        )
        self.scores = VGroup(*(lines[0] if len(lines) == 1 else lines for lines in scores))
        for text, side in zip(self.scores, (self.sigmoid_side, self.relu_side), strict=True):
            text.next_to(side.diagram, DOWN, buff=0.3)
        lowest = min(text.get_y() for text in self.scores)
        for text in self.scores:
            text.set_y(lowest)
        self.scaling = label(self.note(sides.scaling), TYPE.small, self.palette.muted)
        self.scaling.next_to(self.scores, DOWN, buff=0.25)
        STAGE.fit(STAGE.center_on(VGroup(both, self.scores, self.scaling)))
        # Both networks, dark, as the two are introduced; each lit layer by layer by the
        # digit as it is named; their answers marked as they are said.
        lit = (self.sigmoid_side, self.relu_side)
        for side in lit:
            for layer in range(len(side.diagram.layers)):
                side.diagram.clear_layer(layer)
        self.play(
            FadeOut(self.sigmoid_graph),
            FadeOut(self.relu_graph),
            FadeOut(self.slope_notes),
            FadeOut(self.tangent),
        )
        self.play(*(FadeIn(side.diagram) for side in lit), run_time=self.fill(1.0))
        for name, side, trace in zip(
            ("sigmoid", "relu"), lit, (sides.sigmoid.trace, sides.relu.trace), strict=True
        ):
            self.cue(name)
            extra = [FadeIn(self.scaling)] if name == "relu" else []
            self.play(
                FadeIn(side.title),
                Succession(
                    *(
                        side.diagram.animate_layer(trace, layer)
                        for layer in range(len(side.diagram.layers))
                    )
                ),
                *extra,
                run_time=self.fill(1.0),
            )
        self.cue("answers")
        self.play(
            *(Create(side.marker) for side in lit),
            *(FadeIn(side.value) for side in lit),
            run_time=self.fill(1.0),
        )

    def accuracy(self, step: Step[Scores]) -> None:
        self.cue("sigmoid")
        self.play(FadeIn(self.scores[0], shift=0.2 * UP), run_time=self.fill(1.0))
        self.cue("relu")
        self.play(FadeIn(self.scores[1], shift=0.2 * UP), run_time=self.fill(1.0))
        # Both scores, as the two are compared.
        self.cue("compare")
        self.play(
            *(Indicate(score, color=self.palette.highlight) for score in self.scores),
            run_time=self.fill(1.0),
        )

    def ahead(self, step: Step[Network]) -> None:
        p = self.palette
        #: The lecture's network, every drawn edge a weight that learning must set.
        self.ahead_diagram = NetworkDiagram(step.shows, p, width=4.2, height=4.6)
        self.next_text = label(wrapped(self.note(step.notes["next"])), TYPE.label, p.text)
        self.book_text = label(wrapped(self.note(step.notes["book"])), TYPE.label, p.muted)
        texts = VGroup(self.next_text, self.book_text).arrange(DOWN, buff=0.7, aligned_edge=LEFT)
        picture = VGroup(self.ahead_diagram, texts).arrange(RIGHT, buff=0.9)
        STAGE.fit(STAGE.center_on(picture))
        self.play(
            FadeOut(self.sigmoid_side),
            FadeOut(self.relu_side),
            FadeOut(self.scores),
            FadeOut(self.scaling),
        )
        self.play(FadeIn(self.ahead_diagram))
        self.cue("knobs")
        edges = [edge for group in self.ahead_diagram.edges for edge in group]
        flashes = [
            ShowPassingFlash(
                edge.copy().set_stroke(p.highlight, width=3, opacity=1), time_width=0.5
            )
            for edge in edges
        ]
        self.play(
            LaggedStart(*flashes, lag_ratio=1.5 / max(len(flashes), 1)), run_time=self.fill(2.0)
        )
        self.cue("next")
        self.play(FadeIn(self.next_text), run_time=self.fill(1.0))
        self.cue("book")
        self.play(FadeIn(self.book_text), run_time=self.fill(1.0))
