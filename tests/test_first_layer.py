"""scenes/first_layer.py: the 16 grids are the real first-layer weights, in palette colours."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden, says

from network.analysis import most_exciting, weight_scale
from network.training import accuracy
from scenes.first_layer import WhatNeuronsSee

__module_test__ = "first_layer"


def test_grids_show_the_real_weights_in_palette_colours() -> None:
    scene = dry_render(WhatNeuronsSee)
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
    assert scene.exciter.source == f"validation digit #{most_exciting(net, val, k)}"
    value = scene.focus[2][1].get_value()
    assert abs(value - float(w[k] @ scene.exciter.pixels)) < 5e-3
    assert says(scene.caption, f"{accuracy(net, val):.1%}")


@golden(WhatNeuronsSee)
def test_all_neurons(scene: WhatNeuronsSee) -> None:
    WhatNeuronsSee.construct(scene)
