"""scenes/first_layer.py: the 16 grids are the real first-layer weights, in palette colours,
and the words name the real neuron, sums and accuracy."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_words, says

from network.analysis import most_exciting, weight_scale
from network.training import accuracy
from scenes.first_layer import WhatNeuronsSee

__module_test__ = "first_layer"


def test_grids_show_the_real_weights_in_palette_colours() -> None:
    scene, words = render_words(WhatNeuronsSee)
    net, palette = scene.lecture.network, scene.palette
    w = net.weights[0]
    scale = weight_scale(w)
    assert len(scene.grids) == w.shape[0] == 16
    for j, cell in enumerate(scene.grids):
        grid, name = cell
        np.testing.assert_array_equal(grid.weights.reshape(-1), w[j])
        assert name.text == str(j)
        np.testing.assert_allclose(grid.cell_rgb, palette.weight_rgb(w[j].reshape(28, 28), scale))
        # The drawn image: a strongly positive cell is the palette's positive hue.
        r, c = divmod(int(np.argmax(w[j])), 28)
        pixel = grid.pixel_array[r * 12 + 6, c * 12 + 6, :3] / 255
        hue = np.array(palette.positive.to_rgb())
        np.testing.assert_allclose(pixel, hue * min(w[j].max() / scale, 1), atol=1 / 255)
    val = scene.lecture.validation()
    k = scene.neuron
    assert k == int(np.argmax(scene.lecture.digit.trace.activations[1]))
    row = most_exciting(net, val, k)
    assert scene.exciter.source == f"validation digit #{row}"
    value = scene.focus[2][1].get_value()
    assert abs(value - float(w[k] @ scene.exciter.pixels)) < 5e-3
    share = accuracy(net, val)
    assert scene.share == share
    assert says(scene.caption, f"{share:.1%}")

    # The words name the same neuron, counts, colours and numbers.
    assert list(words) == [f"first_layer.{key}" for key in WhatNeuronsSee.STEPS]
    one = words["first_layer.one-neuron"]
    assert f"neuron {k}: its {w.shape[1]} real weights" in one.headline
    assert f"{w.shape[1]} real weights into neuron {k}" in one.narration
    assert "28 by 28 grid" in one.narration
    assert f"Ink on {palette.positive_name} adds" in one.narration
    assert f"ink on {palette.negative_name} subtracts" in one.narration
    every = words["first_layer.all-neurons"]
    assert f"All {w.shape[0]} first-layer neurons" in every.headline
    assert f"all {num2words(w.shape[0])} first-layer neurons" in every.narration
    best = words["first_layer.most-exciting"]
    assert f"Of {len(val)} unseen digits" in best.headline and f"neuron {k} most" in best.headline
    assert f"Of the {len(val)} digits" in best.narration
    assert f"this {val.labels[row]}, with a weighted sum of {value:.2f}:" in best.narration
    assert f"{share:.1%} of unseen digits" in words["first_layer.honest-answer"].narration


@golden(WhatNeuronsSee)
def test_all_neurons(scene: WhatNeuronsSee) -> None:
    WhatNeuronsSee.construct(scene)
