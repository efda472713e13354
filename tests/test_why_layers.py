"""scenes/why_layers.py: pieces and edges are drawn from real digits; the hope is told for
the network's real hidden layers (one, two, or three and more), and a misread example is
said to be misread."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

import numpy as np
import pytest
from manim import Line, VGroup
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit
from test_three import assert_words_fill

from lecture.chapters.why_layers import FEATURED, LONG_TILE, LOOP, SPEECH, TILE, plan
from lecture.inputs import Inputs, load_inputs
from lecture.tidy_edges import COMPACT, HARDLY_ANY, MOST, TIDY_SHARE
from network.detector import LECTURE_DETECTOR
from network.model import Network
from network.strokes import PIECES, piece_masks, tile_strokes
from scenes.config import PROJECT_ROOT
from scenes.narration.script import load_script
from scenes.why_layers import WhyLayers

__module_test__ = "why_layers"


def answers_from_weights(net, images: np.ndarray) -> np.ndarray:
    """The digits the weights give for rows of images, computed here from the arrays."""
    a = images.T
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + b[:, None])
    return np.argmax(a, axis=0)


def expected_examples(inputs: Inputs) -> tuple[list[int], list[int]]:
    """Per kind of ``PIECES``, the first unseen digit of it the network reads right (else
    the first of it); and the kinds it reads none of right."""
    val, rows, misread = inputs.validation(), [], []
    for kind in PIECES:
        of_kind = np.flatnonzero(val.labels == kind)
        right = of_kind[answers_from_weights(inputs.network, val.images[of_kind]) == kind]
        rows.append(int(right[0]) if right.size else int(of_kind[0]))
        if not right.size:
            misread.append(kind)
    return rows, misread


def expected_rungs(hidden: int) -> list[tuple[str, str, dict]]:
    """Per rung of the ladder for ``hidden`` hidden layers: its picture, and the note
    naming its layer(s) with that note's values."""
    rungs = [("edges", "layer", {"layer": 1}) if hidden > 1 else ("edges", "no-layer", {})]
    between = list(range(2, hidden))
    if len(between) == 1:
        rungs.append(("between", "layer", {"layer": 2}))
    elif between:
        rungs.append(("between", "layers", {"layers": between}))
    return [*rungs, ("pieces", "layer", {"layer": hidden}), ("digit", "output", {})]


#: The ladder's words by the number of hidden layers: one ("the pieces straight from the
#: pixels"), two, three ("the second" in between), four ("those in between").
LADDERS = {1: "ladder-one-hidden", 2: "ladder", 3: "ladder-deeper-one-between", 4: "ladder-deeper"}


def misread_suffix(misread: int) -> str:
    """The pieces' words for ``misread`` misread examples: none, one ("that one is misread
    too") or several ("of {misread} of the digits shown … those shown")."""
    return "" if not misread else "-misread-several" if misread > 1 else "-misread"


