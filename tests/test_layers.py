"""scenes/layers.py: what is drawn equals what the network computes; golden frames."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden

from network.analysis import misclassified
from scenes.kit.diagram import DRAWN_PIXELS, MAX_EDGE_WIDTH, MIN_EDGE_WIDTH
from scenes.layers import NetworkLayers

__module_test__ = "layers"


def assert_diagram_shows(scene: NetworkLayers, trace) -> None:
    """Every drawn neuron's fill opacity is its activation; the box marks the argmax."""
    d = scene.diagram
    np.testing.assert_allclose(
        d.fill_opacities(0), trace.activations[0][list(DRAWN_PIXELS)], atol=1e-6
    )
    for layer in range(1, len(d.layers)):
        np.testing.assert_allclose(d.fill_opacities(layer), trace.activations[layer], atol=1e-6)
    answer = int(np.argmax(trace.output))
    box_center = scene.answer_box.get_center()
    nearest = np.argmin([np.linalg.norm(n.get_center() - box_center) for n in d.layers[-1]])
    assert nearest == answer
    np.testing.assert_allclose(scene.answer_value.get_value(), trace.output[answer], atol=5e-3)


@golden(NetworkLayers)
def test_pixel_grid(scene: NetworkLayers) -> None:
    scene.show_pixels(scene.lecture.digit)
    np.testing.assert_array_equal(scene.grid.pixels.reshape(-1), scene.lecture.digit.pixels)


@golden(NetworkLayers)
def test_pixel_values_close_up(scene: NetworkLayers) -> None:
    scene.show_pixels(scene.lecture.digit)
    scene.zoom_on_pixels()
    shown = [n.get_value() for n in scene.close_up.numbers]
    real = [scene.lecture.digit.pixels[r * 28 + c] for r, c in scene.close_up.cells]
    np.testing.assert_allclose(shown, real, atol=5e-3)
    assert min(real) == 0.0 and max(real) > 0.5  # the close-up shows dark and bright pixels


@golden(NetworkLayers)
def test_lit_network_and_answer(scene: NetworkLayers) -> None:
    digit = scene.lecture.digit
    scene.show_pixels(digit)
    scene.zoom_on_pixels()
    scene.form_input_column(digit)
    scene.add_output_layer()
    scene.add_hidden_layers()
    scene.draw_edges()
    scene.forward_pass(digit)
    assert_diagram_shows(scene, digit.trace)
    assert scene.lecture.digit.prediction == scene.lecture.digit.label == 3
    # Edges: colour by the sign of the real weight, width by its magnitude.
    palette = scene.palette
    for t in range(3):
        w = scene.lecture.network.weights[t]
        w = w[:, list(DRAWN_PIXELS)] if t == 0 else w
        scale = np.abs(w).max()
        for j, k in [(0, 0), (3, 5), *np.argwhere(np.abs(w) == scale).tolist()]:
            edge = scene.diagram.edge(t, j, k)
            expected = palette.positive if w[j, k] >= 0 else palette.negative
            assert edge.get_stroke_color().to_hex() == expected.to_hex()
            width = MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * abs(w[j, k]) / scale
            assert abs(edge.get_stroke_width() - width) < 1e-6


def test_more_digits_match_the_network_and_one_is_wrong() -> None:
    scene = dry_render(NetworkLayers)
    validation = scene.lecture.validation()
    wrong_row = int(misclassified(scene.lecture.network, validation)[0])
    last = scene.lecture.network.forward(validation.images[wrong_row])
    assert last.prediction != validation.labels[wrong_row]
    assert_diagram_shows(scene, last)
    assert scene.answer_box.get_color().to_hex() == scene.palette.wrong.to_hex()
    assert "wrong" in scene.caption.text
