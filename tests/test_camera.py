"""scenes/kit/camera.py: images blended only where they land, as Manim would draw them."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Camera, tempconfig

from scenes.kit.camera import LectureCamera, axis_aligned_box
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.lecture import load_lecture


def draw(camera_class: type[Camera], mobjects) -> np.ndarray:
    camera = camera_class()
    camera.reset()
    camera.capture_mobjects(mobjects)
    return camera.pixel_array.astype(int)


@pytest.fixture(scope="module")
def images():
    lecture = load_lecture()
    grids = [
        WeightGrid(w, lecture.palette, height=1.5 + 0.35 * i).move_to(
            [-6 + 2.4 * i, 1 - 0.5 * i, 0]
        )
        for i, w in enumerate(lecture.network.weights[0][:5])
    ]
    grids[2].set_opacity(0.4)
    off_edge = PixelGrid(lecture.digit.pixels, lecture.palette, height=3).move_to([6.6, -3, 0])
    tilted = PixelGrid(lecture.digit.pixels, lecture.palette, height=2).rotate(0.3)
    return [*grids, off_edge, tilted.move_to([0, -2.4, 0])]


def test_frames_match_manims_camera_but_for_half_pixel_borders(images) -> None:
    with tempconfig({"pixel_width": 1920, "pixel_height": 1080}):
        ours, manims = draw(LectureCamera, images), draw(Camera, images)
        camera = LectureCamera()
        boxes = [axis_aligned_box(camera.points_to_subpixel_coords(m, m.points)) for m in images]
    assert (ours != 0).any()
    # An image edge exactly on a pixel's centre may round either way; nothing else may differ.
    border = np.zeros(ours.shape[:2], dtype=bool)
    for box in filter(None, boxes):
        left, top, right, bottom = (int(v) for v in box)
        border[max(top, 0) : bottom, [c for c in (left, right - 1) if 0 <= c < 1920]] = True
        border[[r for r in (top, bottom - 1) if 0 <= r < 1080], max(left, 0) : right] = True
    differing = np.abs(ours - manims).max(axis=2) > 0
    assert not (differing & ~border).any()
    assert differing.sum() < 1000


def test_upright_rectangles_only() -> None:
    upright = np.array([[10.2, 5.5], [30.7, 5.5], [10.2, 25.0], [30.7, 25.0]])
    assert axis_aligned_box(upright) == (10.2, 5.5, 30.7, 25.0)
    tilted = upright + np.array([[0, 0], [0, 3], [0, 0], [0, 3]])
    assert axis_aligned_box(tilted) is None
    assert axis_aligned_box(upright[[1, 0, 3, 2]]) is None  # mirrored
