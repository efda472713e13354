"""Storyboard section 5: why layers? The hope that pieces build digits and edges build pieces.

Everything drawn over a digit comes from its real pixels (``network.strokes``):
the pieces are the ink in parts of its box, the little edges the direction of the
ink in small tiles. The scene says plainly that this is a hope, not a finding.

The hope is told for the network's real hidden layers: with two, edges in the
first and pieces in the second; with three or four, edges in the first, pieces in
the last, and longer strokes (the ink's direction in larger tiles) in between;
with one, the single hidden layer would have to find pieces in one go.

Render: ``manim render scenes/why_layers.py`` (``-ql`` preview, ``-s`` last frame).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Line,
    Text,
    VGroup,
)

from lecture.inputs import Digit
from network.analysis import example_per_label
from network.shapes import hidden_between, hidden_count
from network.strokes import PIECES, Stroke, piece_masks, tile_strokes
from scenes.kit.grids import PixelGrid, TintedGrid
from scenes.kit.scene import LectureScene
from scenes.kit.shapes import boxed_label, chain_arrows
from scenes.kit.stage import STAGE
from scenes.kit.text import label
from scenes.kit.type_scale import TYPE

__all__ = ["WhyLayers"]

TILE = 4
LONG_TILE = 7  # the longer strokes drawn for the hidden layers between edges and pieces
SPEECH = ("sound", "syllables", "words", "phrases")


class WhyLayers(LectureScene):
    """Pieces, edges and layers of abstraction, drawn over real digits: a hope."""

    # "pieces-misread": some example digit is misread (the network misreads all of its kind).
    # "-one-hidden": the network has a single hidden layer, so edges get no layer of their
    # own; "ladder-deeper": three or four hidden layers, the ones between free.
    STEPS = (
        "pieces",
        "pieces-misread",
        "pieces-one-hidden",
        "pieces-misread-one-hidden",
        "edges",
        "edges-one-hidden",
        "ladder",
        "ladder-one-hidden",
        "ladder-deeper",
        "speech",
        "only-a-hope",
    )

    def construct(self) -> None:
        self.show_pieces()
        self.show_edges_make_loops()
        self.show_ladder()
        self.show_speech()
        self.say_it_is_a_hope()

    @property
    def hidden(self) -> int:
        """How many hidden layers the network has: which hope can be told."""
        return hidden_count(self.inputs.network.sizes)

    def examples(self) -> dict[int, Digit]:
        """One real digit per piece recipe: the first the network reads right.

        For a label the network misreads every time, the first digit of it stands
        in, and ``self.misread`` keeps that label so that a note can say so.
        """
        kinds = list(PIECES)
        picks = example_per_label(self.inputs.network, self.inputs.validation(), kinds)
        self.misread = [e.label for e in picks if e.fallback]
        digits = self.inputs.validation_digits([e.row for e in picks])
        return dict(zip(kinds, digits, strict=True))

    def misread_note(self) -> Text | None:
        """Under the panels, when some example is misread: which, and that all of its kind are."""
        if not self.misread:
            return None
        # note-misread-1, -2, -3: one field per number of labels, so each reads naturally.
        text = self.note("pieces-misread", f"misread-{len(self.misread)}", labels=self.misread)
        return STAGE.to_bottom(label(text, TYPE.label, self.palette.muted), buff=0.15)

    def pieces_of(self, digit: Digit) -> tuple[list[np.ndarray], list]:
        regions = PIECES[digit.label]
        return piece_masks(digit.pixels, regions), list(self.palette.pieces[: len(regions)])

    def show_pieces(self) -> None:
        self.digits = self.examples()
        kinds = list(PIECES)
        key = "pieces-misread" if self.misread else "pieces"
        if self.hidden == 1:
            self.step(f"{key}-one-hidden", digits=kinds, strokes=len(PIECES[kinds[-1]]))
        else:
            # Pieces are hoped for in the last hidden layer, right before the output.
            self.step(key, digits=kinds, strokes=len(PIECES[kinds[-1]]), last=self.hidden)
        panels = []
        for kind, digit in self.digits.items():
            masks, colors = self.pieces_of(digit)
            grid = TintedGrid(digit.pixels, masks, colors, self.palette, height=3.2)
            names = VGroup(
                *(
                    label(region.name, TYPE.label, color)
                    for region, color in zip(PIECES[kind], colors, strict=True)
                )
            ).arrange(DOWN, buff=0.1)
            panels.append(Group(grid, names.next_to(grid, DOWN, buff=0.25)))
        self.panels = Group(*panels).arrange(RIGHT, buff=1.0, aligned_edge=UP)
        STAGE.center_on(self.panels)
        for panel in panels:
            self.play(FadeIn(panel), run_time=0.8)
        self.misread_text = self.misread_note()
        if self.misread_text is not None:
            self.play(FadeIn(self.misread_text))
        self.wait(2.5)

    def stroke_lines(
        self, grid: PixelGrid, strokes: list[Stroke], color, tile: int = TILE
    ) -> VGroup:
        """Each ``tile``'s ink as a short line, where it lies on ``grid``."""
        half = 0.45 * tile * grid.cell_size
        lines = VGroup()
        for s in strokes:
            centre = grid.cell_center(s.row, s.col)
            along = half * np.array([np.cos(s.angle), np.sin(s.angle), 0.0])
            lines.add(Line(centre - along, centre + along, color=color, stroke_width=6))
        return lines

    def show_edges_make_loops(self) -> None:
        nine = self.digits[9]
        masks, colors = self.pieces_of(nine)
        self.strokes = [tile_strokes(nine.pixels, mask, TILE) for mask in masks]
        self.step(
            "edges-one-hidden" if self.hidden == 1 else "edges",
            digit=nine.label,
            tile=TILE,
            edges=sum(len(strokes) for strokes in self.strokes),
        )
        self.big = STAGE.center_on(PixelGrid(nine.pixels, self.palette, height=5.6))
        self.big.set_opacity(0.45)
        self.edge_lines = [
            self.stroke_lines(self.big, strokes, color)
            for strokes, color in zip(self.strokes, colors, strict=True)
        ]
        note = [FadeOut(self.misread_text)] if self.misread_text is not None else []
        self.play(FadeOut(self.panels), *note, FadeIn(self.big))
        for lines in self.edge_lines:
            self.play(Create(lines, lag_ratio=0.3), run_time=1.5)
        self.wait(2)

    def ladder_step(self) -> tuple[int, ...]:
        """Start the ladder step told for this network; the hidden layers in between."""
        between = hidden_between(self.inputs.network.sizes)
        if self.hidden == 1:
            self.step("ladder-one-hidden")
        elif between:
            self.step("ladder-deeper", hidden=self.hidden)
        else:
            self.step("ladder")
        return between

    def where(self, layer: int | tuple[int, ...] | None) -> str:
        """Which layer a rung of the ladder is hoped for, in the script's words."""
        if layer is None:
            return self.note("ladder", "no-layer")
        if isinstance(layer, tuple):
            return self.note("ladder", "layers", layers=list(layer))
        return self.note("ladder", "layer", layer=layer)

    def strokes_picture(
        self, digit: Digit, strokes: list[list[Stroke]], colors, side: float, tile: int
    ) -> Group:
        """The digit faint, with ``strokes`` (one list per piece, ``tile`` pixels each)."""
        grid = PixelGrid(digit.pixels, self.palette, height=side, lines=False).set_opacity(0.35)
        return Group(
            grid,
            *(
                self.stroke_lines(grid, piece, color, tile)
                for piece, color in zip(strokes, colors, strict=True)
            ),
        )

    def show_ladder(self) -> None:
        between = self.ladder_step()
        nine = self.digits[9]
        masks, colors = self.pieces_of(nine)
        p = self.palette
        # A fourth rung (longer strokes) takes room: the pictures and gaps shrink to fit.
        side, gap = (2.1, 1.9) if between else (2.6, 2.0)
        edges = self.strokes_picture(nine, self.strokes, colors, side, TILE)
        pieces = Group(
            *(
                TintedGrid(nine.pixels, [mask], [color], p, height=1.6, dim=0.0)
                for mask, color in zip(masks, colors, strict=True)
            )
        ).arrange(DOWN, buff=0.25)
        # The digit itself is the last picture, drawn about as tall as a piece.
        answer = label(str(nine.label), TYPE.display, p.text).scale_to_fit_height(0.5 * side)
        # The hope per network: a single hidden layer leaves the edges no layer of their
        # own; pieces are hoped for in the last hidden layer, edges in the first.
        columns = [edges]
        titles = [(self.note("ladder", "edges"), self.where(1 if self.hidden > 1 else None))]
        self.long_strokes: list[list[Stroke]] = []
        if between:
            self.long_strokes = [tile_strokes(nine.pixels, mask, LONG_TILE) for mask in masks]
            columns.append(self.strokes_picture(nine, self.long_strokes, colors, side, LONG_TILE))
            titles.append(
                (
                    self.note("ladder", "between"),
                    self.where(between if len(between) > 1 else between[0]),
                )
            )
        columns += [pieces, answer]
        titles += [
            (self.note("ladder", "pieces"), self.where(self.hidden)),
            (self.note("ladder", "digit"), self.note("ladder", "output")),
        ]
        Group(*columns).arrange(RIGHT, buff=gap)
        heads = VGroup()
        top = min(column.get_bottom()[1] for column in columns) - 0.3
        for column, (what, where) in zip(columns, titles, strict=True):
            head = VGroup(label(what, TYPE.body, p.text), label(where, TYPE.label, p.muted))
            head.arrange(DOWN, buff=0.08).move_to([column.get_x(), 0, 0], aligned_edge=UP)
            heads.add(head.shift(top * UP))
        STAGE.center_on(Group(*columns, heads))
        arrows = chain_arrows(columns, p.muted, buff=0.25)
        self.ladder = Group(*columns, heads, arrows)
        self.ladder_heads = heads
        self.play(FadeOut(self.big), *(FadeOut(lines) for lines in self.edge_lines))
        for column, head, arrow in zip(columns, heads, [*arrows, None], strict=True):
            self.play(FadeIn(column), FadeIn(head), *([FadeIn(arrow)] if arrow else []))
        self.wait(2.5)

    def show_speech(self) -> None:
        self.step("speech")
        p = self.palette
        boxes = VGroup(*(boxed_label(word, TYPE.body, p.text, p.highlight) for word in SPEECH))
        STAGE.center_on(boxes.arrange(RIGHT, buff=0.9))
        arrows = chain_arrows(list(boxes), p.muted, buff=0.1)
        self.speech = VGroup(boxes, arrows)
        self.play(FadeOut(self.ladder))
        self.play(FadeIn(boxes, lag_ratio=0.4), FadeIn(arrows, lag_ratio=0.4), run_time=2)
        self.wait(2)

    def say_it_is_a_hope(self) -> None:
        self.step("only-a-hope")
        p = self.palette
        message = VGroup(
            label(self.note("only-a-hope"), TYPE.value, p.highlight),
            label(self.note("only-a-hope", "later"), TYPE.body, p.text),
        ).arrange(DOWN, buff=0.4)
        STAGE.center_on(message)
        self.play(FadeOut(self.speech), FadeIn(message))
        self.wait(3)
