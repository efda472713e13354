"""The camera every lecture scene uses: Manim's Cairo camera, cheaper with images.

Manim composites each ImageMobject onto a transparent image as large as the frame,
then blends that whole frame: at 1080p about 10 ms per image per frame, whatever
the image's size. Our grids are axis-aligned, so they are blended only over the
pixels they cover; anything rotated or skewed still goes through Manim's path.
"""

from __future__ import annotations

import numpy as np
from manim import Camera
from manim.mobject.types.image_mobject import AbstractImageMobject
from PIL import Image

__all__ = ["LectureCamera", "axis_aligned_box"]


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
    def display_image_mobject(
        self, image_mobject: AbstractImageMobject, pixel_array: np.ndarray
    ) -> None:
        corners = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        box = axis_aligned_box(np.asarray(corners, dtype=float))
        if box is None:
            super().display_image_mobject(image_mobject, pixel_array)
            return
        left, top, right, bottom = box
        # The same sampling as Manim's perspective warp, which for an upright
        # rectangle is a scale and a shift: whole pixels from the truncated corner.
        x_start, y_start = int(left), int(top)
        width, height = int(right) - x_start, int(bottom) - y_start
        x0, y0 = max(x_start, 0), max(y_start, 0)
        x1 = min(x_start + width, self.pixel_width)
        y1 = min(y_start + height, self.pixel_height)
        if x0 >= x1 or y0 >= y1:
            return  # entirely off screen, or thinner than a pixel
        image = Image.fromarray(image_mobject.get_pixel_array())
        sx, sy = image.width / (right - left), image.height / (bottom - top)
        warp = (sx, 0.0, (x_start - left) * sx, 0.0, sy, (y_start - top) * sy)
        image = image.transform(
            (width, height), Image.Transform.AFFINE, warp, image_mobject.resampling_algorithm
        )
        patch = image.crop((x0 - x_start, y0 - y_start, x1 - x_start, y1 - y_start))
        under = Image.fromarray(pixel_array[y0:y1, x0:x1])
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(under, patch))
