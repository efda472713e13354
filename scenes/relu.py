"""Storyboard section 12: sigmoid vs ReLU, and the same digit through a ReLU network.

The two networks come from two weights files (``[lecture] weights`` and
``relu_weights``) and need not have the same shape; when they differ, the words
and the diagrams' titles name both shapes, so the comparison says what it compares.

Render: ``manim render scenes/relu.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, FadeIn, FadeOut, VGroup

from network.activations import (
    largest_slope,
    relu,
    sigmoid,
    signal_divided_by,
    slope_through_layers,
)
from network.model import Network, Trace
from network.shapes import dashed, same_shape
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.maths import activation_axes, plot_function, tex, tex_number, tex_scientific
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["SigmoidVsRelu"]

DEEP = 10  # layers in the "deep network" the slopes are multiplied through
EDGE = 4  # both graphs run from -EDGE to EDGE


class SigmoidVsRelu(LectureScene):
    """The two activation functions side by side, then both trained networks on our digit."""

    # "same-digit-other-shapes": the two weights files hold networks of different shapes.
    STEPS = ("sigmoid", "relu", "why-relu", "same-digit", "same-digit-other-shapes")

    def construct(self) -> None:
        self.show_sigmoid()
        self.show_relu()
        self.explain_training()
        self.compare_networks()

    def graph(self, function, formula: str, y_range, centre, smooth: bool = True) -> VGroup:
        p = self.palette
        axes = activation_axes((-EDGE, EDGE, 2), y_range, p, width=5.2, height=3.2)
        curve = plot_function(axes, function, p.highlight, use_smoothing=smooth)
        title = tex(formula, font_size=TYPE.formula, palette=p).next_to(axes, UP, buff=0.35)
        return VGroup(axes, curve, title).move_to(centre)

    def show_sigmoid(self) -> None:
        self.step(
            "sigmoid",
            left=-EDGE,
            right=EDGE,
            at_left=float(sigmoid(-EDGE)),
            at_right=float(sigmoid(EDGE)),
        )
        self.sigmoid_graph = self.graph(
            sigmoid, r"\sigma(a) = \frac{1}{1+e^{-a}}", (0, 1, 0.5), STAGE.column(0, 2)
        )
        axes, curve, title = self.sigmoid_graph
        self.play(FadeIn(axes), FadeIn(title))
        self.play(Create(curve))
        self.wait(2)

    def show_relu(self) -> None:
        self.step("relu")
        self.relu_graph = self.graph(
            relu, r"\mathrm{ReLU}(a) = \max(0, a)", (0, EDGE, 1), STAGE.column(1, 2), smooth=False
        )
        axes, curve, title = self.relu_graph
        self.play(FadeIn(axes), FadeIn(title))
        self.play(Create(curve))
        self.wait(2)

    def explain_training(self) -> None:
        p = self.palette
        self.slopes = {name: largest_slope(name) for name in ("sigmoid", "relu")}
        self.signal = {name: slope_through_layers(name, DEEP) for name in self.slopes}
        self.step(
            "why-relu",
            sigmoid_slope=self.slopes["sigmoid"],
            relu_slope=self.slopes["relu"],
            layers=DEEP,
            one_in=signal_divided_by("sigmoid", DEEP),
        )
        notes = VGroup()
        for name, graph in (("sigmoid", self.sigmoid_graph), ("relu", self.relu_graph)):
            note = tex(
                rf"\text{{steepest slope }} {tex_number(self.slopes[name])}"
                rf"\qquad \text{{after {DEEP} layers }} {tex_scientific(self.signal[name])}",
                font_size=TYPE.label,
                palette=p,
            )
            notes.add(note.next_to(graph, DOWN, buff=0.35))
        lowest = min(note.get_y() for note in notes)
        for note in notes:
            note.set_y(lowest)
        notes[1].set_color(p.highlight)
        self.slope_notes = notes
        self.play(FadeIn(notes, lag_ratio=0.4))
        self.wait(3)

    def lit_diagram(
        self, network: Network, trace: Trace, name: str, shape: bool = False
    ) -> VGroup:
        """The network lit by ``trace``, its answer marked, titled with ``name`` (and the
        network's shape under the title when ``shape``: the two networks differ)."""
        p = self.palette
        diagram = NetworkDiagram(network, p, width=3.8, height=4.4, neuron_radius=0.12)
        for layer in range(len(diagram.layers)):
            diagram.set_layer(trace, layer)
        answer = int(trace.prediction)
        marker = diagram.answer_marker(trace)
        value = tex(tex_number(trace.output[answer]), font_size=TYPE.label, palette=p)
        value.set_color(p.highlight).next_to(marker, RIGHT, buff=0.1)
        title = label(f"{name}: reads {answer}", TYPE.body, p.text)
        if shape:
            title = VGroup(title, label(dashed(network.sizes), TYPE.small, p.muted))
            title.arrange(DOWN, buff=0.1)
        title.next_to(diagram, UP, buff=0.25)
        return VGroup(diagram, marker, value, title)

    def compare_networks(self) -> None:
        digit = self.inputs.digit
        relu_net = self.inputs.relu_network()
        self.relu_trace = relu_net.forward(digit.pixels)
        sigmoid_answer, relu_answer = digit.prediction, int(self.relu_trace.prediction)
        answers = {
            "sigmoid_answer": sigmoid_answer,
            "sigmoid_activation": digit.trace.output[sigmoid_answer],
            "relu_answer": relu_answer,
            "relu_activation": self.relu_trace.output[relu_answer],
        }
        self.same_shape = same_shape(self.inputs.network.sizes, relu_net.sizes)
        if self.same_shape:
            self.step("same-digit", **answers)
        else:
            self.step(
                "same-digit-other-shapes",
                sigmoid_shape=dashed(self.inputs.network.sizes),
                relu_shape=dashed(relu_net.sizes),
                **answers,
            )
        shapes = not self.same_shape
        self.sigmoid_side = self.lit_diagram(self.inputs.network, digit.trace, "sigmoid", shapes)
        self.relu_side = self.lit_diagram(relu_net, self.relu_trace, "ReLU", shapes)
        sides = VGroup(self.sigmoid_side, self.relu_side).arrange(RIGHT, buff=1.0, aligned_edge=UP)
        self.scaling = label(self.note("same-digit"), TYPE.small, self.palette.muted)
        self.scaling.next_to(sides, DOWN, buff=0.3)
        STAGE.fit(STAGE.center_on(VGroup(sides, self.scaling)))
        self.play(FadeOut(self.sigmoid_graph), FadeOut(self.relu_graph), FadeOut(self.slope_notes))
        self.play(FadeIn(self.sigmoid_side), FadeIn(self.relu_side))
        self.play(FadeIn(self.scaling))
        self.wait(3)
