"""Frames do not depend on the CPU: no coordinate is left on a tie another machine could
break the other way. Shifting a whole scene by far less than float noise between CPUs
(1e-9 of a unit) must give a byte-identical frame."""

from __future__ import annotations

import numpy as np
import pytest
from manim import tempconfig
from scene_helpers import dry_render

from scenes.first_layer import WhatNeuronsSee
from scenes.kit.camera import LectureCamera
from scenes.layers import NetworkLayers
from scenes.three import ThisIsAThree
from scenes.why_layers import WhyLayers

NUDGE = 1e-9


def nudged_camera(dx: float, dy: float) -> type[LectureCamera]:
    class Nudged(LectureCamera):
        def __init__(self, **kwargs) -> None:
            super().__init__(frame_center=np.array([dx, dy, 0.0]), **kwargs)

    return Nudged


def frame_through(scene, camera_class: type[LectureCamera]) -> np.ndarray:
    """The scene's current frame at 480p, drawn by a fresh ``camera_class``: one render
    of the scene serves every camera."""
    with tempconfig({"quality": "low_quality"}):
        scene.renderer.camera = camera_class()
        return scene.current_frame().copy()


@pytest.mark.parametrize("scene_class", [WhatNeuronsSee, ThisIsAThree, NetworkLayers, WhyLayers])
def test_a_tiny_shift_changes_no_pixel(scene_class) -> None:
    scene = dry_render(scene_class)
    reference = frame_through(scene, LectureCamera)
    assert reference[..., :3].any()
    for dx, dy in [(NUDGE, NUDGE), (-NUDGE, -NUDGE)]:
        nudged = frame_through(scene, nudged_camera(dx, dy))
        differ = np.argwhere(np.any(nudged != reference, axis=-1))
        assert differ.size == 0, (
            f"{len(differ)} pixels moved, e.g. (row, col) {differ[:5].tolist()}"
        )
