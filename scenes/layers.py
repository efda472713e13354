"""Storyboard sections 3 and 4: pixels become neurons, layers light up, the answer.

Render: ``manim render scenes/layers.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    BackgroundRectangle,
    Circle,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    FadeTransform,
    Indicate,
    Line,
    Rectangle,
    ReplacementTransform,
    ShowPassingFlash,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    VGroup,
    smooth,
    squish_rate_func,
    there_and_back_with_pause,
)

from lecture.chapters.layers import CLOSE_UP, Answer, Pass, Window, plan
from lecture.choices import DRAWN_PIXELS, drawn_pixel_cells
from lecture.step import Step
from network.data import IMAGE_SIDE
from network.flow import Flow
from scenes.kit.animations import built
from scenes.kit.diagram import NetworkDiagram
from scenes.kit.flow import Pulses
from scenes.kit.gallery import size_braces
from scenes.kit.grids import PixelGrid
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
from scenes.kit.text import decimal, label, wrapped
from scenes.kit.type_scale import TYPE
from scenes.kit.zoom import PixelCloseUp

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
#: Seconds for the pulses to cross one set of connections (the next layer lights
#: as they arrive, over the last ``1 − ARRIVAL`` of that time).
PULSE_SECONDS = 1.6
ARRIVAL = 0.55


def glint(edge: Line) -> Animation:
    """A flash running along ``edge`` in its own colour: pointing at one weight."""
    flash = edge.copy().set_stroke(width=edge.get_stroke_width() * 2.5 + 2, opacity=1.0)
    return ShowPassingFlash(flash, time_width=0.6)


class NetworkLayers(LectureScene):
    """A real digit through the real network (784-16-16-10 as shipped), layer by layer."""

    PLAN = plan

    # -- section 3: neurons hold numbers ---------------------------------------
    def pixels(self, step: Step[None]) -> None:
        digit = self.inputs.digit
        self.grid = PixelGrid(digit.pixels, self.palette, height=5.6).move_to(STAGE.column(0, 2))
        self.braces = size_braces(self.grid, self.palette)
        self.play(FadeIn(self.grid), run_time=self.fill(1.5))
        self.cue("grid")
        self.play(FadeIn(self.braces), run_time=self.fill(1))

    def pixel_values(self, step: Step[Window]) -> None:
        self.close_up = PixelCloseUp(
            self.grid, step.shows.top_left, self.palette, size=CLOSE_UP
        ).move_to(STAGE.column(1, 2))
        close_up, window = self.close_up, step.shows
        self.play(FadeIn(close_up.window))
        self.play(FadeIn(close_up.squares, shift=0.2 * RIGHT), run_time=self.fill(1))
        self.cue("number")
        self.play(FadeIn(close_up.numbers, lag_ratio=0.04), run_time=self.fill(1.5))
        # "from zero for black to one for white": the darkest pixel, then the brightest.
        for moment, cell in (("black", window.darkest), ("white", window.brightest)):
            self.cue(moment)
            self.play(
                Circumscribe(close_up.squares[cell], color=self.palette.highlight, buff=0.04),
                run_time=self.fill(1),
            )
        self.cue("values")
        if "ink" in step.cues:  # "the background is zero, and the ink is close to one"
            self.play(self.point_at_numbers(window.background), run_time=self.fill(1))
            self.cue("ink")
            self.play(self.point_at_numbers(window.ink), run_time=self.fill(1))
        else:  # "here are the values in this window"
            cells = range(len(close_up.numbers))
            self.play(self.point_at_numbers(cells), run_time=self.fill(1.5))

    def point_at_numbers(self, cells: Iterable[int]) -> AnimationGroup:
        """The close-up's numbers of ``cells``, pointed at one after another."""
        return AnimationGroup(
            *(Indicate(self.close_up.numbers[i], color=self.palette.highlight) for i in cells),
            lag_ratio=0.1,
        )

    def neurons(self, step: Step[Window]) -> None:
        """Each pixel a neuron; one of them holding its number, its activation; the
        brightest lit the most."""
        neurons = self.close_up.as_neurons()
        window = step.shows
        self.play(ReplacementTransform(self.close_up.squares, neurons), run_time=self.fill(1.5))
        self.close_up.squares = neurons
        self.cue("neurons")
        self.play(
            Circumscribe(neurons[window.between], color=self.palette.highlight),
            run_time=self.fill(1.5),
        )
        self.cue("activation")
        self.play(
            Indicate(self.close_up.numbers[window.between], color=self.palette.highlight),
            run_time=self.fill(1),
        )
        self.cue("lit")
        self.play(
            Indicate(neurons[window.brightest], scale_factor=1.3, color=self.palette.highlight),
            run_time=self.fill(1.5),
        )

    def all_neurons(self, step: Step[None]) -> None:
        """Every square of the grid turns into a circle holding its pixel's value."""
        close_up = self.close_up
        self.play(FadeOut(close_up.squares), FadeOut(close_up.numbers), FadeOut(close_up.window))
        cell = self.grid.cell_size
        self.field = NeuronField(
            self.inputs.digit.pixels, grid_centers(self.grid), SQUARE_HALF * cell, self.palette
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

        self.play(
            UpdateFromAlphaFunc(self.field, self.field.updater(morph)), run_time=self.fill(2)
        )

    def input_layer(self, step: Step[None]) -> None:
        """The 28 rows travel, one after another, into one tall column of 784 neurons,
        which folds into the diagram's input column: 8, a ⋮, 8, under the 784 brace."""
        digit = self.inputs.digit
        self.diagram = NetworkDiagram(self.inputs.network, self.palette, width=8.3, height=5.8)
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
        # "one tall column … the network's first layer": its length on screen, framed.
        self.cue("column")
        stretch = Rectangle(width=4 * CIRCLE_HALF * COLUMN_SPACING, height=STAGE.height - 0.2)
        stretch.move_to(np.array([x, STAGE.center[1], 0.0]))
        self.play(
            Circumscribe(stretch, color=self.palette.highlight, fade_in=True, fade_out=True),
            run_time=self.fill(1.5),
        )
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

        self.cue("fold")
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
        self.play(UpdateFromAlphaFunc(field, field.updater(fold)), run_time=self.fill(3))
        self.cue("rows")
        self.play(FadeIn(self.grid), FadeIn(self.row_marks), run_time=self.fill(1))
        self.cue("dots")
        self.play(
            *(FadeIn(m) for m in (d.input_dots, d.input_brace, d.input_count)),
            run_time=self.fill(1),
        )
        self.remove(field)
        self.add(column)

    # -- section 4: layers --------------------------------------------------------
    def output_layer(self, step: Step[None]) -> None:
        outputs = self.diagram.layers[-1]
        self.play(FadeIn(outputs), run_time=self.fill(1))
        self.cue("labels")
        self.play(FadeIn(self.diagram.output_labels, lag_ratio=0.1), run_time=self.fill(1))
        # "The activation of each one is a score": each output neuron in turn.
        self.cue("score")
        self.play(
            AnimationGroup(
                *(Indicate(n, color=self.palette.highlight) for n in outputs), lag_ratio=0.15
            ),
            run_time=self.fill(2),
        )

    def hidden_layers(self, step: Step[None]) -> None:
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
            run_time=self.fill(1.5),
        )
        # "neither the picture nor the answer": the input column, then the output layer.
        self.cue("picture")
        self.play(
            Circumscribe(VGroup(d.layers[0], d.input_dots), color=self.palette.highlight),
            run_time=self.fill(1),
        )
        self.cue("answer")
        self.play(
            Circumscribe(VGroup(d.layers[-1], d.output_labels), color=self.palette.highlight),
            run_time=self.fill(1),
        )
        self.cue("marks")
        self.play(
            FadeIn(self.question_marks, shift=0.2 * DOWN, lag_ratio=0.5),
            run_time=self.fill(1.5),
        )

    def weights(self, step: Step[None]) -> None:
        # "Every neuron is wired to every neuron of the next layer": one set after another.
        sets = self.diagram.edges
        self.play(FadeOut(self.question_marks), FadeIn(sets[0]), run_time=0.8)
        for edges in sets[1:-1]:
            self.play(FadeIn(edges), run_time=0.8)
        self.play(FadeIn(sets[-1]), run_time=self.fill(0.8))
        # Behind everything else in the scene's list, the 672 edges stay out of the set
        # Manim redraws every frame (all mobjects after the first moving one).
        self.bring_to_back(*sets)
        # "each wire carries a number …: its weight": one wire, its weight written on it.
        self.cue("lines")
        edge, weight = self.one_weight()
        self.play(
            glint(edge),
            FadeIn(weight, rate_func=there_and_back_with_pause),
            run_time=self.fill(2),
        )
        self.remove(weight)
        for sign, moment in ((1, "positive"), (-1, "negative"), (0, "thicker")):
            self.cue(moment)
            self.play(
                *(glint(edge) for edge in self.strongest_edges(sign)), run_time=self.fill(1.2)
            )
        self.cue("note")
        self.kept_text = self.side_note(self.note(step.notes["drawn"]))
        self.play(FadeIn(self.kept_text), run_time=self.fill(1))

    def one_weight(self) -> tuple[Line, VGroup]:
        """The thickest drawn edge into the output layer, and its weight written beside
        it, over a patch of background so the lines beneath do not cross the digits."""
        d = self.diagram
        last = len(d.edges) - 1
        w = d.drawn_weights(last)
        target, source = np.unravel_index(int(np.argmax(np.abs(w))), w.shape)
        edge = d.edge(last, int(target), int(source))
        value = decimal(float(w[target, source]), TYPE.value, self.palette.text)
        # Beside the middle of the edge, on its upper side, clear of the edge itself.
        along = edge.get_end() - edge.get_start()
        normal = np.array([-along[1], along[0], 0.0]) / np.linalg.norm(along)
        normal = normal if normal[1] >= 0 else -normal
        clear = abs(normal[0]) * value.width / 2 + abs(normal[1]) * value.height / 2 + 0.15
        value.move_to(edge.point_from_proportion(0.5) + clear * normal)
        patch = BackgroundRectangle(
            value, color=self.palette.background, fill_opacity=0.95, buff=0.08
        )
        return edge, VGroup(patch, value)

    def strongest_edges(self, sign: int, count: int = 3) -> list[Line]:
        """The ``count`` thickest drawn edges of one sign (+1 positive, −1 negative; 0
        either)."""
        d = self.diagram
        edges = [
            (float(d.drawn_weights(t)[j, k]) / float(np.abs(d.drawn_weights(t)).max()), t, j, k)
            for t in range(len(d.edges))
            for j in range(len(d.layers[t + 1]))
            for k in range(len(d.layers[t]))
        ]
        if sign == 0:
            edges.sort(key=lambda e: -abs(e[0]))
            return [d.edge(t, j, k) for w, t, j, k in edges[:count] if w != 0]
        edges.sort(key=lambda e: -sign * e[0])
        return [d.edge(t, j, k) for w, t, j, k in edges[:count] if sign * w > 0]

    def thin_edges(self, flows: tuple[Flow, ...]) -> list[Animation]:
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
                    animations.append(built(edge.animate.set_stroke(opacity=float(opacity))))
        return animations

    def kept_note(self, shown: Pass) -> VGroup:
        """On screen: how many connections are drawn, and which."""
        return self.side_note(self.note(shown.kept))

    def side_note(self, text: str) -> VGroup:
        """A note under the digit's thumbnail, wrapped to the room left of the diagram."""
        room = self.diagram.input_count.get_left()[0] - 0.2 - STAGE.left
        note = wrapped(text, room, TYPE.small, self.palette.muted)
        note.next_to(self.grid, DOWN, buff=0.45).align_to(self.grid, LEFT)
        return STAGE.keep_inside(note)

    def strongest_paths(self, step: Step[Pass]) -> None:
        """Thin the drawn edges to the ones that matter for this digit, and say how many."""
        kept = self.kept_note(step.shows)
        # "its weight times the activation at its start": the wire that passes on the
        # most, then the lit neuron it starts from.
        edge, source = self.strongest_flow(step.shows.flows[0])
        self.play(glint(edge), run_time=self.fill(1.2))
        self.cue("start")
        self.play(
            Indicate(source, scale_factor=1.5, color=self.palette.highlight),
            run_time=self.fill(1),
        )
        dark = self.large_weight_from_dark_neuron()
        if dark is not None:
            edge, source = dark
            self.cue("dark")
            self.play(
                glint(edge),
                Indicate(source, scale_factor=1.5, color=self.palette.highlight),
                run_time=self.fill(1.5),
            )
        self.cue("thin")
        self.play(
            *self.thin_edges(step.shows.flows),
            FadeTransform(self.kept_text, kept),
            run_time=self.fill(1.5),
        )
        self.bring_to_back(*self.diagram.edges)
        self.kept_text = kept

    def strongest_flow(self, flow: Flow) -> tuple[Line, Circle]:
        """The drawn input edge that passes on the most (largest |w·a|) and its source."""
        target, origin = np.unravel_index(
            int(np.argmax(np.abs(flow.contribution))), flow.contribution.shape
        )
        source = self.diagram.layers[0][int(origin)]
        assert isinstance(source, Circle)
        return self.diagram.edge(0, int(target), int(origin)), source

    def forward_pass(self, step: Step[Pass]) -> None:
        """Pulses run along the kept edges, each as bright as its w·a, and each layer
        lights as they arrive; then each layer in turn, as each decides the next."""
        self.run_pulses(step.shows, (None, "bright", "lights"))
        self.cue("decide")
        self.play(
            AnimationGroup(
                *(
                    Indicate(layer, scale_factor=1.08, color=self.palette.highlight)
                    for layer in self.diagram.layers
                ),
                lag_ratio=0.5,
            ),
            run_time=self.fill(2.5),
        )

    def large_weight_from_dark_neuron(self) -> tuple[Line, Circle] | None:
        """The drawn edge with the largest |w| (relative to its set of connections) that
        leaves a dark neuron (activation below 0.05) of the digit, and that neuron."""
        d, trace = self.diagram, self.inputs.digit.trace
        best: tuple[float, int, int, int] | None = None
        for t in range(len(d.edges)):
            w = np.abs(d.drawn_weights(t))
            dark = d.drawn_brightness(trace, t) < 0.05
            if not dark.any() or w.max() == 0:
                continue
            strength = np.where(dark[None, :], w / w.max(), -1.0)
            row, col = np.unravel_index(int(np.argmax(strength)), strength.shape)
            if best is None or strength[row, col] > best[0]:
                best = (float(strength[row, col]), t, int(row), int(col))
        if best is None:
            return None
        _, layer, target, origin = best
        source = d.layers[layer][origin]
        assert isinstance(source, Circle)
        return d.edge(layer, target, origin), source

    def run_pulses(self, shown: Pass, moments: Sequence[str | None] = ()) -> None:
        """The pulses of each set of connections in turn, each set starting at its moment
        of the words (if any) and lasting until the next."""
        d = self.diagram
        #: The pulses of the last pass, one group per transition (kept for tests).
        self.pulses: list[Pulses] = []
        for t, flow in enumerate(shown.flows):
            if t < len(moments) and (moment := moments[t]) is not None:
                self.cue(moment)
            pulses = Pulses(d, t, flow)
            self.pulses.append(pulses)
            self.add(pulses)
            self.play(
                UpdateFromAlphaFunc(pulses, lambda m, a: m.travel(a)),
                d.animate_layer(shown.digit.trace, t + 1, lag_ratio=0).set_rate_func(
                    squish_rate_func(smooth, ARRIVAL, 1.0)
                ),
                run_time=self.fill(PULSE_SECONDS),
            )
            self.remove(pulses)

    def answer(self, step: Step[Answer]) -> None:
        """The answer boxed, with its activation beside it (in the wrong colour if wrong);
        then the neuron the words name next (the runner-up, or the true digit's) pointed at
        with its activation, and the outputs' sum."""
        digit, d = step.shows.digit, self.diagram
        output = digit.trace.output
        self.answer_box = d.answer_marker(digit.trace)
        color = self.palette.wrong if digit.is_wrong else self.palette.highlight
        self.answer_box.set_color(color)
        self.answer_value = decimal(step.shows.activation, font_size=TYPE.value, color=color)
        self.answer_value.next_to(self.answer_box, RIGHT, buff=0.12)
        answer = d.layers[-1][digit.prediction]
        if step.part is None:  # "The brightest output neuron is the network's answer"
            self.play(
                Indicate(answer, scale_factor=1.4, color=self.palette.highlight),
                run_time=self.fill(1),
            )
        self.cue("box")
        self.play(Create(self.answer_box), FadeIn(self.answer_value), run_time=self.fill(1))
        #: What the answer step added beside the answer (taken away with it).
        self.answer_extras = VGroup()
        other = step.values.get("second", step.values.get("label"))
        if isinstance(other, int) and other != digit.prediction:
            self.cue("runner" if "second" in step.values else "label")
            value = decimal(float(output[other]), font_size=TYPE.body, color=self.palette.muted)
            value.next_to(d.output_labels[other], RIGHT, buff=0.15)
            self.answer_extras.add(value)
            self.play(
                Indicate(d.layers[-1][other], scale_factor=1.4, color=self.palette.highlight),
                FadeIn(value),
                run_time=self.fill(1),
            )
        if "total" in step.values:
            self.cue("sum")
            total = label(self.note(step.notes["sum"]), TYPE.small, self.palette.muted)
            total.next_to(d.layers[-1], DOWN, buff=0.3)
            STAGE.keep_inside(total)
            self.answer_extras.add(total)
            self.play(
                AnimationGroup(
                    *(Indicate(n, color=self.palette.highlight) for n in d.layers[-1]),
                    lag_ratio=0.08,
                ),
                run_time=self.fill(1.5),
            )
            self.cue("total")
            self.play(FadeIn(total), run_time=self.fill(1))
        if "mistake" in step.cues:  # "Mistakes like this show where the network falls short"
            # The wrong answer's box only: its value beside it reaches the frame's edge,
            # and a ring around both would run off it.
            self.cue("mistake")
            self.play(
                Circumscribe(self.answer_box, color=self.palette.highlight, buff=0.08),
                run_time=self.fill(1.5),
            )

    def more_digit(self, step: Step[Pass]) -> None:
        """One more digit it never trained on swapped in, then its forward pass."""
        digit = step.shows.digit
        d = self.diagram
        grid = PixelGrid(digit.pixels, self.palette, THUMB_HEIGHT, lines=False)
        grid.move_to(THUMB_POSITION)
        note = self.kept_note(step.shows)
        # The last answer cleared and the network emptied at once, as the headline
        # changes (not drawn out to the next mark); then the new digit comes in.
        self.play(
            FadeOut(self.answer_box),
            FadeOut(self.answer_value),
            FadeOut(self.answer_extras),
            *(layer.animate.set_fill(opacity=0) for layer in d.layers[1:]),
            run_time=0.5,
        )
        self.cue("swap")
        self.play(
            FadeTransform(self.grid, grid),
            FadeTransform(self.kept_text, note),
            d.animate_layer(digit.trace, 0, lag_ratio=0),
            *self.thin_edges(step.shows.flows),
        )
        self.bring_to_back(*d.edges)
        self.grid, self.kept_text = grid, note
        self.run_pulses(step.shows)

    def more_answer(self, step: Step[Answer]) -> None:
        self.answer(step)

    def coda(self) -> None:
        self.wait(1)
