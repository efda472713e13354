"""scenes/matrix_form.py and its chapter: the plan shows the first, the featured and the
last row of W and the first two and the last pixel with ink, and works the featured
neuron's row out as the network does; W, a⁽⁰⁾, b and a⁽¹⁾ entries drawn are the network's;
b is indexed to k; one line per layer, whatever the network's shape."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from scene_helpers import build_up_to, golden, render_in_frame, step_ids

from lecture.chapters.matrix_form import plan, shown_rows
from lecture.choices import drawn_neurons
from lecture.inputs import load_inputs
from lecture.nearness import for_the_ear, shown
from network.activations import sigmoid
from scenes.kit.maths import tex_activation, tex_count, tex_number
from scenes.matrix_form import MatrixForm, layer_equation, truncated_matrix

__module_test__ = "matrix_form"


def check_plan() -> None:
    """The plan's choices and values for the configured digit and network, computed here
    from the arrays."""
    inputs = load_inputs()
    digit, net = inputs.digit, inputs.network
    chapter = plan(inputs)
    w, b = net.weights[0], net.biases[0]
    a0 = digit.pixels
    a1 = 1 / (1 + np.exp(-(w @ a0 + b)))
    np.testing.assert_allclose(a1, digit.trace.activations[1], atol=1e-12)
    # The featured neuron is the one the digit excites most; rows: first, it, last.
    featured = chapter.shows
    j = int(np.argmax(a1))
    n = w.shape[0]
    assert featured.neuron == j
    assert featured.rows == tuple(sorted({0, j, n - 1} | ({1} if j in (0, n - 1) else set())))
    # Columns: the three pixels whose products in row j are largest in size, in order.
    products = w[j] * a0
    top3 = sorted(np.argsort(-np.abs(products), kind="stable")[:3].tolist())
    assert featured.columns == tuple(top3)
    rows, cols = list(featured.rows), list(featured.columns)
    real = chapter.step("real-numbers")
    assert real.values == {}
    np.testing.assert_array_equal(real.shows.weights, [[w[r, c] for c in cols] for r in rows])
    np.testing.assert_array_equal(real.shows.pixels, [a0[c] for c in cols])
    np.testing.assert_array_equal(real.shows.biases, [b[r] for r in rows])
    np.testing.assert_array_equal(real.shows.activations, digit.trace.activations[1][rows])
    assert real.shows.shape == (n, a0.size)
    # Row j against the column: the products written are W[j, i]·a[i] for the columns
    # shown; all of them add up to entry j of W a, then + b_j and σ give the activation.
    one = chapter.step("one-row")
    row = one.shows
    assert row.products == tuple(w[j, c] * a0[c] for c in cols)
    top = cols[row.largest]
    assert abs(products[top]) == np.abs(products).max()
    z = float(w[j] @ a0)
    np.testing.assert_allclose(row.sum.products, w[j] * a0, rtol=0, atol=0)
    np.testing.assert_allclose(row.sum.weighted_sum, z, atol=1e-12)
    np.testing.assert_allclose(row.sum.activation, sigmoid(z + b[j]), atol=1e-12)
    assert one.values == {
        "neuron": j,
        "weight": for_the_ear(w[j, top]),
        "z": for_the_ear(z),
    }
    assert dict(one.notes["row"].values) == {"neuron": j}
    assert dict(one.notes["count"].values) == {"count": a0.size}
    sig = chapter.step("bias-and-sigma")
    assert sig.shows is row
    assert sig.values["neuron"] == j
    assert sig.values["shown"] == shown(float(a1[j]))
    if sig.key == "bias-and-sigma":  # said as a number only when not near one or zero
        np.testing.assert_allclose(sig.values["activation"], a1[j], atol=1e-12)
    else:
        assert "activation" not in sig.values
    # The lit layer is "the hidden layer" when it is the only one, else "the first".
    lit = chapter.step("on-the-network")
    only = len(net.sizes) == 3
    assert lit.key == ("on-the-network-one" if only else "on-the-network")
    every = chapter.step("every-layer")
    assert every.values == {
        "count": len(net.weights),
        "multiplications": for_the_ear(net.n_weights),
    }
    assert every.shows.shapes == tuple(m.shape for m in net.weights)
    assert chapter.step("bias-vector").values == {}
    assert step_ids(chapter) == [
        f"matrix_form.{key}"
        for key in (
            "matrix-form",
            "bias-vector",
            "real-numbers",
            one.key,
            sig.key,
            lit.key,
            "every-layer",
        )
    ]


def test_the_plan_picks_the_rows_and_columns(network_shape: str) -> None:
    check_plan()


@pytest.mark.parametrize("digit", ["0", "7", "1512", "4999"])
def test_the_plan_follows_the_digit(digit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another digit excites another neuron and inks other pixels: the rows, columns and
    the row worked out follow it."""
    monkeypatch.setenv("LECTURE_DIGIT", digit)
    check_plan()


