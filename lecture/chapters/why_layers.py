"""Storyboard section 5 as data: why layers? The hope that pieces build digits and edges
build pieces.

Everything drawn over a digit comes from its real pixels (``network.strokes``): the
pieces are the ink in parts of its box, the little edges the direction of the ink in
small tiles. The words say plainly that this is a hope, not a finding.

The hope is told for the network's real hidden layers: with two, edges in the first
and pieces in the second; with three or four, edges in the first, pieces in the last,
and longer strokes (the ink's direction in larger tiles) in between; with one, the
single hidden layer would have to find pieces in one go. An example digit the network
misreads (it misreads every one of its kind) is said to be misread, one or several.

The closing caveat looks ahead to the real weights and says how they turn out: how many
first-layer neurons are tidy edges is measured (``lecture.tidy_edges``), and the words
("hardly any", "some", "most") are chosen from that count.

Cue marks: each example digit appears as it is named, its pieces' names are pointed at
as a neuron per piece is hoped for, the upper loops are outlined as the words say a
piece-detector must fire for any of them, the featured digit's loop as spotting it is
said to be hard, the edges of each piece are drawn as that piece is named, each rung of
the ladder and each word of the speech ladder appears as it is said, and the arrows
between the rungs are pointed at as each layer is said to build on the one before.
Moments only some words say (the output layer checking the pieces, edges worth finding
anyway, "from simple to abstract") are listed only for the steps whose words say them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lecture.choices import hidden_variant
from lecture.inputs import Digit, Inputs
from lecture.step import Chapter, Note, Step, Value
from lecture.tidy_edges import how_many_tidy
from network.analysis import example_per_label
from network.shapes import hidden_between, hidden_count
from network.strokes import PIECES, Region, Stroke, piece_masks, tile_strokes

__all__ = [
    "FEATURED",
    "KEYS",
    "LONG_TILE",
    "LOOP",
    "SPEECH",
    "TILE",
    "Edges",
    "Ladder",
    "PiecedDigit",
    "Pieces",
    "Rung",
    "Speech",
    "ladder_key",
    "piece_name",
    "pieces_key",
    "plan",
    "where",
]

#: Every script key of the chapter. "-misread": one example digit is misread (the
#: network misreads all of its kind), "-misread-several" more than one; "-one-hidden": a
#: single hidden layer, so edges get no layer of their own; "ladder-deeper": four hidden
#: layers, the two between free, "ladder-deeper-one-between" three, the second free;
#: "only-a-hope-none" says no first-layer neuron is a tidy edge, "only-a-hope" that hardly
#: any is, "-some" that some are, "-most" that most are
#: (``lecture.tidy_edges.how_many_tidy``).
KEYS = frozenset(
    {
        "pieces",
        "pieces-misread",
        "pieces-one-hidden",
        "pieces-misread-one-hidden",
        "pieces-misread-several",
        "pieces-misread-several-one-hidden",
        "edges",
        "edges-one-hidden",
        "ladder",
        "ladder-one-hidden",
        "ladder-deeper",
        "ladder-deeper-one-between",
        "speech",
        "only-a-hope",
        "only-a-hope-none",
        "only-a-hope-some",
        "only-a-hope-most",
    }
)

#: Side of the tiles whose ink makes one little edge.
TILE = 4
#: Side of the tiles of the longer strokes, hoped for in the hidden layers between the
#: edges and the pieces.
LONG_TILE = 7
#: The digit cut into edges and climbed up the ladder: a loop on top of a line.
FEATURED = 9
#: The ladder of another hard problem, understanding speech, bottom to top (each word is
#: also the cue mark of the moment its box appears).
SPEECH = ("sound", "syllables", "words", "phrases")
#: The piece a piece-detector must find however it is drawn: outlined in every example
#: that has it.
LOOP = "upper loop"


@dataclass(frozen=True, eq=False)
class PiecedDigit:
    """A real digit and its ink cut into the pieces ``PIECES`` hopes it is built from:
    one mask per region, in the regions' order, and each region's name as the script
    words it (:func:`piece_name`)."""

    digit: Digit
    regions: tuple[Region, ...]
    masks: tuple[np.ndarray, ...]
    names: tuple[Note, ...] = ()


@dataclass(frozen=True, eq=False)
class Pieces:
    """One example digit per kind of ``PIECES``, in its order; ``misread`` lists the kinds
    whose example the network misreads (it misreads every one of them); ``loops`` the
    (example, region) of each ``LOOP`` with ink, outlined as the words say any of them
    must make a piece-detector fire."""

    examples: tuple[PiecedDigit, ...]
    misread: tuple[int, ...]
    loops: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, eq=False)
class Edges:
    """The featured digit's pieces as little edges: per piece, the ink of each
    ``tile``×``tile`` tile as one stroke; ``loop`` the piece that is its ``LOOP`` (if it
    has ink), outlined as the words say spotting a loop is hard too."""

    digit: PiecedDigit
    tile: int
    strokes: tuple[tuple[Stroke, ...], ...]
    loop: int | None = None


@dataclass(frozen=True)
class Rung:
    """One stage of the hoped-for ladder: ``name`` says what its picture is (``edges``,
    ``between``, ``pieces`` or ``digit``); ``what`` and ``where`` are its heading's texts,
    what is hoped for and in which layer."""

    name: str
    what: Note
    where: Note


@dataclass(frozen=True, eq=False)
class Ladder:
    """The ladder for this network's hidden layers, bottom to top, drawn on the featured
    digit; ``long_strokes`` (per piece, ``long_tile`` tiles) only when some hidden layer
    lies between the first and the last."""

    edges: Edges
    rungs: tuple[Rung, ...]
    long_tile: int
    long_strokes: tuple[tuple[Stroke, ...], ...]


@dataclass(frozen=True)
class Speech:
    """The ladder of understanding speech, bottom to top: each rung's cue mark
    (``SPEECH``) and its box's words, the step's note of the same name."""

    words: tuple[str, ...]
    labels: tuple[Note, ...] = ()


def piece_name(region: Region) -> Note:
    """A piece's name under its example, as the script words it: the pieces step's note
    named after the region ("upper loop" is ``note-upper-loop``)."""
    return Note("pieces", region.name.replace(" ", "-"))


def where(layers: tuple[int, ...]) -> Note:
    """Which hidden layer(s) a rung is hoped for, as the script words it: none, one, or
    several listed."""
    if not layers:
        return Note("ladder", "no-layer")
    if len(layers) > 1:
        return Note("ladder", "layers", {"layers": list(layers)})
    return Note("ladder", "layer", {"layer": layers[0]})


def ladder_key(sizes: tuple[int, ...]) -> str:
    """The ladder's words for this network: one hidden layer, two, or more with one
    (``-one-between``: "the second") or several ("those in between") between the first
    and the last."""
    if hidden_count(sizes) == 1:
        return "ladder-one-hidden"
    between = hidden_between(sizes)
    if not between:
        return "ladder"
    return "ladder-deeper-one-between" if len(between) == 1 else "ladder-deeper"


def pieces_key(misread: int, hidden: tuple[int, ...]) -> str:
    """The pieces' words: no example misread, one ("that one is misread too") or several
    (``-several``: how many, "those shown"), each for one hidden layer or more."""
    plain = "pieces" if not misread else "pieces-misread" + ("-several" * (misread > 1))
    return hidden_variant(plain, hidden, one="-one-hidden", mixed="")


def rungs(sizes: tuple[int, ...]) -> tuple[Rung, ...]:
    """The hope per network: edges in the first hidden layer (none of their own with a
    single one), longer strokes in those between, pieces in the last, then the digit."""
    hidden, between = hidden_count(sizes), hidden_between(sizes)
    ladder = [Rung("edges", Note("ladder", "edges"), where((1,) if hidden > 1 else ()))]
    if between:
        ladder.append(Rung("between", Note("ladder", "between"), where(between)))
    ladder += [
        Rung("pieces", Note("ladder", "pieces"), where((hidden,))),
        Rung("digit", Note("ladder", "digit"), Note("ladder", "output")),
    ]
    return tuple(ladder)


def _pieced(digit: Digit) -> PiecedDigit:
    regions = PIECES[digit.kind]
    masks = tuple(piece_masks(digit.pixels, regions))
    return PiecedDigit(digit, regions, masks, tuple(piece_name(r) for r in regions))


def _strokes(pieced: PiecedDigit, tile: int) -> tuple[tuple[Stroke, ...], ...]:
    return tuple(tuple(tile_strokes(pieced.digit.pixels, m, tile)) for m in pieced.masks)


def net_weights(inputs: Inputs) -> np.ndarray:
    """The first hidden layer's weights, one row per neuron: what the caveat measures."""
    return np.asarray(inputs.network.weights[0])


