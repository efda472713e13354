"""scenes/layers.py: what is drawn and said equals what the network computes; golden frames."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from manim import UpdateFromAlphaFunc
from num2words import num2words
from scene_helpers import golden, render_in_frame

from network.analysis import misclassified
from network.flow import contributions, edge_flow, strongest_per_target
from network.shapes import hidden_kind
from scenes.kit.diagram import DRAWN_PIXELS, MAX_DRAWN, MAX_EDGE_WIDTH, MIN_EDGE_WIDTH
from scenes.kit.flow import Pulses, pulse_color
from scenes.kit.neuron_field import column_centers, grid_centers, lagged, rows_to_column
from scenes.kit.stage import STAGE
from scenes.layers import COLUMN_SPACING, PER_TARGET, NetworkLayers

__module_test__ = "layers"


def assert_diagram_shows(scene: NetworkLayers, trace) -> None:
    """Every drawn neuron's fill opacity is its activation; the box marks the argmax.

    The input column stands for ``DRAWN_PIXELS``; a hidden layer of up to
    ``MAX_DRAWN`` neurons is drawn whole, a wider one as its first and last halves.
    """
    d = scene.diagram
    np.testing.assert_allclose(
        d.fill_opacities(0), trace.activations[0][list(DRAWN_PIXELS)], atol=1e-6
    )
    for layer in range(1, len(d.layers)):
        n = trace.activations[layer].size
        shown = np.r_[0 : min(n, MAX_DRAWN // 2), max(n - MAX_DRAWN // 2, MAX_DRAWN // 2) : n]
        assert (len(d.layers[layer]) == n) == (n <= MAX_DRAWN)
        assert (layer in d.elisions) == (n > MAX_DRAWN)
        np.testing.assert_allclose(
            d.fill_opacities(layer), trace.activations[layer][shown], atol=1e-6
        )
    answer = int(np.argmax(trace.output))
    box_center = scene.answer_box.get_center()
    nearest = np.argmin([np.linalg.norm(n.get_center() - box_center) for n in d.layers[-1]])
    assert nearest == answer
    np.testing.assert_allclose(scene.answer_value.get_value(), trace.output[answer], atol=5e-3)


#: The scene's steps up to the forward pass, in order; those marked take the digit.
BUILD_UP = (
    ("show_pixels", True),
    ("zoom_on_pixels", False),
    ("pixels_become_neurons", True),
    ("form_input_column", True),
    ("add_output_layer", False),
    ("add_hidden_layers", False),
    ("draw_edges", False),
    ("keep_strongest", True),
)


def build_up_to(scene: NetworkLayers, last: str):
    """Play the scene's steps in order through ``last``; returns the lecture's digit."""
    digit = scene.lecture.digit
    for name, takes_digit in BUILD_UP[: [n for n, _ in BUILD_UP].index(last) + 1]:
        method = getattr(scene, name)
        method(digit) if takes_digit else method()
    return digit


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
    digit = build_up_to(scene, "keep_strongest")
    scene.forward_pass(digit)
    assert_diagram_shows(scene, digit.trace)
    assert scene.lecture.digit.prediction == scene.lecture.digit.label == 3
    # Edges: colour by the sign of the real weight, width by its magnitude.
    palette = scene.palette
    for t in range(len(scene.lecture.network.weights)):
        w = scene.lecture.network.weights[t]
        w = w[:, list(DRAWN_PIXELS)] if t == 0 else w
        scale = np.abs(w).max()
        for j, k in [(0, 0), (3, 5), *np.argwhere(np.abs(w) == scale).tolist()]:
            edge = scene.diagram.edge(t, j, k)
            expected = palette.positive if w[j, k] >= 0 else palette.negative
            assert edge.get_stroke_color().to_hex() == expected.to_hex()
            width = MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * abs(w[j, k]) / scale
            assert abs(edge.get_stroke_width() - width) < 1e-6


def test_more_digits_match_the_network_and_one_is_wrong(network_shape: str) -> None:
    scene, words = render_in_frame(NetworkLayers)
    validation = scene.lecture.validation()
    wrong_row = int(misclassified(scene.lecture.network, validation)[0])
    last = scene.lecture.network.forward(validation.images[wrong_row])
    assert last.prediction != validation.labels[wrong_row]
    assert_diagram_shows(scene, last)
    assert scene.answer_box.get_color().to_hex() == scene.palette.wrong.to_hex()
    said = words["layers.more-answer-wrong-3"]
    assert said.headline.startswith("Wrong")
    label = int(validation.labels[wrong_row])
    assert said.headline.endswith(f"answers {last.prediction}, the digit is {label}")
    assert f"Its brightest output is {num2words(int(last.prediction))}, at " in said.narration
    assert f"at {last.output[last.prediction]:.2f}, but" in said.narration
    assert f"a handwritten {num2words(label)}, whose neuron reaches only " in said.narration
    assert f"only {last.output[label]:.2f}." in said.narration
    assert words["layers.more-digit-3"].headline.endswith(f"(#{wrong_row})")


def test_the_words_name_what_the_network_computes(network_shape: str) -> None:
    scene, words = render_in_frame(NetworkLayers)
    lecture = scene.lecture
    digit, net = lecture.digit, lecture.network
    validation = lecture.validation()
    hidden = [w.shape[0] for w in net.weights[:-1]]
    kind = hidden_kind(hidden)
    hidden_key = "hidden-layers" + {"same": "", "one": "-one", "mixed": "-mixed"}[kind]
    answer_key = NetworkLayers.answer_step(digit, more=False)[0]
    assert list(words) == [
        *(
            f"layers.{key}"
            for key in (
                "pixels",
                "pixel-values",
                "neurons",
                "all-neurons",
                "input-layer",
                "output-layer",
                hidden_key,
                "weights",
                "strongest-paths",
                "forward-pass",
                answer_key,
            )
        ),
        "layers.more-digit-1",
        "layers.more-answer-1",
        "layers.more-digit-2",
        "layers.more-answer-2",
        "layers.more-digit-3",
        "layers.more-answer-wrong-3",
    ]
    pixels = digit.pixels.size
    assert f"{pixels} in all" in words["layers.pixels"].narration
    window = [digit.pixels[r * 28 + c] for r, c in scene.close_up.cells]
    values = words["layers.pixel-values"].narration
    assert f"a small window of {len(window)} pixels" in values
    assert f"run from {min(window):.2f} to {max(window):.2f}." in values
    assert f"the brightest here holds {max(window):.2f}." in words["layers.neurons"].narration
    assert words["layers.input-layer"].headline.startswith(f"{pixels} neurons, one per pixel")
    assert f"we show {num2words(len(DRAWN_PIXELS))}, from the two marked rows" in (
        words["layers.input-layer"].narration
    )
    outputs = net.weights[-1].shape[0]
    assert f"{num2words(outputs)} neurons, labelled zero to {num2words(outputs - 1)}" in (
        words["layers.output-layer"].narration
    )
    said = words[f"layers.{hidden_key}"].headline
    if kind == "one":
        assert said.endswith(f"one hidden layer of {hidden[0]} neurons")
    elif kind == "same":
        assert said.endswith(f"{num2words(len(hidden))} hidden layers of {hidden[0]} neurons")
    n_weights = sum(w.size for w in net.weights)
    drawn_sizes = [len(DRAWN_PIXELS), *(min(n, MAX_DRAWN) for n in net.sizes[1:])]
    drawn = sum(a * b for a, b in pairwise(drawn_sizes))
    assert f"Of the {n_weights:,} weights, {drawn} are drawn" in words["layers.weights"].narration
    top = float(digit.trace.activations[1].max())
    assert f"first hidden layer reaches {top:.2f}." in words["layers.forward-pass"].narration
    # The answer: the brightest output, its activation, and the runner-up.
    output = digit.trace.output
    first, second = np.argsort(output)[::-1][:2]
    answer = words[f"layers.{answer_key}"]
    assert f"answer: {num2words(int(first))}, with an activation of {output[first]:.2f}." in (
        answer.narration
    )
    if answer_key == "answer":
        assert answer.headline.endswith(f"the answer: {first}, and it is right")
        assert f"The runner-up, {num2words(int(second))}, reaches only {output[second]:.2f}." in (
            answer.narration
        )
    else:
        assert answer.headline.endswith(f"the answer: {first}, and it is wrong")
    # The more digits: the row and label said are the ones run, the answers are right.
    for part in (1, 2):
        row = int(words[f"layers.more-digit-{part}"].headline.split("#")[1].rstrip(")"))
        label = int(validation.labels[row])
        trace = net.forward(validation.images[row])
        assert f"a handwritten {num2words(label)}." in words[f"layers.more-digit-{part}"].narration
        assert trace.prediction == label
        said = words[f"layers.more-answer-{part}"]
        assert said.headline == f"The network answers {label}: right"
        assert f"{num2words(label)}, with an activation of {trace.output[label]:.2f}" in (
            said.narration
        )


# -- moment 1: all 784 pixels become the input column -----------------------------------


def test_rows_travel_into_one_column_in_input_order() -> None:
    """At 0 every element is on its cell, at 1 pixel ``r·28 + c`` is the column's
    element ``r·28 + c``; midway each row is still one straight, evenly spaced stick."""
    start = np.array([[c * 0.2, -r * 0.2, 0.0] for r in range(28) for c in range(28)])
    end = column_centers(-3.0, 30.0, 0.1)
    np.testing.assert_array_equal(rows_to_column(np.zeros(28), start, end), start)
    np.testing.assert_array_equal(rows_to_column(np.ones(28), start, end), end)
    assert np.all(np.diff(end[:, 1]) < 0) and np.all(end[:, 0] == -3.0)
    middle = rows_to_column(lagged(0.5, 28, 0.15), start, end).reshape(28, 28, 3)
    steps = np.diff(middle, axis=1)
    np.testing.assert_allclose(steps, np.broadcast_to(steps[:, :1], steps.shape), atol=1e-12)
    # A row that has started has turned clockwise: its first pixel is higher than its last.
    progress = lagged(0.5, 28, 0.15)
    moving = (progress > 0) & (progress < 1)
    assert moving.any()
    assert np.all(middle[moving, 0, 1] > middle[moving, -1, 1])


def test_every_pixel_becomes_a_neuron_and_the_column_folds(network_shape: str) -> None:
    scene, words = render_in_frame(NetworkLayers)
    digit, d, field = scene.lecture.digit, scene.diagram, scene.field
    # Fill of each of the 784 neurons: its pixel's value, as circles.
    np.testing.assert_array_equal(field.values, digit.pixels)
    assert field.values.size == 784 and field.roundness == 1.0
    # Folded: the drawn pixels' neurons sit on the diagram's input column, the rest faded.
    drawn = list(DRAWN_PIXELS)
    slots = np.array([n.get_center() for n in d.layers[0]])
    np.testing.assert_allclose(field.centers[drawn], slots, atol=1e-9)
    np.testing.assert_allclose(field.half[drawn], d.neuron_radius)
    others = np.setdiff1d(np.arange(784), drawn)
    assert np.all(field.opacity[others] == 0) and np.all(field.opacity[drawn] == 1)
    on_screen = {id(m) for top in scene.mobjects for m in top.get_family()}
    assert id(field) not in on_screen
    assert all(id(circle) in on_screen for circle in d.layers[0])
    said = words["layers.input-layer"].narration
    assert "twenty-eight rows of twenty-eight neurons make one tall column of 784" in said
    assert words["layers.all-neurons"].headline == "Every pixel becomes a neuron: 784 of them"


# -- moment 2: the network thinking -----------------------------------------------------


def test_flow_is_weight_times_activation_and_keeps_the_strongest() -> None:
    """``network.flow`` against a plain loop over the shipped network's drawn neurons."""
    from scenes.kit.lecture import load_lecture

    lecture = load_lecture()
    net, trace = lecture.network, lecture.digit.trace
    sources, targets = list(DRAWN_PIXELS), list(range(16))
    direct = np.array(
        [[net.weights[0][j, k] * trace.activations[0][k] for k in sources] for j in targets]
    )
    np.testing.assert_allclose(contributions(net, trace, 0, sources, targets), direct)
    flow = edge_flow(net, trace, 0, sources, targets, per_target=2)
    for j in range(len(targets)):
        ranked = sorted(range(len(sources)), key=lambda k: (-abs(direct[j, k]), k))
        want = {k for k in ranked[:2] if direct[j, k] != 0}
        assert set(np.flatnonzero(flow.kept[j])) == want
    kept = np.abs(direct[flow.kept])
    np.testing.assert_allclose(flow.brightness[flow.kept], kept / kept.max())
    assert np.all(flow.brightness[~flow.kept] == 0) and flow.brightness.max() == 1.0
    # Ties go to the lower index; zero contributions are never kept.
    values = np.array([[0.0, 2.0, -2.0, 1.0], [0.0, 0.0, 0.0, 3.0]])
    np.testing.assert_array_equal(
        strongest_per_target(values, 2), [[False, True, True, False], [False, False, False, True]]
    )


