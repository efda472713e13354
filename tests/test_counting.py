"""scenes/counting.py: every count on screen is read from the network object, one line per
weight layer for any shape, all on the stage and clear of the diagram."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from scene_helpers import dry_render, golden, render_in_frame, says

from scenes.counting import CountingKnobs
from scenes.kit.maths import tex_count as grouped
from scenes.kit.stage import STAGE, overlaps

__module_test__ = "counting"


def test_counts_come_from_the_arrays(network_shape: str) -> None:
    scene, words = render_in_frame(CountingKnobs)
    net = scene.inputs.network
    assert len(scene.lines) == len(net.weights) == len(net.sizes) - 1
    for line, w in zip(scene.lines, net.weights, strict=True):
        n_out, n_in = w.shape
        assert line.tex_string == rf"{n_in} \times {n_out} + {n_out} = {grouped(w.size + n_out)}"
    weights = sum(w.size for w in net.weights)
    biases = sum(b.size for b in net.biases)
    assert (net.n_weights, net.n_biases, net.n_parameters) == (weights, biases, weights + biases)
    total = f"{grouped(weights)} + {biases} = {grouped(weights + biases)}"
    assert scene.total.tex_string == total
    assert says(scene.caption, "Learning")
    if network_shape == "16-16":
        assert (net.n_weights, net.n_biases, net.n_parameters) == (12960, 42, 13002)
        assert scene.total.tex_string == "12{,}960 + 42 = 13{,}002"
    hidden = [f"counting.hidden-layer-{i}" for i in range(1, len(net.sizes) - 1)]
    assert list(words) == [
        *hidden,
        "counting.output-layer",
        "counting.total",
        "counting.every-knob",
        "counting.learning",
    ]
    assert f"{weights + biases:,}" in words["counting.learning"].headline
    # The column sits on the stage, in order, and the note is clear of the diagram.
    area, column = STAGE, [*scene.lines, scene.total]
    for above, below in pairwise(column):
        assert above.get_bottom()[1] > below.get_top()[1]
    for part in [*column, scene.remark, scene.mass, scene.sliders]:
        assert area.bottom - 1e-6 <= part.get_bottom()[1] and part.get_top()[1] <= area.top
        assert area.left - 1e-6 <= part.get_left()[0] and part.get_right()[0] <= area.right
    # The closing note sits clear of the parameters' images and the sliders.
    assert not overlaps(scene.remark, scene.mass)
    drawn = [m for m in scene.sliders.get_family() if not m.submobjects and m.has_points()]
    assert not [m for m in drawn if overlaps(scene.remark, m)]


@golden(CountingKnobs)
def test_total(scene: CountingKnobs) -> None:
    CountingKnobs.construct(scene)


def test_every_knob_is_drawn_at_its_value(network_shape: str) -> None:
    scene, words = render_in_frame(CountingKnobs)
    net, mass = scene.inputs.network, scene.mass
    # One cell per parameter, every one shown, the counter at the network's count.
    assert mass.counts == [w.size + b.size for w, b in zip(net.weights, net.biases, strict=True)]
    assert sum(mass.counts) == net.n_parameters == int(scene.counted.get_value())
    assert mass.shown == mass.counts
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        cells = mass.cells[layer]
        # Counting order: neuron by neuron, its weights then its bias.
        expected = np.concatenate([np.append(w[j], b[j]) for j in range(w.shape[0])])
        np.testing.assert_array_equal(cells.values, expected)
        assert cells.is_bias.sum() == b.size
        # No two parameters share a cell, and each cell's colour is its value's.
        assert len(set(zip(cells.rows, cells.cols, strict=True))) == len(cells.values)
        colors = np.round(scene.palette.weight_rgb(expected, mass.scales[layer]) * 255)
        np.testing.assert_array_equal(mass.shown_colors(layer), colors.astype(np.uint8))
    # The magnified sliders are set to real parameters, and sit on their cells' values.
    for param, slider in zip(scene.featured, scene.sliders, strict=True):
        if param.source is None:
            real = net.biases[param.layer - 1][param.neuron]
        else:
            real = net.weights[param.layer - 1][param.neuron, param.source]
        assert slider.value == real
        assert abs(slider.knob_value - real) < 1e-9 * max(1.0, slider.limit)
        cells = mass.cells[param.layer - 1]
        assert cells.values[param.order(net)] == real
    assert f"{net.n_parameters:,}" in words["counting.every-knob"].headline


def test_counting_mid_reveal_counter_matches_cells() -> None:
    scene = dry_render(CountingKnobs)
    mass = scene.mass
    mass.show(0, 1000)
    assert np.count_nonzero(mass.images[0].pixel_array[..., 3]) == 1000


@golden(CountingKnobs)
def test_every_knob(scene: CountingKnobs) -> None:
    scene.prepare()
    for index in range(len(scene.layers)):
        scene.count_layer(index)
    scene.show_total()
    scene.show_every_knob()
