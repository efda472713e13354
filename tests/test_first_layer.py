"""scenes/first_layer.py: the plan's grids are the real first-layer weights (a fair
sample beyond ``MAX_GRIDS``), its neuron, digit, sums and accuracy are network/'s, and
what is drawn is the plan's: in palette colours, laid out to fit the stage for any
first-layer width."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from manim import UL
from numpy.lib.stride_tricks import sliding_window_view
from scene_helpers import golden, render_in_frame, step_ids

from lecture.chapters import first_layer
from lecture.chapters.first_layer import KEYS, MAX_GRIDS, plan
from lecture.choices import spread_neurons, weight_scale
from lecture.inputs import load_inputs
from lecture.tidy_edges import PATCH, compactness
from network.analysis import most_exciting
from network.detector import LECTURE_DETECTOR
from network.errors import NetworkInputError
from network.shapes import HIDDEN_WIDTH
from network.shipped import bundled_split
from network.training import accuracy
from scenes.first_layer import GRID_BUFF, GRID_HEIGHT, NOTE_ROOM, WhatNeuronsSee, grid_layout
from scenes.kit.stage import STAGE

__module_test__ = "first_layer"

#: The smallest thumbnail (frame units) a layout may use: about 60 px high at 480p.
READABLE = 1.0


def check_plan() -> None:
    """Every step's key and values, and what it shows, against network/ and the choices."""
    inputs = load_inputs()
    net, palette = inputs.network, inputs.palette
    chapter = plan(inputs)
    colours = {
        "positive": inputs.script.word("colours", palette.positive_key),
        "negative": inputs.script.word("colours", palette.negative_key),
    }
    w = net.weights[0]
    n, k = w.shape[0], int(np.argmax(inputs.digit.trace.activations[1]))
    layer = chapter.shows
    assert layer.neuron == k
    np.testing.assert_array_equal(layer.weights, w)
    assert layer.scale == weight_scale(w)
    assert chapter.step("one-neuron").values == {"neuron": k, "weights": 784, **colours}
    grids = chapter.step("all-neurons")
    shown = grids.shows.shown
    best = chapter.step("honest-answer").shows.best
    assert k in shown and best in shown and list(shown) == sorted(set(shown))
    if n <= MAX_GRIDS:
        assert grids.key == "all-neurons" and shown == tuple(range(n))
        assert grids.values == {"count": n, **colours}
    else:
        assert grids.key == "all-neurons-sample" and len(shown) == MAX_GRIDS
        assert grids.values == {"shown": MAX_GRIDS, "count": n, **colours}
        # Still an even sample: no gap wider than twice an even spacing.
        assert np.diff(shown).max() <= 2 * np.ceil((n - 1) / (MAX_GRIDS - 1))
    assert {s.key for s in chapter.steps} <= KEYS
    val = inputs.validation()
    row = most_exciting(net, val, k)
    exciter = chapter.step("most-exciting")
    assert exciter.shows.digit.source == f"validation digit #{row}"
    np.testing.assert_array_equal(exciter.shows.digit.pixels, val.images[row])
    assert exciter.shows.weighted_sum == pytest.approx(float(w[k] @ val.images[row]), abs=1e-12)
    assert exciter.values == {
        "count": len(val),
        "neuron": k,
        "label": int(val.labels[row]),
        **colours,
    }
    # No other validation digit gives the neuron a larger sum.
    assert exciter.shows.weighted_sum >= (val.images @ w[k]).max() - 1e-9
    assert chapter.step("still-reads").values == {
        "accuracy": accuracy(net, val),
        "count": len(val),
    }


def test_the_plan_is_the_networks(network_shape: str) -> None:
    check_plan()


def test_the_plan_follows_the_digit(digit_index: int) -> None:
    check_plan()
    assert load_inputs().digit.source == f"bundled digit #{digit_index}"


