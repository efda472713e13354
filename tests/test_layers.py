"""scenes/layers.py: what is drawn and said equals what the network computes; golden frames."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import numpy as np
import pytest
from manim import UpdateFromAlphaFunc
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit
from test_three import assert_words_fill

from lecture.chapters.layers import CLEAR, INK, PER_TARGET, answer_step, more_key, plan
from lecture.choices import DRAWN_PIXELS, MAX_DRAWN, hidden_kind
from lecture.inputs import Digit, load_inputs
from network.analysis import Example, misclassified
from network.flow import contributions, edge_flow, strongest_per_target
from scenes.kit.diagram import MAX_EDGE_WIDTH, MIN_EDGE_WIDTH
from scenes.kit.flow import Pulses, pulse_color
from scenes.kit.neuron_field import column_centers, grid_centers, lagged, rows_to_column
from scenes.kit.stage import STAGE
from scenes.layers import COLUMN_SPACING, NetworkLayers

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
    build_up_to(scene, "pixels")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)
    np.testing.assert_array_equal(scene.grid.pixels.reshape(-1), scene.inputs.digit.pixels)


@golden(NetworkLayers)
def test_pixel_values_close_up(scene: NetworkLayers) -> None:
    build_up_to(scene, "neurons")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)
    shown = [n.get_value() for n in scene.close_up.numbers]
    real = [scene.inputs.digit.pixels[r * 28 + c] for r, c in scene.close_up.cells]
    np.testing.assert_allclose(shown, real, atol=5e-3)
    np.testing.assert_array_equal(scene.chapter.step("pixel-values").shows.values, real)
    assert min(real) == 0.0 and max(real) > 0.5  # the close-up shows dark and bright pixels


@golden(NetworkLayers)
def test_lit_network_and_answer(scene: NetworkLayers) -> None:
    build_up_to(scene, "answer")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)
    digit = scene.inputs.digit
    assert_diagram_shows(scene, digit.trace)
    assert scene.inputs.digit.prediction == scene.inputs.digit.label == 3
    # Edges: colour by the sign of the real weight, width by its magnitude.
    palette = scene.palette
    for t in range(len(scene.inputs.network.weights)):
        w = scene.inputs.network.weights[t]
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
    validation = scene.inputs.validation()
    wrong_row = int(misclassified(scene.inputs.network, validation)[0])
    last = scene.inputs.network.forward(validation.images[wrong_row])
    assert last.prediction != validation.labels[wrong_row]
    assert_diagram_shows(scene, last)
    assert scene.answer_box.get_color().to_hex() == scene.palette.wrong.to_hex()
    # The third more digit is the first one the network misreads, and its words say so.
    more, answer = scene.chapter.step("more-digit", 3), scene.chapter.step("more-answer", 3)
    assert (more.key, more.values["row"]) == ("more-digit-last", wrong_row)
    assert answer.key == "more-answer-wrong"
    assert answer.values == {"answer": last.prediction, "label": validation.labels[wrong_row]}
    assert list(words) == step_ids(scene.chapter)


def test_the_answer_step_is_chosen_from_the_values() -> None:
    """Right, wrong or unlabelled, over many validation digits: the key follows the
    network's reading and the values are its outputs (no rendering)."""
    inputs = load_inputs()
    validation = inputs.validation()
    wrong = set(misclassified(inputs.network, validation)[:10].tolist())
    rows = sorted(wrong | set(range(40)))
    for row in rows:
        digit = inputs.validation_digit(row)
        output = digit.trace.output
        step = answer_step(digit)
        if row in wrong or digit.is_wrong:
            assert step.key == "answer-wrong"
            assert step.values["label"] == digit.label
        else:
            second = np.sort(output)[-2]
            clear = second < CLEAR * output.max()
            assert step.key == ("answer" if clear else "answer-close")
            assert step.values["second"] == np.argsort(output)[-2]
        assert step.values["answer"] == np.argmax(output)
        assert step.values["total"] == pytest.approx(output.sum(), rel=0.05)
        assert step.notes["sum"].values["sum"] == pytest.approx(output.sum())
        more = answer_step(digit, part=2)
        right = "more-answer-wrong" if digit.is_wrong else "more-answer"
        assert more.key == right and more.part == 2
        assert "second" not in more.values and "total" not in more.values
        again = answer_step(digit, part=2, again=True)
        assert again.key == ("more-answer-wrong" if digit.is_wrong else "more-answer-again")
    unlabelled = Digit(
        validation.images[0], None, "a photo", inputs.network.forward(validation.images[0])
    )
    assert answer_step(unlabelled).key == "answer-unlabelled"