def test_shown_rows_frame_the_featured_one() -> None:
    assert shown_rows(16, 5) == (0, 5, 15)
    assert shown_rows(16, 0) == (0, 1, 15)
    assert shown_rows(16, 15) == (0, 1, 15)
    assert shown_rows(16, 1) == (0, 1, 15)
    assert shown_rows(2, 1) == (0, 1)
    assert shown_rows(1, 0) == (0,)
    with pytest.raises(ValueError, match="not one of"):
        shown_rows(16, 16)


def test_what_is_drawn_is_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(MatrixForm)
    chapter = scene.chapter
    assert list(words) == step_ids(chapter)
    digit, net = scene.inputs.digit, scene.inputs.network
    w, b = net.weights[0], net.biases[0]
    a0, a1 = digit.pixels, digit.trace.activations[1]
    featured = chapter.shows
    j, rows, cols = featured.neuron, featured.rows, featured.columns
    # The bias vector runs to b_k, one per neuron of the next layer.
    bias = scene.symbolic.part("b").tex_string
    assert "b_k" in bias and "b_n" not in bias
    # Each row shown is the network's, on its own line of W, b and a⁽¹⁾.
    for r in rows:
        line = scene.shown_line(r)
        w_line = [tex_number(w[r, c]) for c in cols]
        assert scene.real.line("W", line).tex_string == " & ".join(
            [*w_line[:-1], r"\cdots", w_line[-1]]
        )
        assert scene.real.line("b", line).tex_string == tex_number(b[r])
    first, second, last = (tex_number(a0[c]) for c in cols)
    assert [part.tex_string for part in scene.real.part("a0")] == [
        r"\begin{bmatrix}",
        *(first, r"\\", second, r"\\", r"\vdots", r"\\", last),
        r"\end{bmatrix}",
    ]
    # Every "?" of a⁽¹⁾ was replaced by the network's activation.
    assert scene.results == {r: tex_activation(a1[r]) for r in rows}
    # The working: the shown products, their sum, + b_j, σ.
    products = [w[j, c] * a0[c] for c in cols]
    assert scene.products.part("first").tex_string == tex_number(products[0])
    for name, value in zip(("second", "last"), products[1:], strict=True):
        written = tex_number(value)
        assert scene.products.part(name).tex_string == written.removeprefix("-")
        assert scene.products.part(f"{name}-sign").tex_string == ("-" if value < 0 else "+")
    z = float(w[j] @ a0)
    assert scene.z_line.part("z").tex_string == tex_number(z)
    assert {n: scene.bias_line.part(n).tex_string for n in ("z", "bias", "biased")} == {
        "z": tex_number(z),
        "bias": tex_number(b[j]),
        "biased": tex_number(z + b[j]),
    }
    assert scene.sigma_line.part("biased").tex_string == tex_number(z + b[j])
    assert scene.sigma_line.part("activation").tex_string == tex_activation(a1[j])
    # The result is the lit first hidden layer (as drawn, elided if wide); the rings sit
    # on the circles drawn for the neurons shown.
    drawn = list(drawn_neurons(net.sizes, 1, keep=j))
    assert drawn == list(scene.diagram.drawn[1])
    np.testing.assert_allclose(scene.diagram.fill_opacities(1), a1[drawn], atol=1e-6)
    assert list(scene.rings) == list(rows)
    for r, ring in scene.rings.items():
        circle = scene.diagram.layers[1][drawn.index(r)]
        np.testing.assert_allclose(ring.get_center(), circle.get_center(), atol=1e-9)
        assert scene.diagram.neuron(1, r) is circle
    # One line per layer, each with its real shape, and the work they add up to.
    assert [t.tex_string for t in scene.transitions] == [
        layer_equation(layer) for layer in range(1, len(net.weights) + 1)
    ]
    assert "W^{(2)} a^{(1)}" in layer_equation(2)
    assert len(scene.shapes) == len(net.sizes) - 1
    for shape, m in zip(scene.shapes, net.weights, strict=True):
        assert rf"{m.shape[0]} \times {m.shape[1]}" in shape.tex_string
    assert tex_count(net.n_weights) in scene.multiplications.tex_string


def test_truncated_matrix_elides_one_row_and_column() -> None:
    tex = truncated_matrix([["1", "2", "3"], ["4", "5", "6"]])
    rows = tex.removeprefix(r"\begin{bmatrix}").removesuffix(r"\end{bmatrix}").split(r" \\ ")
    assert [r.count("&") for r in rows] == [3, 3, 3]
    assert r"\ddots" in rows[1] and rows[1].split(" & ")[2] == r"\ddots"


