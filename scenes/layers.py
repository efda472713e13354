"""Storyboard sections 3 and 4: pixels become neurons, layers light up, the answer.

Render: ``manim render scenes/layers.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    FadeIn,
    FadeOut,
    FadeTransform,
    ManimColor,
    ReplacementTransform,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    VGroup,
    smooth,
    squish_rate_func,
)

from network.analysis import Example, example_per_label, example_wrong
from network.data import IMAGE_SIDE
from network.flow import Flow, edge_flow
from network.shapes import hidden_kind
from scenes.kit import DRAWN_PIXELS, NetworkDiagram, PixelGrid, drawn_pixel_cells
from scenes.kit.diagram import drawn_rows
from scenes.kit.flow import Pulses
from scenes.kit.gallery import size_braces
from scenes.kit.lecture import Digit
from scenes.kit.neuron_field import (
    CIRCLE_HALF,
    SQUARE_HALF,
    NeuronField,
    column_centers,
    grid_centers,
    lagged,
    rows_to_column,
)
from scenes.kit.scene import LectureScene
from scenes.kit.stage import STAGE
from scenes.kit.text import decimal, label
from scenes.kit.type_scale import TYPE
from scenes.kit.zoom import PixelCloseUp, busiest_window

__all__ = ["NetworkLayers"]

THUMB_HEIGHT = 2.3
#: The digit's thumbnail, at the stage's left edge and a little above its middle (the
#: note about the drawn connections goes under it).
THUMB_POSITION = np.array([STAGE.left + THUMB_HEIGHT / 2, STAGE.center[1] + 0.75, 0.0])
#: The diagram, centred in the stage to the right of the thumbnail.
DIAGRAM_CENTER = np.array([(STAGE.left + THUMB_HEIGHT + STAGE.right) / 2, STAGE.center[1], 0.0])
#: Spacing of the tall column the image rows line up in (scene units): 784 neurons
#: make it several frames tall, which is the point.
COLUMN_SPACING = 0.1
#: How much each image row's start lags the previous one's (fractions of one row's run).
ROW_LAG = 0.15
#: Connections kept per neuron when the forward pass is drawn: its strongest |w·a|.
PER_TARGET = 2
#: Seconds for the pulses to cross one set of connections (the next layer lights
#: as they arrive, over the last ``1 − ARRIVAL`` of that time).
PULSE_SECONDS = 1.6
ARRIVAL = 0.55


def wrapped(text: str, width: float, size: float, color: ManimColor) -> VGroup:
    """``text`` as left-aligned lines no wider than ``width`` (the script's notes are
    one line of words; where they break depends on the room the layout leaves)."""
    lines: list[str] = []
    for word in text.split():
        if lines and label(f"{lines[-1]} {word}", size, color).width <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return VGroup(*(label(line, size, color) for line in lines)).arrange(
        DOWN, aligned_edge=LEFT, buff=0.12
    )


class NetworkLayers(LectureScene):
    """A real digit through the real network (784-16-16-10 as shipped), layer by layer."""

    # The first digit's answer is right, wrong, or (a user's image) unlabelled; each of
    # the more digits (parts 1, 2, 3) may be a fallback pick, and is read right or wrong.
    STEPS = (
        "pixels",
        "pixel-values",
        "neurons",
        "all-neurons",
        "input-layer",
        "output-layer",
        "hidden-layers",
        "hidden-layers-one",
        "hidden-layers-mixed",
        "weights",
        "strongest-paths",
        "forward-pass",
        "answer",
        "answer-wrong",
        "answer-unlabelled",
        "more-digit",
        "more-digit-all-misread",
        "more-digit-none-wrong",
        "more-answer",
        "more-answer-wrong",
    )

    def construct(self) -> None:
        digit = self.lecture.digit
        self.show_pixels(digit)
        self.zoom_on_pixels()
        self.pixels_become_neurons(digit)
        self.form_input_column(digit)
        self.add_output_layer()
        self.add_hidden_layers()
        self.draw_edges()
        self.keep_strongest(digit)
        self.forward_pass(digit)
        self.more_digits()

    # -- section 3: neurons hold numbers ---------------------------------------
    def show_pixels(self, digit: Digit) -> None:
        self.step("pixels", side=IMAGE_SIDE, pixels=len(digit.pixels))
        self.grid = PixelGrid(digit.pixels, self.palette, height=5.6).move_to(STAGE.column(0, 2))
        self.braces = size_braces(self.grid, self.palette)
        self.play(FadeIn(self.grid), FadeIn(self.braces))
        self.wait(1.5)

    def zoom_on_pixels(self) -> None:
        self.close_up = PixelCloseUp(self.grid, busiest_window(self.grid.pixels), self.palette)
        values = self.close_up.values
        self.step(
            "pixel-values",
            shown=len(values),
            darkest=float(values.min()),
            brightest=float(values.max()),
        )
        self.close_up.move_to(STAGE.column(1, 2))
        self.play(FadeIn(self.close_up.window))
        self.play(FadeIn(self.close_up, shift=0.2 * RIGHT))
        self.wait(2)
        self.step("neurons", brightest=float(values.max()))
        neurons = self.close_up.as_neurons()
        self.play(ReplacementTransform(self.close_up.squares, neurons))
        self.close_up.squares = neurons
        self.wait(2)

    def pixels_become_neurons(self, digit: Digit) -> None:
        """Every square of the grid turns into a circle holding its pixel's value."""
        self.step("all-neurons", pixels=len(digit.pixels))
        self.play(FadeOut(self.close_up), FadeOut(self.close_up.window))
        cell = self.grid.cell_size
        self.field = NeuronField(
            digit.pixels, grid_centers(self.grid), SQUARE_HALF * cell, self.palette
        )
        box = (
            self.grid.get_left()[0],
            self.grid.get_bottom()[1],
            self.grid.get_right()[0],
            self.grid.get_top()[1],
        )
        self.field.backdrop = (box, 1.0)
        self.field.redraw()
        self.remove(self.grid)
        self.add(self.field)

        def morph(alpha: float) -> None:
            self.field.roundness = alpha
            self.field.half[:] = cell * (SQUARE_HALF + (CIRCLE_HALF - SQUARE_HALF) * alpha)
            self.field.backdrop = (box, 1.0 - alpha)

        self.play(UpdateFromAlphaFunc(self.field, self.field.updater(morph)), run_time=2)
        self.wait(1)

    def form_input_column(self, digit: Digit) -> None:
        """The 28 rows travel, one after another, into one tall column of 784 neurons,
        which folds into the diagram's input column: 8, a ⋮, 8, under the 784 brace."""
        self.step(
            "input-layer",
            pixels=len(digit.pixels),
            rows=IMAGE_SIDE,
            side=IMAGE_SIDE,
            drawn=len(DRAWN_PIXELS),
            marked=len(drawn_rows()),
        )
        self.diagram = NetworkDiagram(self.lecture.network, self.palette, width=8.3, height=5.8)
        self.diagram.move_to(DIAGRAM_CENTER)
        self.diagram.set_layer(digit.trace, 0)
        d, field = self.diagram, self.field
        column = d.layers[0]
        x, middle = column.get_center()[0], column.get_center()[1]
        count = len(digit.pixels)
        top = middle + (count - 1) / 2 * COLUMN_SPACING
        start, tall = field.centers.copy(), column_centers(x, top, COLUMN_SPACING, count)
        grid_half = field.half[0]
        column_half = CIRCLE_HALF * COLUMN_SPACING

        def travel(alpha: float) -> None:
            progress = lagged(alpha, IMAGE_SIDE, ROW_LAG)
            field.centers = rows_to_column(progress, start, tall)
            field.half[:] = np.repeat(grid_half + (column_half - grid_half) * progress, IMAGE_SIDE)

        self.play(FadeOut(self.braces), run_time=0.5)
        field.clip_top = STAGE.top  # the column runs on under the headline, unseen
        self.play(UpdateFromAlphaFunc(field, field.updater(travel)), run_time=5)
        # The fold: the column squeezes to the diagram column's height; the drawn
        # pixels' neurons move to their places, every other one fades into the ⋮.
        drawn = np.array(DRAWN_PIXELS)
        slots = np.array([n.get_center() for n in column])
        squeeze = (column.get_top()[1] - column.get_bottom()[1]) / ((count - 1) * COLUMN_SPACING)
        others = np.setdiff1d(np.arange(count), drawn)

        def fold(alpha: float) -> None:
            s = smooth(alpha)
            factor = 1 + (squeeze - 1) * s
            centers = tall.copy()
            centers[:, 1] = middle + (tall[:, 1] - middle) * factor
            centers[drawn] = centers[drawn] + (slots - centers[drawn]) * s
            field.centers = centers
            field.half[others] = column_half * max(factor, 0.2)
            field.half[drawn] = column_half + (d.neuron_radius - column_half) * s
            field.opacity[others] = 1 - squish_rate_func(smooth, 0.4, 1.0)(alpha)

        thumb = PixelGrid(digit.pixels, self.palette, THUMB_HEIGHT, lines=False)
        self.grid = thumb.move_to(THUMB_POSITION)
        cells = drawn_pixel_cells()
        self.row_marks = VGroup(
            *(
                SurroundingRectangle(
                    self.grid.cell_squares(cells[i : i + 8]),
                    buff=0.02,
                    color=self.palette.highlight,
                    stroke_width=1.5,
                )
                for i in (0, 8)
            )
        )
        self.row_marks.set_z_index(2)  # stays above every digit swapped in beneath it
        late = squish_rate_func(smooth, 0.5, 1.0)
        self.play(
            UpdateFromAlphaFunc(field, field.updater(fold)),
            FadeIn(self.grid),
            FadeIn(self.row_marks),
            *(FadeIn(m, rate_func=late) for m in (d.input_dots, d.input_brace, d.input_count)),
            run_time=3,
        )
        self.remove(field)
        self.add(column)
        self.wait(1.5)

    # -- section 4: layers --------------------------------------------------------
    def add_output_layer(self) -> None:
        outputs = self.lecture.network.sizes[-1]
        self.step("output-layer", outputs=outputs, last=outputs - 1)
        self.play(FadeIn(self.diagram.layers[-1]), FadeIn(self.diagram.output_labels))
        self.wait(1.5)

    def add_hidden_layers(self) -> None:
        sizes = self.lecture.network.sizes[1:-1]
        kind = hidden_kind(sizes)
        if kind == "one":
            self.step("hidden-layers-one", size=sizes[0])
        elif kind == "same":
            self.step("hidden-layers", count=len(sizes), size=sizes[0])
        else:
            self.step("hidden-layers-mixed", count=len(sizes), size=list(sizes))
        d = self.diagram
        hidden = d.layers[1:-1]
        self.question_marks = VGroup(
            *(
                label("?", font_size=TYPE.formula, color=self.palette.muted).next_to(
                    layer, UP, buff=0.15
                )
                for layer in hidden
            )
        )
        elided = [dots for i, dots in d.elisions.items() if i > 0]
        self.play(
            *(FadeIn(layer) for layer in hidden),
            *(FadeIn(dots) for dots in elided),
            FadeIn(d.hidden_counts),
            FadeIn(self.question_marks),
        )
        self.wait(1.5)

    def draw_edges(self) -> None:
        self.step(
            "weights",
            positive=self.palette.positive_name,
            negative=self.palette.negative_name,
            weights=self.lecture.network.n_weights,
            drawn=sum(len(edges) for edges in self.diagram.edges),
        )
        self.play(FadeOut(self.question_marks))
        for edges in self.diagram.edges:
            self.play(FadeIn(edges), run_time=0.8)
        # Behind everything else in the scene's list, the 672 edges stay out of the set
        # Manim redraws every frame (all mobjects after the first moving one).
        self.bring_to_back(*self.diagram.edges)
        self.wait(1.5)

    def flows(self, digit: Digit) -> list[Flow]:
        """Per transition, what each drawn connection passes on for ``digit`` and which
        are kept (``network.flow``: the ``PER_TARGET`` strongest |w·a| into each neuron)."""
        d, net = self.diagram, self.lecture.network
        return [
            edge_flow(net, digit.trace, t, d.drawn[t], d.drawn[t + 1], PER_TARGET)
            for t in range(len(d.edges))
        ]

    def thin_edges(self, flows: list[Flow]) -> list[Animation]:
        """Fade every drawn edge to its weight's style if kept for this digit, else out."""
        d = self.diagram
        if not hasattr(self, "edge_opacity"):  # each edge's opacity as the weights step drew it
            self.edge_opacity = [
                np.array([e.get_stroke_opacity() for e in edges]) for edges in d.edges
            ]
        animations = []
        for edges, flow, full in zip(d.edges, flows, self.edge_opacity, strict=True):
            shown = np.where(flow.kept.reshape(-1), full, 0.0)
            for edge, opacity in zip(edges, shown, strict=True):
                if abs(edge.get_stroke_opacity() - opacity) > 1e-9:
                    animations.append(edge.animate.set_stroke(opacity=float(opacity)))
        return animations

    def kept_note(self, flows: list[Flow]) -> VGroup:
        """On screen: how many connections are drawn, and which."""
        text = self.note(
            "strongest-paths",
            "kept",
            kept=sum(f.count for f in flows),
            drawn=sum(f.kept.size for f in flows),
            per_target=PER_TARGET,
        )
        room = self.diagram.input_count.get_left()[0] - 0.2 - STAGE.left
        note = wrapped(text, room, TYPE.small, self.palette.muted)
        note.next_to(self.grid, DOWN, buff=0.45).align_to(self.grid, LEFT)
        return STAGE.keep_inside(note)

    def keep_strongest(self, digit: Digit) -> None:
        """Thin the drawn edges to the ones that matter for this digit, and say how many."""
        self.digit_flows = self.flows(digit)
        drawn = sum(f.kept.size for f in self.digit_flows)
        self.step(
            "strongest-paths",
            per_target=PER_TARGET,
            kept=sum(f.count for f in self.digit_flows),
            drawn=drawn,
        )
        self.kept_text = self.kept_note(self.digit_flows)
        self.play(*self.thin_edges(self.digit_flows), run_time=1.5)
        self.bring_to_back(*self.diagram.edges)
        self.play(FadeIn(self.kept_text))
        self.wait(1.5)

    def forward_pass(self, digit: Digit, part: int | None = None) -> None:
        """Pulses run along the kept edges, each as bright as its w·a, and each layer
        lights as they arrive; then the answer is boxed (``part``: a more digit)."""
        d = self.diagram
        if part is None:
            self.step("forward-pass", top=float(digit.trace.activations[1].max()))
        #: The pulses of the last pass, one group per transition (kept for tests).
        self.pulses: list[Pulses] = []
        for t, flow in enumerate(self.digit_flows):
            pulses = Pulses(d, t, flow)
            self.pulses.append(pulses)
            self.add(pulses)
            self.play(
                UpdateFromAlphaFunc(pulses, lambda m, a: m.travel(a)),
                d.animate_layer(digit.trace, t + 1, lag_ratio=0).set_rate_func(
                    squish_rate_func(smooth, ARRIVAL, 1.0)
                ),
                run_time=PULSE_SECONDS,
            )
            self.remove(pulses)
        self.show_answer(digit, part)

    @staticmethod
    def answer_step(digit: Digit, more: bool) -> tuple[str, dict[str, float | int]]:
        """The answer step's key and values: right, wrong (naming the true digit) or unlabelled."""
        output = digit.trace.output
        answer = digit.prediction
        values: dict[str, float | int] = {"answer": answer, "activation": float(output[answer])}
        if digit.label is None:
            key = "answer-unlabelled"
        elif digit.is_wrong:
            key = "answer-wrong"
            values.update(label=digit.label, label_activation=float(output[digit.label]))
        else:
            key = "answer"
            if not more:
                second = int(np.argsort(output)[-2])
                values.update(second=second, second_activation=float(output[second]))
        return ("more-" if more else "") + key, values

    def show_answer(self, digit: Digit, part: int | None = None) -> None:
        key, values = self.answer_step(digit, more=part is not None)
        self.step(key, part=part, **values)
        self.answer_box = self.diagram.answer_marker(digit.trace)
        color = self.palette.wrong if digit.is_wrong else self.palette.highlight
        self.answer_box.set_color(color)
        self.answer_value = decimal(float(values["activation"]), font_size=TYPE.value, color=color)
        self.answer_value.next_to(self.answer_box, RIGHT, buff=0.12)
        self.play(FadeIn(self.answer_box), FadeIn(self.answer_value))
        self.wait(2)

    def more_digits(self) -> None:
        """Three more digits it never trained on: a 7 and a 0 it reads right, one it gets wrong.

        A weak network may read every 7 (or 0) wrong, and a strong one might get
        none wrong: then the nearest honest pick is shown and the step says so.
        """
        validation = self.lecture.validation()
        net = self.lecture.network
        examples = example_per_label(net, validation, [7, 0])
        examples.append(example_wrong(net, validation, exclude=[e.row for e in examples]))
        d = self.diagram
        for part, example in enumerate(examples, start=1):
            row = example.row
            digit = self.lecture.run(
                validation.images[row], int(validation.labels[row]), f"validation digit #{row}"
            )
            self.step(self.more_step(example), part=part, row=row, label=digit.label)
            grid = PixelGrid(digit.pixels, self.palette, THUMB_HEIGHT, lines=False)
            grid.move_to(THUMB_POSITION)
            self.digit_flows = self.flows(digit)
            note = self.kept_note(self.digit_flows)
            self.play(
                FadeOut(self.answer_box),
                FadeOut(self.answer_value),
                FadeTransform(self.grid, grid),
                FadeTransform(self.kept_text, note),
                *(layer.animate.set_fill(opacity=0) for layer in d.layers[1:]),
                d.animate_layer(digit.trace, 0, lag_ratio=0),
                *self.thin_edges(self.digit_flows),
            )
            self.bring_to_back(*d.edges)
            self.grid, self.kept_text = grid, note
            self.forward_pass(digit, part)
        self.wait(1)

    @staticmethod
    def more_step(example: Example) -> str:
        """The step before one more digit; a fallback pick has its own words saying why."""
        if not example.fallback:
            return "more-digit"
        return "more-digit-none-wrong" if example.read_right else "more-digit-all-misread"
