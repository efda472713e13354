"""All 784 pixels of a digit as one image that can move: squares, circles, a column.

The input layer is 784 neurons. Drawn as 784 Manim circles that all move, every
frame would re-path and re-stroke 784 vector objects in Python (measured at 1080p:
see ``benchmarks/bench_layers.py --field``); drawn here, each frame is a few NumPy
passes over small windows, one per element, and a single image blended over the
pixels it covers. Every element has its own centre, size, roundness (0 a square
like the pixel grid's, 1 a circle like a neuron), value (its grey, or its fill
opacity as a neuron) and opacity; scenes move them by setting those arrays and
calling ``redraw``.

Drawing is plain IEEE arithmetic (no trigonometry, no BLAS) on coordinates the
scene gives, so a still of the field is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import RESAMPLING_ALGORITHMS, ImageMobject, Mobject, config

from lecture.palette import Palette
from scenes.kit.diagram import NEURON_STROKE
from scenes.kit.grids import CELL_PX, SIDE, PixelGrid

__all__ = [
    "CIRCLE_HALF",
    "SQUARE_HALF",
    "NeuronField",
    "column_centers",
    "grid_centers",
    "lagged",
    "rows_to_column",
]

#: Manim's Cairo camera draws a stroke of width 1 as 1/100 of a frame unit.
_STROKE_UNIT = 0.01
#: A square pixel's half side, as a fraction of its cell: the pixel grid leaves
#: one image pixel of ``CELL_PX`` for its grid line.
SQUARE_HALF = (CELL_PX - 1) / CELL_PX / 2
#: A neuron's radius as a fraction of its cell, as in the pixel close-up.
CIRCLE_HALF = 0.45
#: Neurons at least this large (scene units) get the full stroke; smaller, a thinner one.
FULL_STROKE_HALF = 0.08


def grid_centers(grid: PixelGrid) -> np.ndarray:
    """(784, 3) scene coordinates of the grid's cells in row-major (input) order."""
    return np.array([grid.cell_center(r, c) for r in range(SIDE) for c in range(SIDE)])


def column_centers(x: float, top: float, spacing: float, count: int = SIDE * SIDE) -> np.ndarray:
    """(count, 3) points down one column: element ``i`` at ``top − i·spacing``."""
    centers = np.zeros((count, 3))
    centers[:, 0] = x
    centers[:, 1] = top - np.arange(count) * spacing
    return centers


def lagged(alpha: float, count: int, lag: float) -> np.ndarray:
    """Per-item progress in [0, 1] for ``count`` items starting one after another.

    Item ``i`` runs over ``[i·lag, i·lag + 1] / (1 + (count − 1)·lag)`` of ``alpha``.
    """
    span = 1 + (count - 1) * lag
    return np.clip(alpha * span - np.arange(count) * lag, 0.0, 1.0)


def _smooth(t: np.ndarray) -> np.ndarray:
    return t * t * (3 - 2 * t)


def rows_to_column(
    progress: np.ndarray, start: np.ndarray, end: np.ndarray, side: int = SIDE
) -> np.ndarray:
    """Element centres while each image row turns from a horizontal row into its
    vertical stretch of the column (``progress``: one value per row, 0 to 1).

    A row moves as one stick: its centre slides from the row's centre to its stretch's
    centre while the stick turns a quarter turn clockwise (its first pixel ends on
    top) and its spacing changes from the grid's to the column's. The turn is
    traced along a quarter circle drawn with a rational parametrisation, not sines,
    so every frame is exact arithmetic; at 0 and 1 the result is ``start``/``end``.
    """
    s = _smooth(np.asarray(progress, dtype=float))[:, None]  # (rows, 1)
    rows_start = start.reshape(side, side, 3)
    rows_end = end.reshape(side, side, 3)
    c0, c1 = rows_start.mean(axis=1), rows_end.mean(axis=1)  # (rows, 3)
    centre = c0 + (c1 - c0) * s
    half_start = (rows_start[:, -1] - rows_start[:, 0]) / 2  # along +x
    half_end = (rows_end[:, -1] - rows_end[:, 0]) / 2  # along −y
    length0 = np.linalg.norm(half_start, axis=1, keepdims=True)
    length1 = np.linalg.norm(half_end, axis=1, keepdims=True)
    # A quarter turn, (1, 0) → (0, −1), through (cos, −sin) of an angle whose tangent
    # of the half angle is u: ((1 − u²), −2u) / (1 + u²) for u from 0 to 1.
    u = s
    direction = np.concatenate([(1 - u * u), -2 * u, np.zeros_like(u)], axis=1) / (1 + u * u)
    half = direction * (length0 + (length1 - length0) * s)  # (rows, 3)
    offsets = np.linspace(-1.0, 1.0, side)  # each pixel's place along its row
    out = centre[:, None, :] + offsets[None, :, None] * half[:, None, :]
    done, fresh = s[:, 0] >= 1.0, s[:, 0] <= 0.0
    out[done], out[fresh] = rows_end[done], rows_start[fresh]
    return out.reshape(-1, 3)