def plan(inputs: Inputs) -> Chapter[None]:
    """The chapter's steps for ``inputs``' network.

    Parameters
    ----------
    inputs
        The loaded lecture inputs.

    Returns
    -------
    Chapter
        The pieces, the edges, the ladder, the speech ladder and the honest caveat.
    """
    sizes = tuple(inputs.network.sizes)
    hidden = sizes[1:-1]
    kinds = list(PIECES)
    picks = example_per_label(inputs.network, inputs.validation(), kinds)
    digits = inputs.validation_digits([e.row for e in picks])
    examples = tuple(_pieced(d) for d in digits)
    loops = tuple(
        (i, j)
        for i, example in enumerate(examples)
        for j, region in enumerate(example.regions)
        if region.name == LOOP and example.masks[j].any()
    )
    pieces = Pieces(examples, tuple(e.label for e in picks if e.fallback), loops)
    featured = pieces.examples[kinds.index(FEATURED)]
    at = kinds.index(FEATURED)
    loop = next((j for i, j in loops if i == at), None)
    edges = Edges(featured, TILE, _strokes(featured, TILE), loop)
    long_strokes = _strokes(featured, LONG_TILE) if hidden_between(sizes) else ()
    ladder = Ladder(edges, rungs(sizes), LONG_TILE, long_strokes)

    # Each example digit by its place (a loop and a line, two loops, straight strokes).
    values: dict[str, Value] = dict(zip(("first", "second", "third"), kinds, strict=True))
    if len(pieces.misread) > 1:  # the several-misread words say how many
        values["misread"] = len(pieces.misread)
    notes = {}
    if pieces.misread:
        # note-misread-1, -2, -3: one field per number of labels, so each reads naturally.
        name = f"misread-{len(pieces.misread)}"
        notes["misread"] = Note("pieces-misread", name, {"labels": list(pieces.misread)})
    shown = [f"example-{i + 1}" for i in range(len(examples))]
    tidy = {"none": "-none", "hardly-any": "", "some": "-some", "most": "-most"}[
        how_many_tidy(net_weights(inputs))
    ]
    steps: tuple[Step, ...] = (
        Step(
            "pieces",
            pieces_key(len(pieces.misread), hidden),
            values,
            pieces,
            notes=notes,
            # "checks": only the words without a misread note say the output layer checks.
            cues=(
                *shown,
                "piece",
                *(() if pieces.misread else ("checks",)),
                "loops",
                "drawn",
                *(("misread",) if pieces.misread else ()),
            ),
        ),
        Step(
            "edges",
            hidden_variant("edges", hidden, one="-one-hidden", mixed=""),
            {},
            edges,
            # "all": only with edges hoped for in a layer of their own are all of them
            # said to be worth finding.
            cues=(
                "loop",
                "cut",
                *(f"piece-{i + 1}" for i in range(len(edges.strokes))),
                "one",
                *(("all",) if hidden_count(sizes) > 1 else ()),
            ),
        ),
        Step(
            "ladder",
            ladder_key(sizes),
            {},
            ladder,
            # "simple": only with edges in a layer of their own does each layer build
            # from simple to abstract.
            cues=(
                *(r.name for r in ladder.rungs),
                "builds",
                *(("simple",) if hidden_count(sizes) > 1 else ()),
            ),
        ),
        Step(
            "speech",
            "speech",
            {},
            Speech(SPEECH, tuple(Note("speech", word) for word in SPEECH)),
            cues=("ladder", *SPEECH),
        ),
        Step(
            "only-a-hope",
            "only-a-hope" + tidy,
            notes={"message": Note("only-a-hope"), "later": Note("only-a-hope", "later")},
            cues=("message", "training", "later"),
        ),
    )
    return Chapter("why_layers", steps, None, KEYS)