def test_a_layer_too_wide_to_read_is_planned_as_a_sample(
    network_shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond MAX_GRIDS (here lowered below every test layer's width) the plan picks the
    sample variant, an even sample with the featured neuron in it, and its counts."""
    monkeypatch.setattr(first_layer, "MAX_GRIDS", 10)
    inputs = load_inputs()
    grids = plan(inputs).step("all-neurons")
    n, k = inputs.network.weights[0].shape[0], inputs.digit.featured_neuron
    assert grids.key == "all-neurons-sample"
    shown, best = grids.shows.shown, plan(inputs).step("honest-answer").shows.best
    assert len(shown) == 10 and k in shown and best in shown
    assert set(shown) - {best} <= set(spread_neurons(n, 10, keep=k))
    assert grids.values["shown"] == 10 and grids.values["count"] == n


def assert_grids_are_the_plans(scene: WhatNeuronsSee) -> None:
    """Each thumbnail shows its neuron's 784 weights in palette colours, named above."""
    palette, layer = scene.palette, scene.chapter.shows
    w, scale = layer.weights, layer.scale
    shown = scene.chapter.step("all-neurons").shows.shown
    assert list(scene.thumbnails) == list(scene.names) == list(shown)
    assert len(scene.grids) == len(shown)
    for j in shown:
        grid, name = scene.thumbnails[j], scene.names[j]
        np.testing.assert_array_equal(grid.weights.reshape(-1), w[j])
        assert name.text == str(j) and name.get_bottom()[1] > grid.get_top()[1]
        np.testing.assert_allclose(grid.cell_rgb, palette.weight_rgb(w[j].reshape(28, 28), scale))
        # The drawn image: a strongly positive cell is the palette's positive hue.
        r, c = divmod(int(np.argmax(w[j])), 28)
        pixel = grid.pixel_array[r * 12 + 6, c * 12 + 6, :3] / 255
        hue = np.array(palette.positive.to_rgb())
        np.testing.assert_allclose(pixel, hue * min(w[j].max() / scale, 1), atol=1 / 255)
    # All on the stage, below the headline, in one size.
    area = STAGE
    assert scene.grids.get_top()[1] <= area.top + 1e-6
    assert scene.grids.get_bottom()[1] >= area.bottom - 1e-6
    assert len({round(grid.height, 6) for grid in scene.thumbnails.values()}) == 1
    assert min(grid.height for grid in scene.thumbnails.values()) >= READABLE


def test_grids_show_the_real_weights_in_palette_colours(network_shape: str) -> None:
    scene, words = render_in_frame(WhatNeuronsSee)
    assert list(words) == step_ids(scene.chapter)
    assert_grids_are_the_plans(scene)
    thumbnails = scene.thumbnails.values()
    if network_shape == "16-16":  # the shipped look: two rows of eight, full size
        assert [g.height for g in thumbnails] == pytest.approx([GRID_HEIGHT] * 16, abs=1e-9)
        assert len({round(cell.get_y(), 6) for cell in scene.grids}) == 2  # two rows
    best = scene.chapter.step("most-exciting").shows
    assert abs(scene.sum_value.get_value() - best.weighted_sum) < 5e-3
    # Each drawn neuron's best patch is boxed on its own grid, PATCH cells a side at the
    # plan's corner; the note saying so sits under the grids, on the stage.
    found = scene.chapter.step("honest-answer").shows
    assert list(scene.boxes) == list(scene.thumbnails)
    for j, box in scene.boxes.items():
        grid, (row, col) = scene.thumbnails[j], found.corners[j]
        assert box.width == pytest.approx(PATCH * grid.cell_size)
        top_left = grid.get_corner(UL) + grid.cell_size * np.array([col, -row, 0])
        np.testing.assert_allclose(box.get_corner(UL), top_left, atol=1e-6)
    note = scene.patch_note
    assert note.get_top()[1] < scene.grids.get_bottom()[1]
    assert STAGE.bottom - 1e-6 <= note.get_bottom()[1]
    assert STAGE.left - 1e-6 <= note.get_left()[0] and note.get_right()[0] <= STAGE.right
    np.testing.assert_array_equal(scene.exciter_grid.pixels.reshape(-1), best.digit.pixels)


def test_a_layer_too_wide_to_read_is_drawn_as_its_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's sample (MAX_GRIDS lowered to 10 for the shipped 16) is what is drawn,
    and the words of the sample variant are the ones said."""
    monkeypatch.setattr(first_layer, "MAX_GRIDS", 10)
    scene, words = render_in_frame(WhatNeuronsSee, cached=False)
    grids = scene.chapter.step("all-neurons")
    assert grids.key == "all-neurons-sample" and len(grids.shows.shown) == 10
    assert_grids_are_the_plans(scene)
    assert list(words) == step_ids(scene.chapter)
    assert "first_layer.all-neurons-sample" in words


def test_spread_neurons_is_an_even_sample_that_keeps_the_neuron_asked_for() -> None:
    assert spread_neurons(16, 32) == list(range(16))
    assert spread_neurons(128, 32)[:4] == [0, 4, 8, 12] and spread_neurons(128, 32)[-1] == 127
    for count in (33, 64, 100, 128):
        for keep in (0, 1, count // 2, count - 2, count - 1):
            picked = spread_neurons(count, 32, keep=keep)
            assert len(picked) == 32 and keep in picked
            assert picked == sorted(set(picked)) and 0 <= picked[0] and picked[-1] < count
            gaps = np.diff(picked)
            assert gaps.max() <= 2 * np.ceil((count - 1) / 31)  # still spread over the layer
    with pytest.raises(NetworkInputError):
        spread_neurons(16, 8, keep=16)


def test_every_allowed_first_layer_gets_a_readable_layout_on_the_stage() -> None:
    """As the scene lays them out: with room kept under them for the boxes' note."""
    area, name_height = STAGE, 0.3
    assert grid_layout(16, area, name_height, NOTE_ROOM) == (2, GRID_HEIGHT)  # the shipped 2 × 8
    gap_x, gap_y = GRID_BUFF
    for count in range(HIDDEN_WIDTH.start, MAX_GRIDS + 1):
        rows, side = grid_layout(count, area, name_height, NOTE_ROOM)
        cols = -(-count // rows)
        assert side >= READABLE, count
        assert cols * side + (cols - 1) * gap_x <= area.width + 1e-9
        assert rows * (side + name_height) + (rows - 1) * gap_y <= area.height - NOTE_ROOM


def best_patches(weights: np.ndarray, side: int) -> np.ndarray:
    """Each neuron's largest share of its sum of |w| in any side×side square, by brute force
    over every square (not the chapter's running sums)."""
    grids = np.abs(weights).reshape(-1, 28, 28)
    windows = sliding_window_view(grids, (side, side), axis=(1, 2)).sum(axis=(-1, -2))
    return windows.reshape(len(grids), -1).max(axis=1) / grids.sum(axis=(1, 2))


def test_the_patch_is_the_designed_detectors_size() -> None:
    """The designed detector fits in a PATCH square (all its weight inside), not in a
    smaller one: the patch is "as big as our detector"."""
    detector = LECTURE_DETECTOR.weights((14.0, 14.0)).reshape(1, -1)
    assert best_patches(detector, PATCH)[0] == pytest.approx(1.0)
    assert best_patches(detector, PATCH - 1)[0] < 1.0
    shares, corners = compactness(detector)
    assert shares[0] == pytest.approx(1.0)
    row, col = corners[0]
    assert np.abs(detector.reshape(28, 28)[row : row + PATCH, col : col + PATCH]).sum() == (
        pytest.approx(np.abs(detector).sum())
    )


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Every verdict the chapter speaks, against the weights and digits it is about."""
    training = bundled_split()[0].images
    measured: dict[int, tuple[np.ndarray, float]] = {}
    for case in sweep_cases:
        inputs, name = case.inputs, case.name
        net, palette = inputs.network, inputs.palette
        chapter = plan(inputs)
        w = net.weights[0]
        if id(net) not in measured:
            val = inputs.validation()
            read = np.mean(net.forward(val.images).activations[-1].argmax(axis=1) == val.labels)
            measured[id(net)] = (best_patches(w, PATCH), float(read))
        shares, read = measured[id(net)]
        colours = {
            "positive": inputs.script.word("colours", palette.positive_key),
            "negative": inputs.script.word("colours", palette.negative_key),
        }
        for step in chapter.steps:
            if "positive" in step.values:
                assert {c: step.values[c] for c in colours} == colours, name
        # "None is a tidy edge: each keeps most of its weight outside any one patch."
        verdict = chapter.step("honest-answer")
        check_verdict(verdict, shares, name)
        # "The most compact neuron here keeps only {most}", and it is the one pointed at.
        assert verdict.values["most"] == pytest.approx(shares.max()), name
        assert verdict.shows.best == int(np.argmax(shares)), name
        assert verdict.shows.best in chapter.step("all-neurons").shows.shown, name
        # "Yet the network reads {accuracy} ... they mostly work": more than half right.
        reads = chapter.step("still-reads")
        assert reads.values["accuracy"] == pytest.approx(read), name
        assert reads.key == ("still-reads" if read > 0.5 else "still-reads-poor"), name
        # "Of all the digits the network never trained on, it is this {label}."
        exciter = chapter.step("most-exciting")
        pixels = exciter.shows.digit.pixels
        assert not (training == pixels).all(axis=1).any(), name
        assert exciter.values["label"] == exciter.shows.digit.label, name
        fill_every_step(inputs, chapter)


#: The honest answer's words by how many neurons are tidy enough (none, one, some, all).
VERDICTS = {"none": "honest-answer", "one": "honest-answer-one",
            "some": "honest-answer-some", "all": "honest-answer-all"}  # fmt: skip


def check_verdict(verdict, shares: np.ndarray, name: str) -> None:
    """The honest answer's key and values against the shares worked out here: "it could
    be an edge" only of one, "those could be edges … the rest" only of some but not all,
    "every one" only of all; how many and of how many, as the words say them."""
    tidy, count = int((shares >= 0.5).sum()), len(shares)
    many = "none" if tidy == 0 else "all" if tidy == count else "one" if tidy == 1 else "some"
    assert verdict.key == VERDICTS[many], name
    expected = {"most": pytest.approx(shares.max())}
    if many != "none":
        expected["count"] = count
    if many == "some":
        expected["tidy"] = tidy
    assert dict(verdict.values) == expected, name


def fill_every_step(inputs, chapter) -> None:
    """Every step's words fill from its values (each variant has the placeholders its
    plan gives), and each cue mark is one the step draws."""
    for step in chapter.steps:
        inputs.script.words(chapter.name, step.key, step.values, step.part)
        inputs.script.check_marks(chapter.name, step.key, step.cues)
        for note in step.notes.values():
            inputs.script.note(chapter.name, note.key, note.name, note.values)


@pytest.mark.parametrize(("spread", "many"), [(4, "some"), (0, "all"), (-1, "one")])
def test_compact_neurons_are_said_to_be_possible_edges(spread: int, many: str) -> None:
    """A first layer of designed detectors (plus faint noise) keeps nearly all of each
    neuron's weight in one patch: the verdict says how many could be edges, in the words
    for some of them, all of them, or just one (all but one spread, ``spread`` -1)."""
    inputs = load_inputs()
    net = copy.deepcopy(inputs.network)
    noise = np.random.default_rng(0).normal(0, 1e-3, net.weights[0].shape)
    centres = [(8.0 + 2 * (i % 6), 8.0 + 2 * (i // 6)) for i in range(len(noise))]
    tidy = np.array([LECTURE_DETECTOR.weights(c).reshape(-1) for c in centres])
    net.weights[0][:] = tidy + noise
    spread = len(noise) - 1 if spread < 0 else spread
    if spread:  # neurons of noise only: spread everywhere
        net.weights[0][-spread:] = noise[-spread:]
    digit = dataclasses.replace(inputs.digit, trace=net.forward(inputs.digit.pixels))
    changed = dataclasses.replace(inputs, network=net, digit=digit)
    chapter = plan(changed)
    verdict = chapter.step("honest-answer")
    shares = best_patches(net.weights[0], PATCH)
    assert (shares >= 0.5).sum() == len(noise) - spread
    assert verdict.key == VERDICTS[many]
    check_verdict(verdict, shares, many)
    fill_every_step(changed, chapter)


@golden(WhatNeuronsSee)
def test_all_neurons(scene: WhatNeuronsSee) -> None:
    WhatNeuronsSee.construct(scene)
