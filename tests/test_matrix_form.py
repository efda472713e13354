"""scenes/matrix_form.py: W, a⁽⁰⁾, b and a⁽¹⁾ entries are the network's; b is indexed to k;
the words name the same pixels, neurons and activations; one line per layer, whatever
the network's shape."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame

from network.analysis import ink_indices
from scenes.kit.diagram import drawn_neurons
from scenes.kit.maths import tex_count, tex_number
from scenes.matrix_form import MatrixForm, layer_equation, truncated_matrix

__module_test__ = "matrix_form"


def test_entries_lit_column_and_lines_are_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(MatrixForm)
    digit, net = scene.lecture.digit, scene.lecture.network
    w, b = net.weights[0], net.biases[0]
    a0 = digit.pixels
    a1 = 1 / (1 + np.exp(-(w @ a0 + b)))
    np.testing.assert_allclose(a1, digit.trace.activations[1], atol=1e-12)
    assert all(a0[i] > 0 for i in scene.columns)
    assert scene.w_entries == [[tex_number(w[j, i]) for i in scene.columns] for j in scene.rows]
    assert scene.a0_entries == [tex_number(a0[i]) for i in scene.columns]
    assert scene.b_entries == [tex_number(b[j]) for j in scene.rows]
    assert scene.a1_entries == [tex_number(a1[j]) for j in scene.rows]
    assert scene.rows == [0, 1, w.shape[0] - 1]
    bias = scene.symbolic[4].tex_string
    assert "b_k" in bias and "b_n" not in bias

    # The words name the same sizes, pixels, neurons and activations.
    assert list(words) == [f"matrix_form.{key}" for key in MatrixForm.STEPS]
    assert f"each of the {w.shape[0]} neurons" in words["matrix_form.bias-vector"].narration
    ink = ink_indices(a0)
    real = words["matrix_form.real-numbers"].narration
    assert f"{w.shape[0]} rows and {w.shape[1]} columns" in real
    assert f"pixels {ink[0]} and {ink[1]}, the first two with ink, and {ink[-1]}, the last" in real
    lit = words["matrix_form.on-the-network"].narration
    top, second, bottom = scene.rows
    assert f"neurons {top}, {second} and {bottom}, at " in lit
    assert ", ".join(scene.a1_entries[:2]) + " and " + scene.a1_entries[2] in lit

    # The result is the lit first hidden layer (as drawn, elided if wide); the rings sit
    # on the circles drawn for the neurons named.
    drawn = list(drawn_neurons(net.sizes, 1))
    np.testing.assert_allclose(
        scene.diagram.fill_opacities(1), digit.trace.activations[1][drawn], atol=1e-6
    )
    for ring, j in zip(scene.marked, scene.rows, strict=True):
        circle = scene.diagram.layers[1][drawn.index(j)]
        np.testing.assert_allclose(ring.get_center(), circle.get_center(), atol=1e-9)
        assert scene.diagram.neuron(1, j) is circle

    # One line per layer, each with its real shape, and the work they add up to.
    assert [t.tex_string for t in scene.transitions] == [
        layer_equation(layer) for layer in range(1, len(net.weights) + 1)
    ]
    assert "W^{(2)} a^{(1)}" in layer_equation(2)
    assert len(scene.shapes) == len(net.sizes) - 1
    for shape, w in zip(scene.shapes, net.weights, strict=True):
        assert rf"{w.shape[0]} \times {w.shape[1]}" in shape.tex_string
    assert tex_count(net.n_weights) in scene.work.tex_string
    last = words["matrix_form.every-layer"]
    assert f"{num2words(len(net.weights))} in all" in last.headline
    assert f"together {net.n_weights:,} multiplications per digit" in last.narration


def test_truncated_matrix_elides_one_row_and_column() -> None:
    tex = truncated_matrix([["1", "2", "3"], ["4", "5", "6"]])
    rows = tex.removeprefix(r"\begin{bmatrix}").removesuffix(r"\end{bmatrix}").split(r" \\ ")
    assert [r.count("&") for r in rows] == [3, 3, 3]
    assert r"\ddots" in rows[1] and rows[1].split(" & ")[2] == r"\ddots"


@golden(MatrixForm)
def test_real_numbers(scene: MatrixForm) -> None:
    MatrixForm.construct(scene)
