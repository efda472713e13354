"""scenes/kit/camera.py: images blended only where they land, as Manim would draw them."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Camera, tempconfig

from lecture.inputs import load_inputs
from scenes.kit.camera import GRID, LectureCamera, axis_aligned_box, nearest_indices, snap
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.renderer import LectureRenderer


def draw(camera_class: type[Camera], mobjects) -> np.ndarray:
    camera = camera_class()
    camera.reset()
    camera.capture_mobjects(mobjects)
    return camera.pixel_array.astype(int)


@pytest.fixture(scope="module")
def images():
    lecture = load_inputs()
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


def test_frames_are_manims_but_for_thin_lines_and_edges(images) -> None:
    """Ours places each image on whole pixels (Manim truncates its corner), so an edge
    may move by one pixel and a line thinner than a pixel may land one pixel over."""
    with tempconfig({"pixel_width": 1920, "pixel_height": 1080}):
        ours, manims = draw(LectureCamera, images), draw(Camera, images)
    assert (ours != 0).any()
    differing = int((np.abs(ours - manims).max(axis=2) > 0).sum())
    covered = sum(m.width * m.height for m in images) * (1920 / config_frame_width()) ** 2
    assert differing < 0.08 * covered  # measured: 5.3 %, the grids' thin cell borders


def config_frame_width() -> float:
    return Camera().frame_width


@pytest.mark.parametrize("zoom", [1, 2, 3])
def test_an_image_on_whole_pixels_shows_every_source_pixel_exactly(zoom: int) -> None:
    lecture = load_inputs()
    grid = WeightGrid(lecture.network.weights[0][3], lecture.palette, height=1.0)
    source = np.asarray(grid.get_pixel_array())
    with tempconfig({"pixel_width": 1920, "pixel_height": 1080}):
        per_pixel = Camera().frame_height / 1080
        grid.set(height=source.shape[0] * zoom * per_pixel)
        # top-left corner exactly on pixel (20, 200)
        grid.move_to(
            [
                (200 - 960) * per_pixel + grid.width / 2,
                (540 - 20) * per_pixel - grid.height / 2,
                0,
            ]
        )
        frame = draw(LectureCamera, [grid])
    h, w = source.shape[0] * zoom, source.shape[1] * zoom
    expected = np.repeat(np.repeat(source, zoom, axis=0), zoom, axis=1)
    assert (source[..., 3] == 255).all()
    np.testing.assert_array_equal(frame[20 : 20 + h, 200 : 200 + w, :3], expected[..., :3])
    assert (frame[20 : 20 + h, 199] == frame[20, 0]).all()  # nothing spills left of it


def test_image_edges_snap_to_whole_pixels_without_ties() -> None:
    # 119.5 and its float-noise neighbours land on the same pixel boundary
    for noise in (0.0, 1e-12, -1e-12):
        assert snap(119.5 + noise) == 120
    assert snap(119.49) == 119 and snap(-0.5) == 0 and snap(-0.51) == -1


def test_nearest_samples_are_exact_integers() -> None:
    np.testing.assert_array_equal(nearest_indices(28, 28), np.arange(28))
    np.testing.assert_array_equal(nearest_indices(28, 336), np.repeat(np.arange(28), 12))
    # 225 px over 28 cells: output pixel 112 samples exactly between cells 13 and 14
    assert nearest_indices(28, 225)[112] == 14


def test_points_move_to_the_grid_by_less_than_half_a_step() -> None:
    camera = LectureCamera()
    points = np.random.default_rng(0).uniform(-7, 7, size=(1000, 3))
    moved = camera.transform_points_pre_display(None, points)
    device = lambda p: camera.points_to_subpixel_coords(None, p)  # noqa: E731
    steps = device(moved) * GRID
    np.testing.assert_allclose(steps, np.round(steps), atol=1e-6)
    assert np.abs(device(moved) - device(points)).max() <= 1 / GRID


def test_golden_frames_use_the_camera_that_ships() -> None:
    assert isinstance(LectureRenderer().camera, LectureCamera)


def test_upright_rectangles_only() -> None:
    upright = np.array([[10.2, 5.5], [30.7, 5.5], [10.2, 25.0], [30.7, 25.0]])
    assert axis_aligned_box(upright) == (10.2, 5.5, 30.7, 25.0)
    tilted = upright + np.array([[0, 0], [0, 3], [0, 0], [0, 3]])
    assert axis_aligned_box(tilted) is None
    assert axis_aligned_box(upright[[1, 0, 3, 2]]) is None  # mirrored