def test_more_digits_fall_back_honestly() -> None:
    """The more-digit key says when no digit of a label was read right (or none wrong)."""
    assert more_key(Example(3, 7, True, False)) == "more-digit"
    assert more_key(Example(3, 7, True, False), 2) == "more-digit-next"
    assert more_key(Example(3, 7, False, False), 3) == "more-digit-last"
    assert more_key(Example(3, 7, False, True)) == "more-digit-all-misread"
    assert more_key(Example(3, 7, True, True), 3) == "more-digit-none-wrong"


def test_the_plan_carries_what_the_network_computes(network_shape: str) -> None:
    """Every step's values against the network and the layer-drawing choices, no render."""
    inputs = load_inputs()
    digit, net = inputs.digit, inputs.network
    chapter = plan(inputs)
    hidden = list(net.sizes[1:-1])
    kind = hidden_kind(hidden)
    hidden_key = "hidden-layers" + {"same": "", "one": "-one", "mixed": "-mixed"}[kind]
    # Variants are chosen where the values differ; every other step is its beat.
    chosen = {s.beat: s.key for s in chapter.steps if s.part is None}
    assert chosen["hidden-layers"] == hidden_key
    assert chosen["answer"] == answer_step(digit).key
    varied = ("hidden-layers", "answer", "pixel-values")
    assert all(k == b for b, k in chosen.items() if b not in varied)
    assert [(s.beat, s.part) for s in chapter.steps[11:]] == [
        (beat, part) for part in (1, 2, 3) for beat in ("more-digit", "more-answer")
    ]
    values = {s.key: s.values for s in chapter.steps}
    assert values["all-neurons"]["pixels"] == digit.pixels.size == 784
    assert values["input-layer"] == {"pixels": 784}
    window = chapter.step("pixel-values").shows
    r, c = window.top_left
    np.testing.assert_array_equal(
        window.values, digit.pixels.reshape(28, 28)[r : r + 5, c : c + 5].reshape(-1)
    )
    assert values["output-layer"] == {"outputs": 10}
    if kind == "one":
        assert values[hidden_key] == {"size": hidden[0]}
    else:
        assert values[hidden_key]["count"] == len(hidden)
    drawn = chapter.step("weights").notes["drawn"].values
    assert drawn["weights"] == sum(w.size for w in net.weights)
    drawn_sizes = [len(DRAWN_PIXELS), *(min(n, MAX_DRAWN) for n in net.sizes[1:])]
    assert drawn["drawn"] == sum(a * b for a, b in pairwise(drawn_sizes))
    for part in (1, 2):
        more = chapter.step("more-digit", part)
        trace = net.forward(inputs.validation().images[more.values["row"]])
        assert more.shows.digit.label == trace.prediction == (7, 0)[part - 1]
        assert more.key == ("more-digit", "more-digit-next")[part - 1]
        assert (
            chapter.step("more-answer", part).key == ("more-answer", "more-answer-again")[part - 1]
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
    scene, _ = render_in_frame(NetworkLayers)
    digit, d, field = scene.inputs.digit, scene.diagram, scene.field
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
    assert scene.chapter.step("input-layer").values["pixels"] == field.values.size


# -- moment 2: the network thinking -----------------------------------------------------


def test_flow_is_weight_times_activation_and_keeps_the_strongest() -> None:
    """``network.flow`` against a plain loop over the shipped network's drawn neurons."""
    from lecture.inputs import load_inputs

    lecture = load_inputs()
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
    scene, _ = render_in_frame(NetworkLayers)
    d, net = scene.diagram, scene.inputs.network
    validation = scene.inputs.validation()
    row = scene.chapter.step("more-digit", 3).values["row"]
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
    last_note = scene.chapter.step("more-digit", 3).shows.kept
    assert (last_note.values["kept"], last_note.values["drawn"]) == (total, drawn)
    assert scene.kept_text.get_left()[0] >= STAGE.left - 1e-6
    first = scene.chapter.step("strongest-paths").shows.kept
    flows = [
        edge_flow(net, scene.inputs.digit.trace, t, d.drawn[t], d.drawn[t + 1], PER_TARGET)
        for t in range(len(d.edges))
    ]
    assert first.values["kept"] == sum(f.count for f in flows)
    weights = scene.chapter.step("weights").notes["drawn"]
    assert first.values["drawn"] == drawn == weights.values["drawn"]


# -- golden frames of the new moments ---------------------------------------------------


@golden(NetworkLayers)
def test_all_pixels_as_neurons(scene: NetworkLayers) -> None:
    build_up_to(scene, "all-neurons")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)
    np.testing.assert_array_equal(scene.field.centers, grid_centers(scene.grid))