def assert_plan_matches(inputs: Inputs) -> None:
    """Every step's key, values and what it shows, against the digits and the network's
    hidden layers, worked out here."""
    chapter = plan(inputs)
    val, hidden = inputs.validation(), len(inputs.network.sizes) - 2
    one = "-one-hidden" if hidden == 1 else ""
    rows, misread = expected_examples(inputs)

    pieces = chapter.step("pieces")
    assert pieces.key == "pieces" + misread_suffix(len(misread)) + one
    examples = pieces.shows.examples
    assert [e.digit.label for e in examples] == list(PIECES)
    for example, row in zip(examples, rows, strict=True):
        np.testing.assert_array_equal(example.digit.pixels, val.images[row])
        assert example.regions == PIECES[example.digit.label]
        for mask, want in zip(
            example.masks, piece_masks(val.images[row], example.regions), strict=True
        ):
            np.testing.assert_array_equal(mask, want)
    assert list(pieces.shows.misread) == misread
    several = {"misread": len(misread)} if len(misread) > 1 else {}  # "of two of the digits"
    assert pieces.values == dict(zip(("first", "second", "third"), PIECES, strict=True)) | several
    # Every upper loop with ink is outlined: the 9's and the 8's.
    loops = [(i, j) for i, e in enumerate(examples) for j, r in enumerate(e.regions)]
    loops = [(i, j) for i, j in loops if examples[i].regions[j].name == LOOP]
    assert list(pieces.shows.loops) == [(i, j) for i, j in loops if examples[i].masks[j].any()]
    assert len(pieces.shows.loops) == 2
    assert pieces.cues == (
        "example-1",
        "example-2",
        "example-3",
        "piece",
        *(() if misread else ("checks",)),
        "loops",
        "drawn",
        *(("misread",) if misread else ()),
    )
    if misread:
        note = pieces.notes["misread"]
        assert (note.key, note.name) == ("pieces-misread", f"misread-{len(misread)}")
        assert note.values == {"labels": misread}
    else:
        assert "misread" not in pieces.notes

    edges = chapter.step("edges")
    assert edges.key == "edges" + one
    nine = edges.shows.digit
    assert nine.digit.label == FEATURED == 9 and nine is examples[list(PIECES).index(9)]
    strokes = [tile_strokes(nine.digit.pixels, m, TILE) for m in nine.masks]
    assert [list(s) for s in edges.shows.strokes] == strokes
    assert edges.values == {}
    many = "-one-hidden" not in edges.key
    assert edges.cues == ("loop", "cut", "piece-1", "piece-2", "one", *(("all",) if many else ()))
    # The 9's upper loop, outlined as spotting a loop is said to be hard.
    assert nine.regions[edges.shows.loop].name == LOOP and nine.masks[edges.shows.loop].any()

    ladder = chapter.step("ladder")
    assert ladder.key == LADDERS[hidden]
    assert ladder.values == {}
    assert ladder.cues == (
        *(r.name for r in ladder.shows.rungs),
        "builds",
        *(("simple",) if many else ()),
    )
    told = [(r.name, r.where.name, dict(r.where.values)) for r in ladder.shows.rungs]
    assert told == expected_rungs(hidden)
    assert [r.what.name for r in ladder.shows.rungs] == [r.name for r in ladder.shows.rungs]
    assert all(r.what.key == r.where.key == "ladder" for r in ladder.shows.rungs)
    assert ladder.shows.edges is edges.shows
    long = [tile_strokes(nine.digit.pixels, m, LONG_TILE) for m in nine.masks]
    assert [list(s) for s in ladder.shows.long_strokes] == (long if hidden > 2 else [])

    assert chapter.step("speech").shows.words == SPEECH
    assert chapter.step("speech").cues == ("ladder", *SPEECH)
    hope = chapter.step("only-a-hope")
    assert hope.key == "only-a-hope" + TIDY_WORDS[tidy_words(inputs.network.weights[0])]
    assert {(n.key, n.name) for n in hope.notes.values()} == {
        ("only-a-hope", ""),
        ("only-a-hope", "later"),
    }
    for rung in ladder.shows.rungs:
        inputs.script.note(chapter.name, rung.what.key, rung.what.name, rung.what.values)
        inputs.script.note(chapter.name, rung.where.key, rung.where.name, rung.where.values)
    assert_words_fill(inputs, chapter)


@lru_cache(maxsize=1)
def placed_edges() -> np.ndarray:
    """Every edge pattern the measure tries, placed on the whole 28×28 grid and scaled to
    length 1, built here point by point: the designed detector's strip (+1, ``width``
    across) between bands (−1, ``surround`` wide), ``length`` long, in 8 directions,
    at every centre where it lies wholly inside the grid (5 to 22 either way)."""
    d = LECTURE_DETECTOR
    rows, cols = np.mgrid[0:28, 0:28].astype(float)
    placed = []
    for angle in np.arange(8) * np.pi / 8:
        for r0 in range(5, 23):
            for c0 in range(5, 23):
                dr, dc = rows - r0, cols - c0
                along = dc * np.cos(angle) - dr * np.sin(angle)
                across = dc * np.sin(angle) + dr * np.cos(angle)
                near = np.abs(along) <= d.length / 2 + 1e-9
                strip = near & (np.abs(across) <= d.width / 2 + 1e-9)
                band = near & ~strip & (np.abs(across) <= d.width / 2 + d.surround + 1e-9)
                t = strip.astype(float) - band.astype(float)
                placed.append(t.reshape(-1) / np.linalg.norm(t))
    return np.array(placed)


def edge_shares_here(weights: np.ndarray) -> np.ndarray:
    """Each neuron's largest squared cosine with a placed edge pattern, computed here."""
    w = np.asarray(weights, dtype=float)
    best = np.abs(w @ placed_edges().T).max(axis=1)
    return (best / np.linalg.norm(w, axis=1)) ** 2


#: The only-a-hope key's suffix for each answer about the real weights.
TIDY_WORDS = {"none": "-none", "hardly-any": "", "some": "-some", "most": "-most"}


def compact_here(weights: np.ndarray) -> np.ndarray:
    """Each neuron's largest share of its sum of |w| inside one square patch as big as
    the designed detector (its non-zero weights span 9 cells), computed here."""
    grids = np.abs(np.asarray(weights, dtype=float)).reshape(-1, 28, 28)
    windows = np.lib.stride_tricks.sliding_window_view(grids, (9, 9), axis=(1, 2))
    return windows.sum(axis=(-1, -2)).max(axis=(1, 2)) / grids.sum(axis=(1, 2))


