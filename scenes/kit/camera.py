"""The camera every lecture scene uses: Manim's Cairo camera, cheaper with images and
the same on every machine.

Manim composites each ImageMobject onto a transparent image as large as the frame,
then blends that whole frame: at 1080p about 10 ms per image per frame, whatever
the image's size. Our grids are axis-aligned, so they are blended only over the
pixels they cover; anything rotated or skewed still goes through Manim's path.

Frames are also made the same on every CPU. Two machines can compute a point's
coordinates a few ulps apart (NumPy's trigonometry and BLAS take different code
paths on different CPUs); that is invisible, unless the point sits exactly on a
rounding boundary: an image edge on a half pixel (119.5, say), which Manim
truncates, or a path vertex halfway between two of the 1/256-pixel steps Cairo
rounds to. Layouts built from round numbers land on such ties often. So every
point is first moved to the nearest 1/256 of a device pixel with its rounding
boundaries away from those round numbers (``TIE``), which Cairo then
takes exactly; image edges are rounded to whole pixels in integer arithmetic from
that grid, and nearest-neighbour samples are picked in integers too. No tie is
left for a CPU to break, and nothing moves by more than 1/512 of a pixel.
"""

from __future__ import annotations

import numpy as np
from manim import Camera, Mobject
from manim.mobject.types.image_mobject import AbstractImageMobject
from PIL import Image

__all__ = ["GRID", "LectureCamera", "axis_aligned_box", "nearest_indices", "snap", "to_grid"]

#: Cairo's own resolution: device coordinates are fixed-point with 8 fractional bits.
GRID = 256
#: Where between two grid steps a point switches to the next: at (k + TIE)/256.
#: Not ½, where Cairo's own ties are; not any round binary or decimal fraction
#: either, since layouts, TeX and SVG coordinates are full of both (a tie at
#: k + 0.2 was hit by text baselines): 2 − φ, the golden ratio's conjugate.
TIE = 0.3819660112501051


def to_grid(device: np.ndarray) -> np.ndarray:
    """Device coordinates moved to the nearest step of the 1/``GRID``-pixel grid."""
    return np.floor(np.asarray(device) * GRID + (1.0 - TIE)) / GRID


def snap(coordinate: float) -> int:
    """The whole pixel boundary nearest to a grid ``coordinate``; exact halves go up.

    The coordinate is already on the grid (up to float noise far below a step), so
    its grid index is found by rounding, and the pixel by exact integer division.
    """
    step = round(float(coordinate) * GRID)
    return (step + GRID // 2) // GRID


def nearest_indices(source: int, target: int) -> np.ndarray:
    """For ``target`` output pixels over ``source`` input pixels, which input each shows.

    Output pixel ``i`` samples at its centre, input position ``(i + ½)·source/target``;
    computed as ``((2i + 1)·source) // (2·target)`` in integers, so it is exact.
    """
    i = np.arange(target, dtype=np.int64)
    return ((2 * i + 1) * source) // (2 * target)


def axis_aligned_box(corners: np.ndarray) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) in sub-pixels if the corners (UL, UR, DL, DR) form
    an upright rectangle, else None."""
    (ulx, uly), (urx, ury), (dlx, dly), (drx, dry) = corners[:, :2]
    upright = np.isclose(ulx, dlx) and np.isclose(urx, drx)
    upright = upright and np.isclose(uly, ury) and np.isclose(dly, dry)
    if not upright or urx <= ulx or dly <= uly:
        return None
    return float(ulx), float(uly), float(urx), float(dly)


class LectureCamera(Camera):
    """Manim's Cairo camera with tie-free points and images blended where they are
    (see the module's docstring); it draws what ``Camera`` draws."""

    def transform_points_pre_display(self, mobject: Mobject, points: np.ndarray) -> np.ndarray:
        """Points moved (by at most 1/512 pixel) to where Cairo rounds them without ties.

        Cairo maps frame units to device pixels with the matrix Manim sets in
        ``get_cairo_context``; the same affine map is applied here, the result put
        on the grid, and mapped back, so Cairo lands within float noise of a step.
        """
        points = super().transform_points_pre_display(mobject, points)
        if len(points) == 0:
            return points
        scale = np.array(
            [self.pixel_width / self.frame_width, -self.pixel_height / self.frame_height]
        )
        centre = np.asarray(self.frame_center, dtype=float)[:2]
        offset = np.array([self.pixel_width / 2, self.pixel_height / 2]) - centre * scale
        device = np.asarray(points, dtype=float)[:, :2] * scale + offset
        moved = np.array(points, dtype=float)
        moved[:, :2] = (to_grid(device) - offset) / scale
        return moved

    def display_image_mobject(
        self, image_mobject: AbstractImageMobject, pixel_array: np.ndarray
    ) -> None:
        """Blend ``image_mobject`` into ``pixel_array`` over the pixels it covers only.

        An upright image is resampled in integer arithmetic and blended over its own
        box (Manim would blend a whole frame per image); a rotated or skewed one goes
        through Manim's own path.

        Parameters
        ----------
        image_mobject
            The image to draw.
        pixel_array
            The frame being drawn, (height, width, 4) uint8, changed in place.
        """
        corners = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        box = axis_aligned_box(np.asarray(corners, dtype=float))
        if box is None:
            super().display_image_mobject(image_mobject, pixel_array)
            return
        left, top, right, bottom = (snap(v) for v in box)
        width, height = right - left, bottom - top
        x0, y0 = max(left, 0), max(top, 0)
        x1, y1 = min(right, self.pixel_width), min(bottom, self.pixel_height)
        if width <= 0 or height <= 0 or x0 >= x1 or y0 >= y1:
            return  # entirely off screen, or thinner than a pixel
        rgba = np.asarray(image_mobject.get_pixel_array())
        if image_mobject.resampling_algorithm == Image.Resampling.NEAREST:
            rows = nearest_indices(rgba.shape[0], height)[y0 - top : y1 - top]
            cols = nearest_indices(rgba.shape[1], width)[x0 - left : x1 - left]
            patch = Image.fromarray(np.ascontiguousarray(rgba[np.ix_(rows, cols)]))
        else:  # a filtered resize depends only on whole-pixel sizes: no ties either
            image = Image.fromarray(rgba).resize(
                (width, height), image_mobject.resampling_algorithm
            )
            patch = image.crop((x0 - left, y0 - top, x1 - left, y1 - top))
        under = Image.fromarray(pixel_array[y0:y1, x0:x1])
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(under, patch))
