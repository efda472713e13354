"""scenes/plan.py: the preview's digits are unseen, answered by the network, mistakes marked,
and the words give the network's real sizes and score."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_in_frame
from test_three import assert_cards_tell_the_truth

from lecture.choices import hidden_kind
from network.analysis import preview_rows
from scenes.plan import N_PREVIEW, ThePlan

__module_test__ = "plan"


def test_preview_digits_and_verdicts_are_the_networks(network_shape: str) -> None:
    scene, words = render_in_frame(ThePlan)
    lecture = scene.inputs
    val = lecture.validation()
    rows = preview_rows(lecture.network, val, N_PREVIEW)
    assert [int(c.digit.source.split("#")[1]) for c in scene.cards] == rows
    assert_cards_tell_the_truth(scene.cards, scene.inputs.network)
    wrong = int(np.sum(lecture.network.predict(val.images[rows]) != val.labels[rows]))
    assert wrong >= 1
    sizes = [w.shape[1] for w in lecture.network.weights] + [lecture.network.weights[-1].shape[0]]
    assert scene.sizes.text == "–".join(map(str, sizes)) + "neurons"

    kind = hidden_kind(sizes[1:-1])
    plain_key = "plain-network" + {"same": "", "one": "-one", "mixed": "-mixed"}[kind]
    assert list(words) == [f"plan.{key}" for key in ("the-plan", plain_key, "preview")]
    plain = words[f"plan.{plain_key}"].narration
    middle = (
        f"one layer of {sizes[1]}"
        if kind == "one"
        else f"{num2words(len(sizes) - 2)} layers of {sizes[1]}"
    )
    assert f"{sizes[0]} neurons in, {middle} in the middle, and {sizes[-1]} out" in plain
    preview = words["plan.preview"]
    right = N_PREVIEW - wrong
    assert (
        preview.headline == f"A preview: {N_PREVIEW} unseen digits, {right} right, {wrong} wrong"
    )
    assert f"It reads {right} of them right and {wrong} wrong" in preview.narration


@golden(ThePlan)
def test_preview(scene: ThePlan) -> None:
    ThePlan.construct(scene)
