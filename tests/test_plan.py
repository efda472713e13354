"""scenes/plan.py: the plain network's words are chosen by its hidden layers and give its
real sizes; the preview's digits are unseen, answered by the network, mistakes marked."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from scipy.special import expit
from test_three import answer_from_weights, assert_cards_tell_the_truth, assert_words_fill

from lecture.chapters.plan import FAIR, N_PREVIEW, percent, plan
from lecture.inputs import Inputs, load_inputs
from network.analysis import preview_rows
from network.model import Network
from scenes.plan import ThePlan

__module_test__ = "plan"


def accuracy_here(net: Network, digits) -> float:
    """The share of ``digits`` the sigmoid network reads right, computed from its arrays."""
    a = digits.images
    for w, b in zip(net.weights, net.biases, strict=True):
        a = expit(a @ w.T + b)
    return float(np.mean(np.argmax(a, axis=1) == digits.labels))


def assert_plan_matches(inputs: Inputs) -> None:
    """The plain network's key and values by its hidden layers, the preview's digits and
    score, counted here."""
    chapter = plan(inputs)
    net, val = inputs.network, inputs.validation()
    sizes = net.sizes
    hidden = list(sizes[1:-1])

    plain = chapter.step("plain-network")
    assert plain.shows.sizes == tuple(sizes)
    if len(hidden) == 1:
        assert plain.key == "plain-network-one"
        assert plain.values == {"hidden": hidden[0]}
    elif all(n == hidden[0] for n in hidden):
        assert plain.key == "plain-network"
        assert plain.values == {"hidden_layers": len(hidden), "hidden": hidden[0]}
    else:
        assert plain.key == "plain-network-mixed"
        assert plain.values == {"hidden_layers": len(hidden), "hidden": hidden}

    preview = chapter.step("preview")
    rows = preview_rows(net, val, N_PREVIEW)
    assert list(preview.shows.rows) == rows
    for digit, row in zip(preview.shows.digits, rows, strict=True):
        np.testing.assert_array_equal(digit.pixels, val.images[row])
        assert digit.label == val.labels[row]
    wrong = sum(answer_from_weights(net, val.images[r]) != val.labels[r] for r in rows)
    accuracy = accuracy_here(net, val)
    assert preview.values == {
        "count": N_PREVIEW,
        "right": N_PREVIEW - wrong,
        "wrong": wrong,
        "percent": preview.values["percent"],
    }
    overall = preview.notes["overall"]
    assert overall.values["total"] == len(val)
    assert overall.values["accuracy"] == pytest.approx(accuracy)

    first = chapter.step("the-plan")
    assert first.key == "the-plan" and not first.values
    assert {n.name for n in first.notes.values()} == {"this-chapter", "next-chapter"}
    assert_words_fill(inputs, chapter)


def test_the_plan_carries_the_networks_sizes_and_score(network_shape: str) -> None:
    assert_plan_matches(load_inputs())
    if network_shape == "16-16":  # the shipped preview shows a mistake among right answers
        preview = plan(load_inputs()).step("preview").values
        assert preview["wrong"] >= 1 and preview["right"] >= 1


@pytest.mark.parametrize("sizes", [(784, 16, 32, 10), (784, 24, 16, 16, 10)])
def test_hidden_layers_of_mixed_widths_are_listed(sizes: tuple[int, ...]) -> None:
    """No shipped or test network has mixed widths: an untrained one stands in."""
    inputs = dataclasses.replace(load_inputs(), network=Network.initialised(sizes, seed=1))
    assert plan(inputs).step("plain-network").key == "plain-network-mixed"
    assert_plan_matches(inputs)


def test_preview_digits_and_verdicts_are_the_plans(network_shape: str) -> None:
    scene, words = render_in_frame(ThePlan)
    chapter = scene.chapter
    assert [c.digit for c in scene.cards] == list(chapter.step("preview").shows.digits)
    assert_cards_tell_the_truth(scene.cards, scene.inputs.network, scene.palette)
    sizes = chapter.step("plain-network").shows.sizes
    assert re.findall(r"\d+", scene.sizes.text) == [str(n) for n in sizes]
    assert list(words) == step_ids(chapter)


@golden(ThePlan)
def test_preview(scene: ThePlan) -> None:
    build_up_to(scene, "preview")
    scene.wait(0.1)  # a frame of everything (a skipped play draws only what moves)


def test_wording_holds_over_the_sweep(sweep_cases) -> None:
    """The preview's words against its own score and the network's accuracy on every
    validation digit (computed here), and the hidden layers' words against the shape,
    for each of the sweep's lectures."""
    seen: set[int] = set()
    for case in sweep_cases:
        inputs, where = case.inputs, case.name
        net = inputs.network
        if id(net) in seen:  # the preview depends on the network only
            continue
        seen.add(id(net))
        chapter = plan(inputs)
        assert_words_fill(inputs, chapter)
        hidden = list(net.sizes[1:-1])
        plain = chapter.step("plain-network")
        if len(hidden) == 1:
            assert plain.key == "plain-network-one", where
        else:
            mixed = len(set(hidden)) > 1
            assert plain.key == ("plain-network-mixed" if mixed else "plain-network"), where
        val = inputs.validation()
        preview = chapter.step("preview")
        rows = list(preview.shows.rows)
        right = sum(answer_from_weights(net, val.images[r]) == val.labels[r] for r in rows)
        accuracy = accuracy_here(net, val)
        share = right / len(rows)
        if preview.key == "preview-none-wrong":
            assert right == len(rows), where
        else:
            assert right < len(rows), where
            assert "wrong" in preview.cues, where
        if preview.key == "preview":
            assert share < accuracy - FAIR, where  # "makes it look worse than it is"
        elif preview.key == "preview-better":
            assert share > accuracy + FAIR, where  # "flatters it"
        elif preview.key == "preview-fair":
            assert abs(share - accuracy) <= FAIR, where  # "close to what it suggests"
        # "about N percent": the nearest whole percent, never 100 or 0 unless exact.
        said = preview.values["percent"]
        assert abs(said - 100 * accuracy) <= 1, where
        assert (said == 100) == (accuracy == 1.0) and (said == 0) == (accuracy == 0.0), where


def test_a_percent_for_the_ear_is_never_rounded_to_all_or_nothing() -> None:
    assert [percent(a) for a in (0.942, 0.996, 0.004, 1.0, 0.0)] == [94, 99, 1, 100, 0]
