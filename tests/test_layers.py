"""scenes/layers.py: what is drawn and said equals what the network computes; golden frames."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame

from network.analysis import misclassified
from network.shapes import hidden_kind
from scenes.kit.diagram import DRAWN_PIXELS, MAX_DRAWN, MAX_EDGE_WIDTH, MIN_EDGE_WIDTH
from scenes.layers import NetworkLayers

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
                "input-layer",
                "output-layer",
                hidden_key,
                "weights",
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
