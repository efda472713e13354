"""Storyboard section 5: why layers? The hope that pieces build digits and edges build pieces.

What is drawn over each digit, and the hope told for the network's hidden layers,
come from the chapter's plan (``lecture.chapters.why_layers``).

Render: ``manim render scenes/why_layers.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from manim import (
    DOWN,
    ORIGIN,
    RIGHT,
    UP,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    LaggedStart,
    Line,
    ManimColor,
    Mobject,
    Rectangle,
    Text,
    VGroup,
    Write,
)

from lecture.chapters.why_layers import Edges, Ladder, PiecedDigit, Pieces, Speech, plan
from lecture.step import Step
from network.data import IMAGE_SIDE
from network.strokes import Stroke
from scenes.kit.grids import PixelGrid, TintedGrid
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed_label, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import label, wrapped
from scenes.kit.type_scale import TYPE

__all__ = ["WhyLayers", "after"]

#: Least room between two rungs' words on the ladder.
HEAD_GAP = 0.25


def after(step: Step[Any], cue: str | None) -> str | None:
    """The mark said after ``cue`` in ``step``'s words (its cues are in the words' order;
    ``None`` for the first), or ``None`` after the last: what a filled animation lasts
    until (``fill``'s ``until``; ``None``, the next mark or the end of the speech)."""
    cues = step.cues
    at = -1 if cue is None else cues.index(cue)
    return cues[at + 1] if at + 1 < len(cues) else None


class WhyLayers(LectureScene):
    """Pieces, edges and layers of abstraction, drawn over real digits: a hope."""

    PLAN = plan

    def piece_colors(self, pieced: PiecedDigit) -> list[ManimColor]:
        """One colour per piece, in the palette's order."""
        return list(self.palette.pieces[: len(pieced.masks)])

    def pieces(self, step: Step[Pieces]) -> None:
        p = self.palette
        panels = []
        #: Each example's digit, its pieces tinted (kept for tests).
        self.piece_grids: list[TintedGrid] = []
        piece_names: list[Mobject] = []
        for example in step.shows.examples:
            colors = self.piece_colors(example)
            grid = TintedGrid(
                example.digit.pixels, list(example.masks), colors, self.palette, height=3.2
            )
            names = VGroup(
                *(
                    label(self.note(name), TYPE.label, color)
                    for name, color in zip(example.names, colors, strict=True)
                )
            ).arrange(DOWN, buff=0.1)
            panels.append(Group(grid, names.next_to(grid, DOWN, buff=0.25)))
            self.piece_grids.append(grid)
            piece_names.extend(names)
        self.panels = Group(*panels).arrange(RIGHT, buff=1.0, aligned_edge=UP)
        STAGE.center_on(self.panels)
        for n, panel in enumerate(panels, start=1):
            self.cue(f"example-{n}")  # each example appears as it is named
            self.play(FadeIn(panel), run_time=self.fill(0.8, after(step, f"example-{n}")))
        # The pieces' names, one after another, as one neuron per piece is hoped for; then
        # each example in turn, as the output layer is said to check which pieces it has.
        self.cue("piece")
        self.play(
            LaggedStart(
                *(Indicate(name, color=p.highlight) for name in piece_names), lag_ratio=0.5
            ),
            run_time=self.fill(1.5, after(step, "piece")),
        )
        if "checks" in step.cues:
            self.cue("checks")
            self.play(
                LaggedStart(
                    *(Circumscribe(grid, color=p.highlight) for grid in self.piece_grids),
                    lag_ratio=0.7,
                ),
                run_time=self.fill(1.5, after(step, "checks")),
            )
        #: The outline of each upper loop, pointed at as any loop is said to count.
        self.loop_boxes = VGroup(
            *(
                self.mask_box(self.piece_grids[i], step.shows.examples[i].masks[j])
                for i, j in step.shows.loops
            )
        )
        # The first loop as any loop is said to count, the others as "however it is drawn".
        self.cue("loops")
        if len(self.loop_boxes):
            self.play(Create(self.loop_boxes[0]), run_time=self.fill(1.0, "drawn"))
        self.cue("drawn")
        if len(self.loop_boxes) > 1:
            self.play(
                Create(VGroup(*self.loop_boxes[1:]), lag_ratio=0),
                run_time=self.fill(1.0, after(step, "drawn")),
            )
        # Under the panels, when some example is misread: which, and that all of its kind are.
        self.misread_text: Text | None = None
        if "misread" in step.notes:
            text = label(self.note(step.notes["misread"]), TYPE.label, self.palette.muted)
            self.misread_text = STAGE.to_bottom(text, buff=0.15)
            self.cue("misread")
            self.play(FadeIn(self.misread_text), run_time=self.fill(1.0))
        self.wait(0.5)

    def mask_box(self, grid: PixelGrid | TintedGrid, mask: np.ndarray) -> Rectangle:
        """A rectangle around the cells of ``mask`` on ``grid``, in the highlight colour."""
        rows, cols = np.nonzero(mask)
        top_left = grid.cell_center(rows.min() - 0.5, cols.min() - 0.5)
        bottom_right = grid.cell_center(rows.max() + 0.5, cols.max() + 0.5)
        box = Rectangle(
            width=bottom_right[0] - top_left[0] + 0.1, height=top_left[1] - bottom_right[1] + 0.1
        )
        box.move_to((top_left + bottom_right) / 2)
        return box.set_stroke(self.palette.highlight, 4)

    def stroke_lines(
        self, grid: PixelGrid, strokes: Sequence[Stroke], color: ManimColor, tile: int
    ) -> VGroup:
        """Each ``tile``'s ink as a short line, where it lies on ``grid``."""
        half = 0.45 * tile * grid.cell_size
        lines = VGroup()
        for s in strokes:
            centre = grid.cell_center(s.row, s.col)
            along = half * np.array([np.cos(s.angle), np.sin(s.angle), 0.0])
            lines.add(Line(centre - along, centre + along, color=color, stroke_width=6))
        return lines

    def tile_lines(self, grid: PixelGrid, tile: int) -> VGroup:
        """Faint lines cutting ``grid`` into ``tile``×``tile`` patches."""
        lines = VGroup()
        for k in range(tile, IMAGE_SIDE, tile):
            x = grid.cell_center(0, k - 0.5)[0]
            y = grid.cell_center(k - 0.5, 0)[1]
            lines.add(Line((x, grid.get_top()[1], 0), (x, grid.get_bottom()[1], 0)))
            lines.add(Line((grid.get_left()[0], y, 0), (grid.get_right()[0], y, 0)))
        return lines.set_stroke(self.palette.muted, 1.5, opacity=0.45)

    def edges(self, step: Step[Edges]) -> None:
        edges = step.shows
        colors = self.piece_colors(edges.digit)
        self.big = STAGE.center_on(PixelGrid(edges.digit.digit.pixels, self.palette, height=5.6))
        self.big.set_opacity(0.45)
        self.edge_lines = [
            self.stroke_lines(self.big, strokes, color, edges.tile)
            for strokes, color in zip(edges.strokes, colors, strict=True)
        ]
        #: The patches the digit is cut into, drawn as the words cut it.
        self.tiles = self.tile_lines(self.big, edges.tile)
        note = [FadeOut(self.misread_text)] if self.misread_text is not None else []
        self.play(FadeOut(self.panels), FadeOut(self.loop_boxes), *note, FadeIn(self.big))
        # The digit's loop, outlined as spotting a loop is said to be hard; the outline
        # stays while the loop's own edges are drawn.
        loop = (
            [] if edges.loop is None else [self.mask_box(self.big, edges.digit.masks[edges.loop])]
        )
        self.cue("loop")
        if loop:
            self.play(Create(loop[0]), run_time=self.fill(1.0, "cut"))
        self.cue("cut")
        self.play(Create(self.tiles, lag_ratio=0.3), run_time=self.fill(1.2, "piece-1"))
        for n, lines in enumerate(self.edge_lines, start=1):
            self.cue(f"piece-{n}")  # each piece's edges appear as that piece is named
            gone = [FadeOut(loop.pop())] if loop and n > 1 else []
            until = after(step, f"piece-{n}")
            self.play(Create(lines, lag_ratio=0.3), *gone, run_time=self.fill(1.5, until))
        one = next((lines[0] for lines in self.edge_lines if len(lines)), None)
        self.cue("one")  # a single edge, as one first-layer neuron's hoped-for pattern
        gone = [FadeOut(loop.pop())] if loop else []
        if one is not None:
            self.play(
                Indicate(one, color=self.palette.text, scale_factor=1.6),
                *gone,
                run_time=self.fill(1.2, after(step, "one")),
            )
        elif gone:
            self.play(*gone)
        if "all" in step.cues:
            self.cue("all")  # every edge, as edges are said to be worth finding
            self.play(
                LaggedStart(
                    *(Indicate(lines, color=self.palette.highlight) for lines in self.edge_lines),
                    lag_ratio=0.5,
                ),
                run_time=self.fill(1.5),
            )
        self.wait(0.5)

    def strokes_picture(
        self,
        pieced: PiecedDigit,
        strokes: Sequence[Sequence[Stroke]],
        side: float,
        tile: int,
    ) -> Group:
        """The digit faint, with ``strokes`` (one list per piece, ``tile`` pixels each)."""
        pixels = pieced.digit.pixels
        grid = PixelGrid(pixels, self.palette, height=side, lines=False).set_opacity(0.35)
        return Group(
            grid,
            *(
                self.stroke_lines(grid, piece, color, tile)
                for piece, color in zip(strokes, self.piece_colors(pieced), strict=True)
            ),
        )

    def ladder(self, step: Step[Ladder]) -> None:
        ladder = step.shows
        pieced = ladder.edges.digit
        p = self.palette
        # A fourth rung (longer strokes) takes room: the pictures and gaps shrink to fit.
        side, gap = (2.1, 1.9) if len(ladder.rungs) > 3 else (2.6, 2.0)
        pictures: dict[str, Callable[[], Mobject]] = {
            "edges": lambda: self.strokes_picture(
                pieced, ladder.edges.strokes, side, ladder.edges.tile
            ),
            "between": lambda: self.strokes_picture(
                pieced, ladder.long_strokes, side, ladder.long_tile
            ),
            "pieces": lambda: Group(
                *(
                    TintedGrid(pieced.digit.pixels, [mask], [color], p, height=1.6, dim=0.0)
                    for mask, color in zip(pieced.masks, self.piece_colors(pieced), strict=True)
                )
            ).arrange(DOWN, buff=0.25),
            # The digit itself is the last picture, drawn about as tall as a piece.
            "digit": lambda: label(
                str(pieced.digit.kind), TYPE.display, p.text
            ).scale_to_fit_height(0.5 * side),
        }
        #: Each rung's picture, by the rung's name (kept for tests).
        self.ladder_columns = {rung.name: pictures[rung.name]() for rung in ladder.rungs}
        columns = list(self.ladder_columns.values())
        Group(*columns).arrange(RIGHT, buff=gap)
        heads = VGroup()
        top = min(column.get_bottom()[1] for column in columns) - 0.3
        # A rung's words keep to its own column's room (German names run longer).
        pitch = min((b.get_x() - a.get_x() for a, b in pairwise(columns)), default=99.0)
        room = pitch - HEAD_GAP
        for column, rung in zip(columns, ladder.rungs, strict=True):
            what, where = (
                wrapped(self.note(name), room, size, colour, aligned_edge=ORIGIN)
                for name, size, colour in (
                    (rung.what, TYPE.body, p.text), (rung.where, TYPE.label, p.muted)
                )
            )  # fmt: skip
            head = VGroup(
                what[0] if len(what) == 1 else what, where[0] if len(where) == 1 else where
            )
            head.arrange(DOWN, buff=0.08).move_to((column.get_x(), 0.0, 0.0), aligned_edge=UP)
            heads.add(head.shift(top * UP))
        STAGE.center_on(Group(*columns, heads))
        arrows = chain_arrows(columns, p.muted, buff=0.25)
        self.ladder_group = Group(*columns, heads, arrows)
        self.ladder_heads = heads
        self.ladder_arrows = arrows
        self.play(
            FadeOut(self.big),
            FadeOut(self.tiles),
            *(FadeOut(lines) for lines in self.edge_lines),
            run_time=self.fill(1.0, after(step, None)),
        )
        # Each rung appears as it is named, with the arrow that leads up to it.
        for column, heading, arrow, rung in zip(
            columns, heads, [None, *arrows], ladder.rungs, strict=True
        ):
            self.cue(rung.name)
            self.play(
                FadeIn(column),
                FadeIn(heading),
                *([FadeIn(arrow)] if arrow else []),
                run_time=self.fill(1.0, after(step, rung.name)),
            )
        # The arrows in turn, as each layer is said to build on the one before; then the
        # first rung and the last, as "simple" and "abstract" are said.
        self.cue("builds")
        self.play(
            LaggedStart(*(Indicate(arrow, color=p.highlight) for arrow in arrows), lag_ratio=0.6),
            run_time=self.fill(1.5, after(step, "builds")),
        )
        if "simple" in step.cues:
            self.cue("simple")
            self.play(
                LaggedStart(
                    Circumscribe(Group(columns[0], heads[0]), color=p.highlight),
                    Circumscribe(Group(columns[-1], heads[-1]), color=p.highlight),
                    lag_ratio=1.0,
                ),
                run_time=self.fill(1.6),
            )
        self.wait(0.5)

    def speech(self, step: Step[Speech]) -> None:
        p = self.palette
        boxes = VGroup(
            *(
                boxed_label(self.note(words), TYPE.body, p.text, p.highlight)
                for words in step.shows.labels
            )
        )
        STAGE.center_on(boxes.arrange(RIGHT, buff=0.9))
        arrows = chain_arrows(list(boxes), p.muted, buff=0.1)
        self.speech_group = VGroup(boxes, arrows)
        # The last step's ladder, pointed at as "a similar ladder" is said, then gone.
        self.cue("ladder")
        self.play(
            LaggedStart(
                *(Indicate(arrow, color=p.highlight) for arrow in self.ladder_arrows),
                lag_ratio=0.5,
            ),
            run_time=1.0,
        )
        self.play(FadeOut(self.ladder_group), run_time=self.fill(1.0, after(step, "ladder")))
        # Each word's box appears as it is said, with the arrow that leads up to it.
        for word, box, arrow in zip(step.shows.words, boxes, [None, *arrows], strict=True):
            self.cue(word)
            self.play(
                FadeIn(box),
                *([FadeIn(arrow)] if arrow else []),
                run_time=self.fill(0.6, after(step, word)),
            )
        self.wait(0.5)

    def only_a_hope(self, step: Step[None]) -> None:
        p = self.palette
        message = VGroup(
            label(self.note(step.notes["message"]), TYPE.value, p.highlight),
            label(self.note(step.notes["later"]), TYPE.body, p.text),
        ).arrange(DOWN, buff=0.4)
        STAGE.center_on(message)
        self.play(FadeOut(self.speech_group), run_time=self.fill(1.0, "message"))
        self.cue("message")
        self.play(FadeIn(message[0]), run_time=self.fill(1.0, "training"))
        # The hope outlined again as its reason is said: nothing in training asks for it.
        self.cue("training")
        self.play(Circumscribe(message[0], color=p.highlight), run_time=self.fill(1.5, "later"))
        self.cue("later")
        self.play(Write(message[1]), run_time=self.fill(1.5))
        self.wait(0.5)