class NeuronField(ImageMobject):
    """Elements (pixels or neurons) drawn into one image cropped to where they are.

    ``centers`` (N, 3) scene coordinates, ``half`` (N,) half side or radius in scene
    units, ``values`` (N,) in [0, 1], ``opacity`` (N,), ``roundness`` 0…1 for all.
    A square is grey ``value`` and opaque (like ``PixelGrid``); a circle is the
    palette's neuron: filled at opacity ``value``, with its stroke. ``backdrop``, a
    box (left, bottom, right, top) in scene units and an opacity, is the pixel
    grid's line colour behind the squares, so squares on it look like the grid.
    """

    def __init__(
        self,
        values: np.ndarray,
        centers: np.ndarray,
        half: np.ndarray | float,
        palette: Palette,
        roundness: float = 0.0,
    ) -> None:
        self.values = np.asarray(values, dtype=float).reshape(-1)
        n = self.values.size
        self.centers = np.asarray(centers, dtype=float).reshape(n, 3).copy()
        self.half = np.broadcast_to(np.asarray(half, dtype=float), (n,)).copy()
        self.opacity = np.ones(n)
        self.roundness = float(roundness)
        self.backdrop: tuple[tuple[float, float, float, float], float] | None = None
        #: Nothing is drawn above this height (scene units), e.g. the headline's band.
        self.clip_top = float("inf")
        self.fill_rgb = np.array(palette.neuron_fill.to_rgb())
        self.stroke_rgb = np.array(palette.neuron_stroke.to_rgb())
        self.line_rgb = np.array(palette.grid_line.to_rgb())
        super().__init__(np.zeros((1, 1, 4), dtype=np.uint8))
        # One image pixel per device pixel: sampled as it is, never filtered.
        self.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.redraw()

    # -- drawing ------------------------------------------------------------------
    def redraw(self) -> NeuronField:
        """Draw the elements as they are now, at the output's resolution."""
        ppu = config.pixel_height / config.frame_height  # device pixels per scene unit
        width_px, height_px = config.pixel_width, config.pixel_height
        px = (self.centers[:, 0] + config.frame_width / 2) * ppu
        py = (config.frame_height / 2 - self.centers[:, 1]) * ppu
        half = self.half * ppu
        # Half the stroke, thinner on neurons drawn smaller than a grid pixel's circle,
        # so a long column of small ones does not become a stack of rings.
        full_ring = self.roundness * NEURON_STROKE * _STROKE_UNIT * ppu / 2
        ring = full_ring * np.minimum(1.0, self.half / FULL_STROKE_HALF)
        reach = half + ring + 1.0
        show = (self.opacity > 0) & (half > 0)
        show &= (px + reach > 0) & (px - reach < width_px)
        show &= (py + reach > 0) & (py - reach < height_px)
        boxes = (
            []
            if self.backdrop is None or self.backdrop[1] <= 0
            else [self._backdrop_px(self.backdrop, ppu)]
        )
        if show.any():
            boxes.append(
                (
                    float((px - reach)[show].min()),
                    float((py - reach)[show].min()),
                    float((px + reach)[show].max()),
                    float((py + reach)[show].max()),
                )
            )
        if not boxes:
            self._set_image(np.zeros((1, 1, 4), dtype=np.uint8), (0, 0, 1, 1), ppu)
            return self
        x0 = max(0, int(np.floor(min(b[0] for b in boxes))))
        y0 = max(0, int(np.floor(min(b[1] for b in boxes))))
        x1 = min(width_px, int(np.ceil(max(b[2] for b in boxes))))
        if np.isfinite(self.clip_top):
            y0 = max(y0, int(np.ceil((config.frame_height / 2 - self.clip_top) * ppu)))
        y1 = min(height_px, int(np.ceil(max(b[3] for b in boxes))))
        if x1 <= x0 or y1 <= y0:
            self._set_image(np.zeros((1, 1, 4), dtype=np.uint8), (0, 0, 1, 1), ppu)
            return self
        w, h = x1 - x0, y1 - y0
        acc: np.ndarray = np.zeros((4, h * w))  # premultiplied r, g, b and alpha
        if show.any():
            self._draw_elements(acc, show, px - x0, py - y0, half, ring, w, h)
        acc = acc.reshape(4, h, w)
        if self.backdrop is not None and self.backdrop[1] > 0:
            bx0, by0, bx1, by1 = self._backdrop_px(self.backdrop, ppu)
            sx = slice(max(0, round(bx0) - x0), max(0, round(bx1) - x0))
            sy = slice(max(0, round(by0) - y0), max(0, round(by1) - y0))
            under = self.backdrop[1] * (1 - acc[3, sy, sx])
            acc[:3, sy, sx] += self.line_rgb[:, None, None] * under
            acc[3, sy, sx] += under
        alpha = np.clip(acc[3], 0.0, 1.0)
        rgb = np.divide(acc[:3], acc[3], out=np.zeros_like(acc[:3]), where=acc[3] > 0)
        image = np.empty((h, w, 4), dtype=np.uint8)
        image[..., :3] = np.round(np.clip(rgb, 0, 1) * 255).transpose(1, 2, 0)
        image[..., 3] = np.round(alpha * 255)
        self._set_image(image, (x0, y0, x1, y1), ppu)
        return self

    @staticmethod
    def _backdrop_px(
        backdrop: tuple[tuple[float, float, float, float], float], ppu: float
    ) -> tuple[float, float, float, float]:
        (left, bottom, right, top), _ = backdrop
        x = lambda v: (v + config.frame_width / 2) * ppu  # noqa: E731
        y = lambda v: (config.frame_height / 2 - v) * ppu  # noqa: E731
        return x(left), y(top), x(right), y(bottom)

    def _draw_elements(
        self,
        acc: np.ndarray,
        show: np.ndarray,
        px: np.ndarray,
        py: np.ndarray,
        half: np.ndarray,
        ring: np.ndarray,
        w: int,
        h: int,
    ) -> None:
        """Add every shown element's premultiplied colour into ``acc`` (4, h·w).

        Elements are drawn in batches of one window size (windows grow in steps of 4
        pixels), so a few large neurons do not make every small one's window large.
        """
        k = self.roundness
        size = 2 * np.ceil((half + ring + 1.5) / 2) * 2  # even window sides, steps of 4
        for side in np.unique(size[show]):
            idx = np.flatnonzero(show & (size == side))
            side = int(side)
            left = np.floor(px[idx] - side / 2).astype(np.int64)
            top = np.floor(py[idx] - side / 2).astype(np.int64)
            grid = np.arange(side)
            xs = left[:, None] + grid[None, :]  # (n, side) pixel columns
            ys = top[:, None] + grid[None, :]
            dx = np.abs(xs + 0.5 - px[idx, None])[:, None, :]  # (n, 1, side)
            dy = np.abs(ys + 0.5 - py[idx, None])[:, :, None]  # (n, side, 1)
            hh = half[idx, None, None]
            radius = k * hh
            qx, qy = dx - (hh - radius), dy - (hh - radius)
            outside = np.sqrt(np.maximum(qx, 0) ** 2 + np.maximum(qy, 0) ** 2)
            dist = outside + np.minimum(np.maximum(qx, qy), 0) - radius  # signed, pixels
            cover = np.clip(0.5 - dist, 0.0, 1.0)
            value = self.values[idx, None, None]
            opacity = self.opacity[idx, None, None]
            alpha = cover * ((1 - k) + k * value)
            tint = (1 - k) + k * self.fill_rgb  # grey squares become the neuron colour
            rgb = (cover * value)[None] * tint[:, None, None, None]
            if k > 0:
                band = ring[idx, None, None]
                stroke = np.clip(band + 0.5 - np.abs(dist), 0.0, 1.0) * (band > 0) * k
                rgb = (
                    rgb * (1 - stroke)[None] + stroke[None] * self.stroke_rgb[:, None, None, None]
                )
                alpha = alpha * (1 - stroke) + stroke
            inside = (
                (xs >= 0)[:, None, :]
                & (xs < w)[:, None, :]
                & (ys >= 0)[:, :, None]
                & (ys < h)[:, :, None]
            )
            flat = (ys[:, :, None] * w + xs[:, None, :])[inside]
            for channel in range(3):
                weights = (rgb[channel] * opacity)[inside]
                acc[channel] += np.bincount(flat, weights=weights, minlength=h * w)
            acc[3] += np.bincount(flat, weights=(alpha * opacity)[inside], minlength=h * w)

    def _set_image(self, image: np.ndarray, box: tuple[int, int, int, int], ppu: float) -> None:
        """Show ``image`` over the device-pixel ``box`` (left, top, right, bottom)."""
        self.pixel_array = image
        self.orig_alpha_pixel_array = image[:, :, 3].copy()
        x0, y0, x1, y1 = box
        left = x0 / ppu - config.frame_width / 2
        right = x1 / ppu - config.frame_width / 2
        top = config.frame_height / 2 - y0 / ppu
        bottom = config.frame_height / 2 - y1 / ppu
        self.points = np.array(
            [[left, top, 0.0], [right, top, 0.0], [left, bottom, 0.0], [right, bottom, 0.0]]
        )

    def updater(self, move: Callable[[float], None]) -> Callable[[Mobject, float], None]:
        """For ``UpdateFromAlphaFunc``: ``move(alpha)`` sets the arrays, then a redraw.

        Parameters
        ----------
        move
            Sets the elements' arrays (centres, sizes, values…) for a progress ``alpha``.

        Returns
        -------
        Callable[[Mobject, float], None]
            The update function, typed as ``UpdateFromAlphaFunc`` takes it; it must be
            given a ``NeuronField`` (the one being animated).
        """

        def update(field: Mobject, alpha: float) -> None:
            if not isinstance(field, NeuronField):
                raise TypeError(f"a NeuronField updater was given a {type(field).__name__}")
            move(alpha)
            field.redraw()

        return update