def test_pulses_are_as_bright_as_w_times_a(network_shape: str) -> None:
    """The last pass's pulses: one per kept edge, opacity ∝ |w·a|, colour by its sign;
    the other drawn edges are faded out; the note and the words give the counts."""
    scene, words = render_in_frame(NetworkLayers)
    d, net = scene.diagram, scene.lecture.network
    validation = scene.lecture.validation()
    row = int(words["layers.more-digit-3"].headline.split("#")[1].rstrip(")"))
    trace = net.forward(validation.images[row])
    palette = scene.palette
    for t, pulses in enumerate(scene.pulses):
        w = net.weights[t][np.ix_(d.drawn[t + 1], d.drawn[t])]
        wa = w * trace.activations[t][list(d.drawn[t])]
        opacity = np.array([line.get_stroke_opacity() for line in pulses])
        strength = np.array([abs(wa[j, k]) for j, k in pulses.pairs])
        np.testing.assert_allclose(opacity, strength / strength.max(), rtol=1e-9)
        for line, (j, k) in zip(pulses, pulses.pairs, strict=True):
            color = pulse_color(palette, 1 if wa[j, k] > 0 else -1)
            assert line.get_stroke_color().to_hex() == color.to_hex()
        # Each target's pulses come from its PER_TARGET largest |w·a| (none zero).
        kept = np.zeros(wa.shape, dtype=bool)
        for j, k in pulses.pairs:
            kept[j, k] = True
        for j in range(wa.shape[0]):
            order = np.argsort(-np.abs(wa[j]), kind="stable")[:PER_TARGET]
            assert set(np.flatnonzero(kept[j])) == {k for k in order if wa[j, k] != 0}
        shown = np.array([e.get_stroke_opacity() > 0 for e in d.edges[t]])
        np.testing.assert_array_equal(shown, kept.reshape(-1))
        # A finished pass leaves no pulse on screen.
        assert pulses not in scene.mobjects
    total = sum(len(p) for p in scene.pulses)
    drawn = sum(len(e) for e in d.edges)
    note = " ".join(line.text for line in scene.kept_text)
    assert note.startswith(f"{total}of{drawn}lines")
    assert scene.kept_text.get_left()[0] >= STAGE.left - 1e-6
    first = words["layers.strongest-paths"].narration
    flows = [
        edge_flow(net, scene.lecture.digit.trace, t, d.drawn[t], d.drawn[t + 1], PER_TARGET)
        for t in range(len(d.edges))
    ]
    assert f"{sum(f.count for f in flows)} of the {drawn} lines drawn" in first


