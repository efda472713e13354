"""scenes/plan.py: the preview's digits are unseen, answered by the network, mistakes marked."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden, says
from test_three import assert_cards_tell_the_truth

from network.analysis import preview_rows
from scenes.plan import N_PREVIEW, ThePlan

__module_test__ = "plan"


def test_preview_digits_and_verdicts_are_the_networks() -> None:
    scene = dry_render(ThePlan)
    lecture = scene.lecture
    val = lecture.validation()
    rows = preview_rows(lecture.network, val, N_PREVIEW)
    assert [int(c.digit.source.split("#")[1]) for c in scene.cards] == rows
    assert_cards_tell_the_truth(scene.cards, scene.lecture.network)
    wrong = int(np.sum(lecture.network.predict(val.images[rows]) != val.labels[rows]))
    assert wrong >= 1
    assert says(scene.caption, f"{N_PREVIEW - wrong} read right, {wrong} wrong")
    assert scene.sizes.text.startswith("784")


@golden(ThePlan)
def test_preview(scene: ThePlan) -> None:
    ThePlan.construct(scene)
