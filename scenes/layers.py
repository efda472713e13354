"""Storyboard sections 3 and 4: pixels become neurons, layers light up, the answer.

Render: ``manim render scenes/layers.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import (
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    FadeTransform,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
)

from network.analysis import Example, example_per_label, example_wrong
from network.data import IMAGE_SIDE
from network.shapes import hidden_kind
from scenes.kit import DRAWN_PIXELS, NetworkDiagram, PixelGrid, drawn_pixel_cells
from scenes.kit.diagram import drawn_rows
from scenes.kit.gallery import size_braces
from scenes.kit.lecture import Digit
from scenes.kit.scene import LectureScene
from scenes.kit.text import decimal, label
from scenes.kit.zoom import PixelCloseUp, busiest_window

__all__ = ["NetworkLayers"]

THUMB_HEIGHT = 2.3
THUMB_POSITION = (-5.7, 0.4, 0.0)
DIAGRAM_CENTER = (0.8, -0.35, 0.0)


class NetworkLayers(LectureScene):
    """A real digit through the real network (784-16-16-10 as shipped), layer by layer."""

    # The first digit's answer is right, wrong, or (a user's image) unlabelled; each of
    # the more digits (parts 1, 2, 3) may be a fallback pick, and is read right or wrong.
    STEPS = (
        "pixels",
        "pixel-values",
        "neurons",
        "input-layer",
        "output-layer",
        "hidden-layers",
        "hidden-layers-one",
        "hidden-layers-mixed",
        "weights",
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
        self.form_input_column(digit)
        self.add_output_layer()
        self.add_hidden_layers()
        self.draw_edges()
        self.forward_pass(digit)
        self.more_digits()

    # -- section 3: neurons hold numbers ---------------------------------------
    def show_pixels(self, digit: Digit) -> None:
        self.step("pixels", side=IMAGE_SIDE, pixels=len(digit.pixels))
        self.grid = PixelGrid(digit.pixels, self.palette, height=5.6).move_to([-3.2, -0.35, 0])
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
        self.close_up.move_to([3.9, -0.35, 0])
        self.play(FadeIn(self.close_up.window))
        self.play(FadeIn(self.close_up, shift=0.2 * RIGHT))
        self.wait(2)
        self.step("neurons", brightest=float(values.max()))
        neurons = self.close_up.as_neurons()
        self.play(ReplacementTransform(self.close_up.squares, neurons))
        self.close_up.squares = neurons
        self.wait(2)

    def form_input_column(self, digit: Digit) -> None:
        self.step(
            "input-layer",
            pixels=len(digit.pixels),
            drawn=len(DRAWN_PIXELS),
            rows=len(drawn_rows()),
        )
        self.diagram = NetworkDiagram(self.lecture.network, self.palette, width=8.3, height=5.8)
        self.diagram.move_to(DIAGRAM_CENTER)
        self.diagram.set_layer(digit.trace, 0)
        self.play(
            FadeOut(self.close_up),
            FadeOut(self.close_up.window),
            FadeOut(self.braces),
        )
        self.play(self.grid.animate.set_height(THUMB_HEIGHT).move_to(THUMB_POSITION))
        thumb = PixelGrid(digit.pixels, self.palette, THUMB_HEIGHT, lines=False)
        self.remove(self.grid)
        self.grid = thumb.move_to(THUMB_POSITION)
        self.add(self.grid)
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
        squares = self.grid.cell_squares(cells)
        self.play(FadeIn(self.row_marks), FadeIn(squares))
        self.play(ReplacementTransform(squares, self.diagram.layers[0]), run_time=1.5)
        d = self.diagram
        self.play(FadeIn(d.input_dots), FadeIn(d.input_brace), FadeIn(d.input_count))
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
                label("?", font_size=40, color=self.palette.muted).next_to(layer, UP, buff=0.15)
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

    def forward_pass(self, digit: Digit, part: int | None = None) -> None:
        """Light the layers one after another, then box the answer (``part``: a more digit)."""
        d = self.diagram
        if part is None:
            self.step("forward-pass", top=float(digit.trace.activations[1].max()))
        for layer in range(1, len(d.layers)):
            self.play(d.animate_layer(digit.trace, layer), run_time=0.9)
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
        self.answer_value = decimal(float(values["activation"]), font_size=36, color=color)
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
            self.play(
                FadeOut(self.answer_box),
                FadeOut(self.answer_value),
                FadeTransform(self.grid, grid),
                *(layer.animate.set_fill(opacity=0) for layer in d.layers[1:]),
                d.animate_layer(digit.trace, 0, lag_ratio=0),
            )
            self.grid = grid
            self.forward_pass(digit, part)
        self.wait(1)

    @staticmethod
    def more_step(example: Example) -> str:
        """The step before one more digit; a fallback pick has its own words saying why."""
        if not example.fallback:
            return "more-digit"
        return "more-digit-none-wrong" if example.read_right else "more-digit-all-misread"