@golden(NetworkLayers)
def test_rows_in_flight(scene: NetworkLayers) -> None:
    """The rows halfway to the column, drawn as the scene's travel draws them."""
    build_up_to(scene, "all-neurons")
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
    build_up_to(scene, "strongest-paths")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)


@golden(NetworkLayers)
def test_pulses_in_flight(scene: NetworkLayers) -> None:
    """Pulses of the second set of connections halfway along, the first hidden layer lit."""
    build_up_to(scene, "strongest-paths")
    digit = scene.inputs.digit
    pulses = Pulses(scene.diagram, 1, scene.chapter.step("strongest-paths").shows.flows[1])
    scene.play(
        UpdateFromAlphaFunc(pulses, lambda m, a: m.travel(0.5 * a)),
        scene.diagram.animate_layer(digit.trace, 1),
    )
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)


# -- the words hold for any input -------------------------------------------------------


def outputs_here(net, pixels: np.ndarray) -> np.ndarray:
    """The sigmoid network's outputs for ``pixels``, computed from its arrays."""
    a = pixels
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(w @ a + (b if a.ndim == 1 else b[:, None]))
    return a


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """Every value-dependent sentence of the chapter, chosen by the plan, checked against
    values computed here from the arrays for each of the sweep's lectures."""
    for case in sweep_cases:
        inputs, where = case.inputs, case.name
        chapter = plan(inputs)
        assert_words_fill(inputs, chapter)
        digit, net, val = inputs.digit, inputs.network, inputs.validation()
        # "the background is zero, and the ink is close to one"
        window = chapter.step("pixel-values").shows
        r, c = window.top_left
        cells = digit.pixels.reshape(28, 28)[r : r + 5, c : c + 5]
        claims = chapter.step("pixel-values").key == "pixel-values"
        assert claims == (cells.min() == 0 and cells.max() >= INK), where
        # "far too many to draw them all, so only a small share is shown"
        drawn = chapter.step("weights").notes["drawn"].values
        assert drawn["drawn"] < 0.1 * sum(w.size for w in net.weights), where
        # The first answer: right by a clear margin ("not even half as bright"), right
        # with the runner-up "not far behind", wrong, or unlabelled; and the sum said.
        out = outputs_here(net, digit.pixels)
        order = np.argsort(out)
        answer = chapter.step("answer")
        assert answer.values["answer"] == order[-1], where
        if digit.label is None:
            assert answer.key == "answer-unlabelled", where
        elif order[-1] != digit.label:
            assert answer.key == "answer-wrong" and answer.values["label"] == digit.label, where
        else:
            assert answer.values["second"] == order[-2], where
            clear = out[order[-2]] < CLEAR * out[order[-1]]
            assert answer.key == ("answer" if clear else "answer-close"), where
        total, said = float(out.sum()), answer.values["total"]
        unit = 10.0 ** (np.floor(np.log10(total)) - 1)  # two significant figures
        assert abs(said - total) <= unit / 2 + 1e-9, where
        # The more digits: "right again" only after a digit read right; fallbacks only
        # when the network reads no digit of that label right, or none wrong.
        predictions = np.argmax(outputs_here(net, val.images.T), axis=0)
        read_right = predictions == val.labels
        before_right = False
        for part in (1, 2, 3):
            more, reply = chapter.step("more-digit", part), chapter.step("more-answer", part)
            row = more.values["row"]
            right = bool(read_right[row])
            if more.key == "more-digit-all-misread":
                assert not read_right[val.labels == val.labels[row]].any(), where
            elif more.key == "more-digit-none-wrong":
                shown = [chapter.step("more-digit", p).values["row"] for p in (1, 2)]
                assert read_right[np.setdiff1d(np.arange(len(val)), shown)].all(), where
            elif part == 3:
                assert more.key == "more-digit-last" and not right, where
            else:
                assert more.key == ("more-digit", "more-digit-next")[part - 1] and right, where
            if not right:
                assert reply.key == "more-answer-wrong", where
                assert reply.values["label"] == val.labels[row], where
            else:
                assert reply.key == ("more-answer-again" if before_right else "more-answer"), where
            assert reply.values["answer"] == predictions[row], where
            before_right = right


