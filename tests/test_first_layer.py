"""scenes/first_layer.py: the plan's grids are the real first-layer weights (a fair
sample beyond ``MAX_GRIDS``), its neuron, digit, sums and accuracy are network/'s, and
what is drawn is the plan's: in palette colours, laid out to fit the stage for any
first-layer width."""

from __future__ import annotations

import numpy as np
import pytest
from scene_helpers import golden, render_in_frame, step_ids

from lecture.chapters import first_layer
from lecture.chapters.first_layer import KEYS, MAX_GRIDS, plan
from lecture.choices import spread_neurons, weight_scale
from lecture.inputs import load_inputs
from network.analysis import most_exciting
from network.errors import NetworkInputError
from network.shapes import HIDDEN_WIDTH
from network.training import accuracy
from scenes.first_layer import GRID_BUFF, GRID_HEIGHT, WhatNeuronsSee, grid_layout
from scenes.kit.stage import STAGE

__module_test__ = "first_layer"

#: The smallest thumbnail (frame units) a layout may use: about 60 px high at 480p.
READABLE = 1.0


def check_plan() -> None:
    """Every step's key and values, and what it shows, against network/ and the choices."""
    inputs = load_inputs()
    net, palette = inputs.network, inputs.palette
    chapter = plan(inputs)
    colours = {"positive": palette.positive_name, "negative": palette.negative_name}
    w = net.weights[0]
    n, k = w.shape[0], int(np.argmax(inputs.digit.trace.activations[1]))
    layer = chapter.shows
    assert layer.neuron == k
    np.testing.assert_array_equal(layer.weights, w)
    assert layer.scale == weight_scale(w)
    assert chapter.step("one-neuron").values == {
        "neuron": k,
        "weights": 784,
        "side": 28,
        **colours,
    }
    grids = chapter.step("all-neurons")
    shown = grids.shows.shown
    assert shown == tuple(spread_neurons(n, MAX_GRIDS, keep=k)) and k in shown
    if n <= MAX_GRIDS:
        assert grids.key == "all-neurons" and shown == tuple(range(n))
        assert grids.values == {"count": n, **colours}
    else:
        assert grids.key == "all-neurons-sample" and len(shown) == MAX_GRIDS
        assert grids.values == {"shown": MAX_GRIDS, "count": n, **colours}
    # Every key but the other variant of the grids step.
    other = {"all-neurons", "all-neurons-sample"} - {grids.key}
    assert {s.key for s in chapter.steps} == KEYS - other
    val = inputs.validation()
    row = most_exciting(net, val, k)
    best = chapter.step("most-exciting")
    assert best.shows.digit.source == f"validation digit #{row}"
    np.testing.assert_array_equal(best.shows.digit.pixels, val.images[row])
    assert best.shows.weighted_sum == pytest.approx(float(w[k] @ val.images[row]), abs=1e-12)
    assert best.values == {
        "count": len(val),
        "neuron": k,
        "label": int(val.labels[row]),
        "sum": best.shows.weighted_sum,
        **colours,
    }
    # No other validation digit gives the neuron a larger sum.
    assert best.shows.weighted_sum >= (val.images @ w[k]).max() - 1e-9
    assert chapter.step("honest-answer").values == {"share": accuracy(net, val)}


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
    assert grids.shows.shown == tuple(spread_neurons(n, 10, keep=k)) and k in grids.shows.shown
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
    area, name_height = STAGE, 0.3
    assert grid_layout(16, area, name_height) == (2, GRID_HEIGHT)  # the shipped 2 × 8
    gap_x, gap_y = GRID_BUFF
    for count in range(HIDDEN_WIDTH.start, MAX_GRIDS + 1):
        rows, side = grid_layout(count, area, name_height)
        cols = -(-count // rows)
        assert side >= READABLE, count
        assert cols * side + (cols - 1) * gap_x <= area.width + 1e-9
        assert rows * (side + name_height) + (rows - 1) * gap_y <= area.height


@golden(WhatNeuronsSee)
def test_all_neurons(scene: WhatNeuronsSee) -> None:
    WhatNeuronsSee.construct(scene)