# -- golden frames of the new moments ---------------------------------------------------


@golden(NetworkLayers)
def test_all_pixels_as_neurons(scene: NetworkLayers) -> None:
    build_up_to(scene, "pixels_become_neurons")
    np.testing.assert_array_equal(scene.field.centers, grid_centers(scene.grid))


@golden(NetworkLayers)
def test_rows_in_flight(scene: NetworkLayers) -> None:
    """The rows halfway to the column, drawn as the scene's travel draws them."""
    build_up_to(scene, "pixels_become_neurons")
    field = scene.field
    x, middle = -3.35, -0.35
    start = field.centers.copy()
    tall = column_centers(x, middle + 783 / 2 * COLUMN_SPACING, COLUMN_SPACING)

    def halfway(alpha: float) -> None:
        field.centers = rows_to_column(lagged(0.5, 28, 0.15), start, tall)
        field.clip_top = STAGE.top

    scene.play(UpdateFromAlphaFunc(field, field.updater(halfway)))
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)


@golden(NetworkLayers)
def test_strongest_paths(scene: NetworkLayers) -> None:
    build_up_to(scene, "keep_strongest")


@golden(NetworkLayers)
def test_pulses_in_flight(scene: NetworkLayers) -> None:
    """Pulses of the second set of connections halfway along, the first hidden layer lit."""
    digit = build_up_to(scene, "keep_strongest")
    pulses = Pulses(scene.diagram, 1, scene.digit_flows[1])
    scene.play(
        UpdateFromAlphaFunc(pulses, lambda m, a: m.travel(0.5 * a)),
        scene.diagram.animate_layer(digit.trace, 1),
    )
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)
