"""The wording sweep itself: enough lectures, and the kinds the wording depends on."""

from __future__ import annotations

import numpy as np


def test_the_sweep_covers_what_the_words_depend_on(sweep_cases) -> None:
    assert len(sweep_cases) >= 100
    digits = [c.inputs.digit for c in sweep_cases]
    assert {d.label for d in digits if d.label is not None} == set(range(10))
    assert any(d.trained_on for d in digits) and any(not d.trained_on for d in digits)
    assert any(d.is_wrong for d in digits) and any(not d.is_wrong for d in digits)
    assert any(d.label is None for d in digits)
    shapes = {c.inputs.network.sizes for c in sweep_cases}
    assert {(784, 16, 16, 10), (784, 32, 10), (784, 16, 16, 16, 10)} <= shapes
    # A near tie: the two brightest outputs within a twentieth of each other.
    assert any(np.diff(np.sort(d.trace.output)[-2:])[0] < 0.05 for d in digits)
