"""scenes/first_layer.py: the grids are the real first-layer weights, in palette colours,
laid out to fit the stage for any first-layer width (a fair sample beyond ``MAX_GRIDS``),
and the words name the real neuron, counts, sums and accuracy."""

from __future__ import annotations

import numpy as np
import pytest
from num2words import num2words
from scene_helpers import golden, render_in_frame, says

from lecture.choices import spread_neurons, weight_scale
from network.analysis import most_exciting
from network.errors import NetworkInputError
from network.shapes import HIDDEN_WIDTH
from network.training import accuracy
from scenes import first_layer
from scenes.first_layer import GRID_BUFF, GRID_HEIGHT, MAX_GRIDS, WhatNeuronsSee, grid_layout
from scenes.kit.stage import STAGE

__module_test__ = "first_layer"

#: The smallest thumbnail (frame units) a layout may use: about 60 px high at 480p.
READABLE = 1.0


def assert_grids_are_the_weights(scene: WhatNeuronsSee) -> None:
    """Each thumbnail shows its neuron's 784 weights in palette colours, named above."""
    palette, w = scene.palette, scene.inputs.network.weights[0]
    scale = weight_scale(w)
    assert len(scene.grids) == len(scene.shown)
    for j, cell in zip(scene.shown, scene.grids, strict=True):
        grid, name = cell
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
    assert len({round(cell[0].height, 6) for cell in scene.grids}) == 1
    assert scene.grids[0][0].height >= READABLE


def test_grids_show_the_real_weights_in_palette_colours(network_shape: str) -> None:
    scene, words = render_in_frame(WhatNeuronsSee)
    net, palette = scene.inputs.network, scene.palette
    w = net.weights[0]
    n, k = w.shape[0], scene.neuron
    assert k == int(np.argmax(scene.inputs.digit.trace.activations[1]))
    # Every neuron of the layer (the test shapes' first layers are 16 and 32 wide).
    assert n <= MAX_GRIDS and scene.shown == list(range(n))
    assert_grids_are_the_weights(scene)
    if network_shape == "16-16":  # the shipped look: two rows of eight, full size
        assert n == 16 and scene.grids[0][0].height == GRID_HEIGHT
        assert len({round(cell.get_y(), 6) for cell in scene.grids}) == 2
    val = scene.inputs.validation()
    row = most_exciting(net, val, k)
    assert scene.exciter.source == f"validation digit #{row}"
    value = scene.focus[2][1].get_value()
    assert abs(value - float(w[k] @ scene.exciter.pixels)) < 5e-3
    share = accuracy(net, val)
    assert scene.share == share
    assert says(scene.caption, f"{share:.1%}")

    # The words name the same neuron, counts, colours and numbers.
    steps = [s for s in WhatNeuronsSee.STEPS if s != "all-neurons-sample"]
    assert list(words) == [f"first_layer.{key}" for key in steps]
    one = words["first_layer.one-neuron"]
    assert f"neuron {k}: its {w.shape[1]} real weights" in one.headline
    assert f"{w.shape[1]} real weights into neuron {k}" in one.narration
    assert "28 by 28 grid" in one.narration
    assert f"Ink on {palette.positive_name} adds" in one.narration
    assert f"ink on {palette.negative_name} subtracts" in one.narration
    every = words["first_layer.all-neurons"]
    assert f"All {n} first-layer neurons" in every.headline
    assert f"all {num2words(n)} first-layer neurons" in every.narration
    best = words["first_layer.most-exciting"]
    assert f"Of {len(val)} unseen digits" in best.headline and f"neuron {k} most" in best.headline
    assert f"Of the {len(val)} digits" in best.narration
    assert f"this {val.labels[row]}, with a weighted sum of {value:.2f}:" in best.narration
    assert f"{share:.1%} of unseen digits" in words["first_layer.honest-answer"].narration


def test_a_layer_too_wide_to_read_is_shown_by_a_sample_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond MAX_GRIDS (here lowered to 10 for the shipped 16) an even sample, with the
    neuron the scene talks about in it, and the count said on screen and aloud."""
    monkeypatch.setattr(first_layer, "MAX_GRIDS", 10)
    scene, words = render_in_frame(WhatNeuronsSee, cached=False)
    n = scene.inputs.network.weights[0].shape[0]
    assert scene.shown == spread_neurons(n, 10, keep=scene.neuron)
    assert len(scene.shown) == 10 and scene.neuron in scene.shown
    assert_grids_are_the_weights(scene)
    assert "first_layer.all-neurons" not in words
    sample = words["first_layer.all-neurons-sample"]
    assert sample.headline.startswith(f"10 of the {n} first-layer neurons")
    assert f"This layer has {n} neurons" in sample.narration
    assert "here are 10 of them, evenly spread" in sample.narration


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
