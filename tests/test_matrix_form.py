"""scenes/matrix_form.py: W, a⁽⁰⁾, b and a⁽¹⁾ entries are the network's; b is indexed to k;
the words name the same pixels, neurons and activations; one line per layer, whatever
the network's shape."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame

from lecture.choices import drawn_neurons
from network.activations import sigmoid
from network.algebra import shown_rows
from network.analysis import ink_indices
from scenes.kit.maths import tex_count, tex_number
from scenes.matrix_form import MatrixForm, layer_equation, truncated_matrix

__module_test__ = "matrix_form"


def test_entries_lit_column_and_lines_are_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(MatrixForm)
    digit, net = scene.inputs.digit, scene.inputs.network
    w, b = net.weights[0], net.biases[0]
    a0 = digit.pixels
    a1 = 1 / (1 + np.exp(-(w @ a0 + b)))
    np.testing.assert_allclose(a1, digit.trace.activations[1], atol=1e-12)
    assert all(a0[i] > 0 for i in scene.columns)
    assert scene.w_entries == [[tex_number(w[j, i]) for i in scene.columns] for j in scene.rows]
    assert scene.a0_entries == [tex_number(a0[i]) for i in scene.columns]
    assert scene.b_entries == [tex_number(b[j]) for j in scene.rows]
    assert scene.a1_entries == [tex_number(a1[j]) for j in scene.rows]
    j = digit.featured_neuron
    assert scene.neuron == j and scene.rows == shown_rows(w.shape[0], j)
    assert scene.rows[0] == 0 and scene.rows[-1] == w.shape[0] - 1 and j in scene.rows

    # Row j against the column: the products shown are W[j, i]·a[i] for the shown pixels,
    # all 784 of them add up to entry j of W a, then + b_j and σ give neuron j's activation.
    assert scene.product_values == [w[j, i] * a0[i] for i in scene.columns]
    assert scene.product_entries == [tex_number(w[j, i] * a0[i]) for i in scene.columns]
    z = float(w[j] @ a0)
    np.testing.assert_allclose(scene.row.products, w[j] * a0, rtol=0, atol=0)
    np.testing.assert_allclose(scene.row.weighted_sum, z, atol=1e-12)
    assert scene.z_entry == tex_number(z)
    assert scene.biased_entry == tex_number(z + b[j])
    assert scene.activation_entry == tex_number(sigmoid(z + b[j])) == tex_number(a1[j])
    np.testing.assert_allclose(scene.row.activation, sigmoid(z + b[j]), atol=1e-12)
    assert [t.tex_string for t in scene.bias_line] == [
        scene.z_entry,
        "+",
        tex_number(b[j]),
        "=",
        scene.biased_entry,
    ]
    assert scene.sigma_line[-1].tex_string == tex_number(a1[j])
    # Every "?" of a⁽¹⁾ was replaced by the network's activation.
    assert scene.results == {r: tex_number(a1[r]) for r in scene.rows}
    one_row = words["matrix_form.one-row"]
    assert f"Row {j} of W" in one_row.headline
    assert f"all {w.shape[1]} of them, and comes to {scene.z_entry}" in one_row.narration
    assert f"holds {tex_number(a1[j])}" in words["matrix_form.bias-and-sigma"].headline
    bias = scene.symbolic[4].tex_string
    assert "b_k" in bias and "b_n" not in bias

    # The words name the same sizes, pixels, neurons and activations.
    # With one hidden layer the lit layer is "the hidden layer", not "the first".
    only = len(net.sizes) == 3
    lit_key = "matrix_form.on-the-network-one" if only else "matrix_form.on-the-network"
    unused = "on-the-network" if only else "on-the-network-one"
    assert list(words) == [f"matrix_form.{key}" for key in MatrixForm.STEPS if key != unused]
    assert ("first hidden layer" in words[lit_key].narration) is not only
    assert f"each of the {w.shape[0]} neurons" in words["matrix_form.bias-vector"].narration
    ink = ink_indices(a0)
    real = words["matrix_form.real-numbers"].narration
    assert f"{w.shape[0]} rows and {w.shape[1]} columns" in real
    assert f"pixels {ink[0]} and {ink[1]}, the first two with ink, and {ink[-1]}, the last" in real
    lit = words[lit_key].narration
    top, second, bottom = scene.rows
    assert f"neurons {top}, {second} and {bottom}, at " in lit
    assert (
        f"computed for neuron {j},\n{tex_number(a1[j])}" in lit
        or f"neuron {j}, {tex_number(a1[j])}" in lit
    )
    assert ", ".join(scene.a1_entries[:2]) + " and " + scene.a1_entries[2] in lit

    # The result is the lit first hidden layer (as drawn, elided if wide); the rings sit
    # on the circles drawn for the neurons named.
    drawn = list(drawn_neurons(net.sizes, 1, keep=j))
    assert drawn == list(scene.diagram.drawn[1])
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


@golden(MatrixForm)
def test_row_against_column(scene: MatrixForm) -> None:
    scene.show_symbolic()
    scene.point_at_bias()
    scene.show_real_numbers()
    scene.row_times_column()


@golden(MatrixForm)
def test_bias_and_sigma(scene: MatrixForm) -> None:
    scene.show_symbolic()
    scene.point_at_bias()
    scene.show_real_numbers()
    scene.row_times_column()
    scene.add_bias_and_squash()


@golden(MatrixForm)
def test_lit_from_the_row(scene: MatrixForm) -> None:
    scene.show_symbolic()
    scene.point_at_bias()
    scene.show_real_numbers()
    scene.row_times_column()
    scene.add_bias_and_squash()
    scene.show_on_network()