def test_a_faint_digit_makes_no_claim_about_its_ink() -> None:
    """No sweep digit has faint ink: a user's pale image (every pixel at most 0.6) must
    not be said to have ink "close to one", nor a grey background to be zero."""
    inputs = load_inputs()
    for pixels in (inputs.digit.pixels * 0.6, 0.2 + 0.8 * inputs.digit.pixels):
        digit = Digit(pixels, None, "pale.png", inputs.network.forward(pixels))
        chapter = plan(dataclasses.replace(inputs, digit=digit))
        assert chapter.step("pixel-values").key == "pixel-values-grey"


def test_right_again_follows_a_digit_read_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sweep network misreads a more digit before one it reads right: made to, the
    digit read right after a mistake is "right", not "right again"."""
    import lecture.chapters.layers as layers

    inputs = load_inputs()
    val = inputs.validation()
    wrong = [int(r) for r in misclassified(inputs.network, val)[:2]]
    right = next(r for r in range(len(val)) if r not in wrong)
    picked = [
        Example(wrong[0], int(val.labels[wrong[0]]), False, True),
        Example(right, int(val.labels[right]), True, False),
        Example(wrong[1], int(val.labels[wrong[1]]), False, False),
    ]
    monkeypatch.setattr(layers, "more_examples", lambda _: picked)
    keys = [plan(inputs).step("more-answer", p).key for p in (1, 2, 3)]
    assert keys == ["more-answer-wrong", "more-answer", "more-answer-wrong"]


def test_the_fallbacks_words_take_their_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sweep network reaches "no mistake left to show": made to, with a label it
    misreads first, every step's words still take exactly the plan's values."""
    import lecture.chapters.layers as layers

    inputs = load_inputs()
    val = inputs.validation()
    wrong = int(misclassified(inputs.network, val)[0])
    right = next(r for r in range(len(val)) if r != wrong)
    picked = [
        Example(wrong, int(val.labels[wrong]), False, True),
        Example(right, int(val.labels[right]), True, False),
        Example(right + 1, int(val.labels[right + 1]), True, True),
    ]
    monkeypatch.setattr(layers, "more_examples", lambda _: picked)
    chapter = plan(inputs)
    keys = [chapter.step("more-digit", p).key for p in (1, 2, 3)]
    assert keys == ["more-digit-all-misread", "more-digit-next", "more-digit-none-wrong"]
    assert_words_fill(inputs, chapter)
