"""scenes/plan.py: the preview's digits are unseen, answered by the network, mistakes marked,
and the words give the network's real sizes and score."""

from __future__ import annotations

import numpy as np
from num2words import num2words
from scene_helpers import golden, render_words
from test_three import assert_cards_tell_the_truth

from network.analysis import preview_rows
from scenes.plan import N_PREVIEW, ThePlan

__module_test__ = "plan"


def test_preview_digits_and_verdicts_are_the_networks() -> None:
    scene, words = render_words(ThePlan)
    lecture = scene.lecture
    val = lecture.validation()
    rows = preview_rows(lecture.network, val, N_PREVIEW)
    assert [int(c.digit.source.split("#")[1]) for c in scene.cards] == rows
    assert_cards_tell_the_truth(scene.cards, scene.lecture.network)
    wrong = int(np.sum(lecture.network.predict(val.images[rows]) != val.labels[rows]))
    assert wrong >= 1
    assert scene.sizes.text.startswith("784")

    assert list(words) == [f"plan.{key}" for key in ThePlan.STEPS]
    sizes = [w.shape[1] for w in lecture.network.weights] + [lecture.network.weights[-1].shape[0]]
    plain = words["plan.plain-network"].narration
    assert (
        f"{sizes[0]} neurons in, {num2words(len(sizes) - 2)} layers of {sizes[1]} in the "
        f"middle, and {sizes[-1]} out" in plain
    )
    preview = words["plan.preview"]
    right = N_PREVIEW - wrong
    assert (
        preview.headline == f"A preview: {N_PREVIEW} unseen digits, {right} right, {wrong} wrong"
    )
    assert f"It reads {right} of them right and {wrong} wrong" in preview.narration


@golden(ThePlan)
def test_preview(scene: ThePlan) -> None:
    ThePlan.construct(scene)