def tidy_words(weights: np.ndarray) -> str:
    """Whether none, hardly any, some or most of the neurons are tidy edges (edge-shaped and
    compact), worked out here."""
    tidy = (edge_shares_here(weights) >= TIDY_SHARE) & (compact_here(weights) >= COMPACT)
    share = np.mean(tidy)
    if not tidy.any():
        return "none"
    return "hardly-any" if share <= HARDLY_ANY else ("most" if share > MOST else "some")


def test_the_edge_measure_finds_edges_and_only_edges() -> None:
    """A designed edge, turned or moved, is a tidy edge; the same with noise beside it is
    one until the noise holds most of the weight; random weights never are."""
    d = LECTURE_DETECTOR
    edge = d.weights((12, 15)).reshape(-1)
    turned = np.rot90(d.weights((14, 9))).reshape(-1)
    noise = np.random.default_rng(1).normal(0, 0.3, 784)
    shares = edge_shares_here(np.array([edge, turned, edge + 0.05 * noise, edge + 2 * noise]))
    np.testing.assert_allclose(shares[:2], 1.0)
    assert shares[2] >= TIDY_SHARE > shares[3]
    random = Network.initialised((784, 16, 10), seed=0).weights[0]
    assert edge_shares_here(random).max() < TIDY_SHARE / 4
    # Compact: the designed edge keeps all its weight in one patch, noise does not.
    compact = compact_here(np.array([edge, turned, noise]))
    np.testing.assert_allclose(compact[:2], 1.0)
    assert compact[2] < COMPACT


def with_first_layer(inputs: Inputs, tidy: int, neurons: int = 16, noise: float = 0.02) -> Inputs:
    """``inputs`` with a network whose first ``tidy`` of ``neurons`` first-layer neurons
    are designed edges (with ``noise`` beside them) and the rest random weights."""
    net = Network.initialised((784, neurons, 10), seed=2)
    rng = np.random.default_rng(0)
    for n in range(tidy):
        centre = (8 + (n * 5) % 12, 8 + (n * 3) % 12)
        edge = LECTURE_DETECTOR.weights(centre).reshape(-1)
        net.weights[0][n] = 0.5 * edge + rng.normal(0, noise, 784)
    digit = dataclasses.replace(inputs.digit, trace=net.forward(inputs.digit.pixels))
    return dataclasses.replace(inputs, network=net, digit=digit)


@pytest.mark.parametrize(
    ("tidy", "words"),
    [
        (0, "none"),
        (1, "hardly-any"),
        (2, "hardly-any"),
        (5, "some"),
        (8, "some"),
        (9, "most"),
        (16, "most"),
    ],
)
def test_the_caveat_says_how_many_neurons_are_tidy_edges(tidy: int, words: str) -> None:
    inputs = with_first_layer(load_inputs(), tidy)
    assert tidy_words(inputs.network.weights[0]) == words
    assert plan(inputs).step("only-a-hope").key == "only-a-hope" + TIDY_WORDS[words]


def test_edges_drowned_in_spread_weight_are_not_tidy() -> None:
    """Edge-shaped neurons whose weight mostly lies outside one patch are no tidy edges:
    the caveat then says "none", as the later section's verdict (no neuron keeps half its
    weight in one patch) does."""
    inputs = with_first_layer(load_inputs(), 16, noise=0.14)
    weights = inputs.network.weights[0]
    assert (edge_shares_here(weights) >= TIDY_SHARE).all()
    assert (compact_here(weights) < COMPACT).all()
    assert plan(inputs).step("only-a-hope").key == "only-a-hope-none"


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """For every lecture of the sweep: the caveat's words match how many of its network's
    first-layer neurons are tidy edges (measured here); "misread" is said exactly when
    some example of the pieces is misread, and then the network misreads every unseen
    digit of that kind; the pieces are hoped for in "the last" hidden layer, or "our
    only" one; the spoken values are just the example digits, named by their kind."""
    seen: dict[int, tuple[str, list[int]]] = {}
    for case in sweep_cases:
        inputs, name = case.inputs, case.name
        net = inputs.network
        if id(net) not in seen:
            seen[id(net)] = (tidy_words(net.weights[0]), expected_examples(inputs)[1])
        words, misread = seen[id(net)]
        chapter = plan(inputs)
        hope = chapter.step("only-a-hope")
        assert hope.key == "only-a-hope" + TIDY_WORDS[words], name
        pieces = chapter.step("pieces")
        examples = pieces.shows.examples
        wrong = [
            e.digit.label
            for e in examples
            if answers_from_weights(net, e.digit.pixels[None])[0] != e.digit.label
        ]
        assert wrong == misread, name  # a misread example: its whole kind is misread
        one = len(net.sizes) == 3
        assert pieces.key == "pieces" + misread_suffix(len(wrong)) + "-one-hidden" * one, name
        several = {"misread": len(wrong)} if len(wrong) > 1 else {}
        assert pieces.values == {"first": 9, "second": 8, "third": 4} | several, name
        assert chapter.step("ladder").key == LADDERS[len(net.sizes) - 2], name
        assert [e.digit.label for e in examples] == [9, 8, 4], name
        assert chapter.step("edges").key.endswith("-one-hidden") == one, name


