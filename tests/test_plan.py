"""scenes/plan.py: the plain network's words are chosen by its hidden layers and give its
real sizes; the preview's digits are unseen, answered by the network, mistakes marked."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from scene_helpers import build_up_to, golden, render_in_frame, step_ids
from test_three import answer_from_weights, assert_cards_tell_the_truth, assert_words_fill

from lecture.chapters.plan import N_PREVIEW, plan
from lecture.inputs import Inputs, load_inputs
from network.analysis import preview_rows
from network.model import Network
from scenes.plan import ThePlan

__module_test__ = "plan"


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
        assert plain.values == {"inputs": 784, "hidden": hidden[0], "outputs": 10}
    elif all(n == hidden[0] for n in hidden):
        assert plain.key == "plain-network"
        assert plain.values == {
            "inputs": 784,
            "hidden_layers": len(hidden),
            "hidden": hidden[0],
            "outputs": 10,
        }
    else:
        assert plain.key == "plain-network-mixed"
        assert plain.values == {
            "inputs": 784,
            "hidden_layers": len(hidden),
            "hidden": hidden,
            "outputs": 10,
        }

    preview = chapter.step("preview")
    rows = preview_rows(net, val, N_PREVIEW)
    assert list(preview.shows.rows) == rows
    for digit, row in zip(preview.shows.digits, rows, strict=True):
        np.testing.assert_array_equal(digit.pixels, val.images[row])
        assert digit.label == val.labels[row]
    wrong = sum(answer_from_weights(net, val.images[r]) != val.labels[r] for r in rows)
    assert preview.values == {"count": N_PREVIEW, "right": N_PREVIEW - wrong, "wrong": wrong}

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
