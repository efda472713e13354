"""scenes/matrix_form.py: W, a⁽⁰⁾, b and a⁽¹⁾ entries are the network's; b is indexed to k."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden

from scenes.kit.maths import tex_count, tex_number
from scenes.matrix_form import MatrixForm, layer_equation, truncated_matrix

__module_test__ = "matrix_form"


def test_entries_are_the_networks_and_give_layer_two() -> None:
    scene = dry_render(MatrixForm)
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
    assert scene.rows[-1] == w.shape[0] - 1
    bias = scene.symbolic[4].tex_string
    assert "b_k" in bias and "b_n" not in bias


def test_the_result_is_the_lit_column_and_every_layer_has_its_line() -> None:
    scene = dry_render(MatrixForm)
    digit, net = scene.lecture.digit, scene.lecture.network
    np.testing.assert_allclose(
        scene.diagram.fill_opacities(1), digit.trace.activations[1], atol=1e-6
    )
    hidden = scene.diagram.layers[1]
    for ring, j in zip(scene.marked, scene.rows, strict=True):
        np.testing.assert_allclose(ring.get_center(), hidden[j].get_center(), atol=1e-9)
    assert [t.tex_string for t in scene.transitions] == [
        layer_equation(layer) for layer in range(1, len(net.weights) + 1)
    ]
    assert "W^{(2)} a^{(1)}" in layer_equation(2)
    for shape, w in zip(scene.shapes, net.weights, strict=True):
        assert rf"{w.shape[0]} \times {w.shape[1]}" in shape.tex_string
    assert tex_count(net.n_weights) in scene.work.tex_string


def test_truncated_matrix_elides_one_row_and_column() -> None:
    tex = truncated_matrix([["1", "2", "3"], ["4", "5", "6"]])
    rows = tex.removeprefix(r"\begin{bmatrix}").removesuffix(r"\end{bmatrix}").split(r" \\ ")
    assert [r.count("&") for r in rows] == [3, 3, 3]
    assert r"\ddots" in rows[1] and rows[1].split(" & ")[2] == r"\ddots"


@golden(MatrixForm)
def test_real_numbers(scene: MatrixForm) -> None:
    MatrixForm.construct(scene)