def test_the_plan_tells_the_hope_for_the_networks_layers(network_shape: str) -> None:
    inputs = load_inputs()
    assert_plan_matches(inputs)
    if network_shape == "16-16":  # the shipped network reads an example of each right
        assert not plan(inputs).step("pieces").shows.misread


def assert_german_fills(inputs: Inputs) -> None:
    """The chapter's words, in the German script too, take the plan's values."""
    german = load_script(PROJECT_ROOT / "scenes" / "script" / "de.toml")
    in_german = dataclasses.replace(inputs, script=german)
    assert_words_fill(in_german, plan(in_german))


@pytest.mark.parametrize(
    ("sizes", "seed"),
    [((784, 16, 16, 16, 16, 10), 3), ((784, 16, 16, 16, 10), 3), ((784, 16, 16, 16, 10), 2),
     ((784, 20, 10), 3), ((784, 30, 10), 1)],
)  # fmt: skip
def test_an_untrained_network_misreads_and_four_layers_list_those_between(
    sizes: tuple[int, ...], seed: int
) -> None:
    """No test network has three or four hidden layers or misreads a whole kind: untrained
    ones stand in (they read few digits right), for the misread note (two or three kinds)
    and the layers between the first and the last (one, or two)."""
    inputs = dataclasses.replace(load_inputs(), network=Network.initialised(sizes, seed=seed))
    assert len(plan(inputs).step("pieces").shows.misread) > 1
    assert_plan_matches(inputs)
    assert_german_fills(inputs)


def test_a_network_that_never_answers_one_kind_misreads_just_that_one(
    network_shape: str,
) -> None:
    """A trained network whose output for the featured digit can never win misreads every
    example of that one kind, and only that: the words say one example is misread."""
    shipped = load_inputs()
    biases = [b.copy() for b in shipped.network.biases]
    biases[-1][FEATURED] -= 100.0  # output FEATURED never lights: every one is misread
    net = Network(shipped.network.weights, biases, shipped.network.activation)
    inputs = dataclasses.replace(shipped, network=net)
    pieces = plan(inputs).step("pieces")
    assert list(pieces.shows.misread) == [FEATURED]
    assert pieces.key.startswith("pieces-misread") and "several" not in pieces.key
    assert_plan_matches(inputs)
    assert_german_fills(inputs)


def test_pieces_and_edges_drawn_are_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(WhyLayers)
    chapter = scene.chapter
    pieces = chapter.step("pieces")
    for grid, example in zip(scene.piece_grids, pieces.shows.examples, strict=True):
        np.testing.assert_array_equal(grid.pixels.reshape(-1), example.digit.pixels)
    assert (scene.misread_text is None) == ("misread" not in pieces.notes)
    edges = chapter.step("edges").shows
    for lines, strokes in zip(scene.edge_lines, edges.strokes, strict=True):
        assert len(lines) == len(strokes) > 0
        for line, stroke in zip(lines, strokes, strict=True):
            np.testing.assert_allclose(
                line.get_center(), scene.big.cell_center(stroke.row, stroke.col), atol=1e-6
            )
            direction = line.get_unit_vector()
            along = np.array([np.cos(stroke.angle), np.sin(stroke.angle)])
            assert abs(direction[0] * along[1] - direction[1] * along[0]) < 1e-6

    # The ladder's picture: one rung per hoped-for stage, headed by its notes.
    ladder = chapter.step("ladder").shows
    assert list(scene.ladder_columns) == [r.name for r in ladder.rungs]
    # A heading too wide for its column is wrapped onto lines (a VGroup of Texts).
    heads = [
        ["".join(t.text for t in (part if isinstance(part, VGroup) else [part])) for part in head]
        for head in scene.ladder_heads
    ]
    assert heads == [
        [scene.note(r.what).replace(" ", ""), scene.note(r.where).replace(" ", "")]
        for r in ladder.rungs
    ]
    if "between" in scene.ladder_columns:
        lines = [m for m in scene.ladder_columns["between"].get_family() if isinstance(m, Line)]
        assert len(lines) == sum(len(s) for s in ladder.long_strokes) > 0
    assert list(words) == step_ids(chapter)


@golden(WhyLayers)
def test_ladder(scene: WhyLayers) -> None:
    build_up_to(scene, "ladder")