def two_figures(value: float) -> float:
    """``value`` to two significant figures, by way of the written form (as a listener
    hears it), independently of the chapter's rounding."""
    return float(f"{value:.2g}")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (5.0676, 5.1),
        (-0.12468, -0.12),
        (23.47, 23.0),
        (12960, 13000),
        (1588, 1600),
        (0.00042, 0.00042),
    ],
)
def test_numbers_are_rounded_for_the_ear(value: float, said: float) -> None:
    assert for_the_ear(value) == said


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Every value-dependent word of the chapter, against the arrays it is about."""
    for case in sweep_cases:
        inputs, name = case.inputs, case.name
        net, digit = inputs.network, inputs.digit
        chapter = plan(inputs)
        w, b = net.weights[0], net.biases[0]
        a0 = digit.pixels
        z_all = w @ a0
        a1 = 1 / (1 + np.exp(-(z_all + b)))
        j = int(np.argmax(a1))
        products = w[j] * a0
        top = int(np.argmax(np.abs(products)))
        # "The product that counts most is a bright (faint) pixel under a weight of {weight}":
        # the largest product in size, on a pixel at least half lit (or not), shown.
        one = chapter.step("one-row")
        assert one.key == ("one-row" if a0[top] >= 0.5 else "one-row-faint"), name
        assert top in chapter.shows.columns, name
        assert np.abs(products[top]) == pytest.approx(max(np.abs(one.shows.products))), name
        weight, z = one.values["weight"], one.values["z"]
        assert weight == pytest.approx(two_figures(w[j, top]), abs=1e-3), name
        # "Add them all up, and you get {z}": the row's sum, rounded for the ear.
        assert z == pytest.approx(two_figures(z_all[j]), abs=1e-3), name
        for said in (weight, z):
            assert len(f"{abs(said):g}".replace(".", "").strip("0")) <= 2, name
        # "Sigma squashes the total to almost exactly one / zero / {activation}".
        sig = chapter.step("bias-and-sigma")
        # The same rule as every chapter's (almost exactly: within 0.001; close: 0.05).
        if a1[j] >= 0.999:
            assert sig.key == "bias-and-sigma-high", name
        elif a1[j] >= 0.95:
            assert sig.key == "bias-and-sigma-near-high", name
        elif a1[j] <= 0.001:
            assert sig.key == "bias-and-sigma-low", name
        elif a1[j] <= 0.05:
            assert sig.key == "bias-and-sigma-near-low", name
        else:
            assert sig.key == "bias-and-sigma", name
        # Shown with enough places to see how far from one or zero it is.
        written = str(sig.values["shown"])
        if "×" in written:  # 1 − 1.0 × 10⁻¹¹: its distance from one (or zero)
            assert min(1 - a1[j], a1[j]) < 1e-6, name
        else:
            assert float(written) not in (0.0, 1.0) or a1[j] in (0.0, 1.0), name
            decimals = len(written.split(".")[1])
            assert abs(float(written) - a1[j]) <= 0.5 * 10**-decimals, name
        # "The whole first hidden layer" unless it is the only one.
        lit = chapter.step("on-the-network")
        hidden = len(net.weights) - 1
        assert lit.key == ("on-the-network-one" if hidden == 1 else "on-the-network"), name
        # "About {multiplications} multiplications per digit, one for each weight."
        weights = sum(m.size for m in net.weights)
        said = chapter.step("every-layer").values["multiplications"]
        assert said == two_figures(weights), name
        assert abs(said - weights) <= 0.05 * weights, name
        fill_every_step(inputs, chapter)


def fill_every_step(inputs, chapter) -> None:
    """Every step's words fill from its values, and each cue mark is one it draws."""
    for step in chapter.steps:
        inputs.script.words(chapter.name, step.key, step.values, step.part)
        inputs.script.check_marks(chapter.name, step.key, step.cues)


def test_a_faint_digit_and_a_silent_layer_have_their_words() -> None:
    """A faint image puts the largest product on a faint pixel; a first layer whose biases
    silence it has its brightest neuron at almost exactly zero; a middling one is said
    as its number."""
    inputs = load_inputs()
    faint = inputs.digit.pixels * 0.4
    digit = dataclasses.replace(inputs.digit, pixels=faint, trace=inputs.network.forward(faint))
    chapter = plan(dataclasses.replace(inputs, digit=digit))
    assert chapter.step("one-row").key == "one-row-faint"
    fill_every_step(inputs, chapter)
    for shift, key in ((-40.0, "bias-and-sigma-low"), (None, "bias-and-sigma")):
        net = copy.deepcopy(inputs.network)
        z = net.weights[0] @ inputs.digit.pixels
        # Either every neuron far below zero, or the brightest one set to about 0.6.
        net.biases[0][:] = shift - z if shift is not None else 0.4 - z.max()
        trace = net.forward(inputs.digit.pixels)
        changed = dataclasses.replace(
            inputs, network=net, digit=dataclasses.replace(inputs.digit, trace=trace)
        )
        chapter = plan(changed)
        assert chapter.step("bias-and-sigma").key == key
        fill_every_step(changed, chapter)


@golden(MatrixForm)
def test_real_numbers(scene: MatrixForm) -> None:
    MatrixForm.construct(scene)


@golden(MatrixForm)
def test_row_against_column(scene: MatrixForm) -> None:
    build_up_to(scene, "one-row")


@golden(MatrixForm)
def test_bias_and_sigma(scene: MatrixForm) -> None:
    build_up_to(scene, "bias-and-sigma")


@golden(MatrixForm)
def test_lit_from_the_row(scene: MatrixForm) -> None:
    build_up_to(scene, "on-the-network")
