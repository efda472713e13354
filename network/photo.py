"""A phone photo of a handwritten digit, reduced to the digit's ink as MNIST drew it.

MNIST's digits are clean: bright ink of an even stroke on a black field, nothing else.
A photo of a digit on paper is not: the light falls unevenly, the pen may be blue, thin
or thick, the digit may be small on a big page, and the paper may be ruled. Each step
here takes one of those away, and each is its own function:

1. :func:`paper` — the colour of the paper at every pixel, as if the ink were lifted off;
2. :func:`inkness` — how much ink each pixel holds, relative to that paper, in any colour;
3. :func:`ink_mask` — which pixels are ink rather than noise;
4. :func:`paper_lines` — the printed lines of ruled or squared paper, to be taken out;
5. :func:`digit_mask` — the digit: the main stroke group and its near parts, no specks;
6. :func:`stroke_ratio` and :func:`digit_canvas` — the digit cropped, cut at half its
   strokes' strength into the shape the pen drew, and its stroke brought to MNIST's
   width relative to the digit's size.

:func:`find_digit` runs 1–5 and refuses, in one line, a photo whose printed lines cannot
be told from the digit; :meth:`Found.reads_like` says whether anything needed taking
away: ``network.image`` reads a picture that needs nothing exactly as before, so clean
drawings (the live page's too, bit for bit) keep their reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.filters import apply_hysteresis_threshold, threshold_otsu
from skimage.measure import label, regionprops
from skimage.morphology import closing, dilation, disk, erosion, opening, skeletonize
from skimage.transform import hough_line, resize

from network.errors import NetworkInputError

__all__ = [
    "LINES_REFUSED",
    "MNIST_STROKE",
    "MNIST_STROKE_RANGE",
    "ONLY_LINES",
    "PHOTO_MIN_SIDE",
    "Found",
    "Ruling",
    "digit_canvas",
    "digit_mask",
    "find_digit",
    "ink_mask",
    "inkness",
    "paper",
    "paper_lines",
    "stroke_ratio",
]

#: MNIST's stroke width as a fraction of the digit's longer side (its 20-pixel box):
#: the median over the 5,000 bundled digits, measured by :func:`stroke_ratio` (2.1 px of
#: the 20). ``MNIST_STROKE_RANGE`` holds 96 % of them (2nd to 98th percentile): a clean
#: picture whose stroke falls outside is read as a photo, and every photo's stroke is
#: brought to the median. Both are checked against the bundled digits in
#: ``tests/test_photo.py``.
MNIST_STROKE = 0.107
MNIST_STROKE_RANGE = (0.062, 0.18)

#: Pictures smaller than this on their short side are not photos; they are read as drawn.
PHOTO_MIN_SIDE = 16
#: The paper is estimated on a copy at most this many pixels on its long side: it
#: changes slowly across the page, and the closing below costs its radius per pixel.
PAPER_SIDE = 128
#: The closing's radius as a fraction of the short side: wider than half of any stroke (a
#: thick marker's stroke blots to a third of a digit filling most of the picture), so no
#: stroke is taken for paper; no wider, since a closing lifts the paper where a shadow's
#: soft edge curves (its shoulder), the more so the wider it reaches (by up to ~16 % of
#: the light for a shadow taking 45 % of it, which ``MIN_INK`` leaves out).
PAPER_REACH = 0.2
#: Paper darker than this (in a deep shadow) is not divided by: its ink is noise.
PAPER_FLOOR = 0.05
#: Ink must absorb at least this much of the light (relative to the paper) to count, and
#: a group of strokes must reach it in its cores (``STROKE_LEVEL`` percentile): a soft
#: pencil absorbs a third and more, the shoulder of a shadow's edge up to ~16 %.
MIN_INK = 0.2
#: A mark whose longer side is under this fraction of the picture's (or 3 px) is a speck.
SPECK = 0.02
#: Parts of the digit: groups within this fraction of the main group's size of its box,
#: holding at least PART of its ink (a 5's loose top bar, a 4 drawn in two strokes).
NEAR = 0.25
PART = 0.02
#: A group touching the picture's edge counts this share of its size for being the digit.
EDGE_WEIGHT = 0.25
#: Thinner than this on average (pixels), a group is a scrap of a printed line, not a pen's.
HAIRLINE = 1.5
#: Ruled lines: straight within ±MAX_TILT of the page's axes, inked along at least
#: LINE_SPAN of the picture and reaching both its edges, at most LINE_WIDTH of it thick.
MAX_TILT = math.radians(10.0)
LINE_SPAN = 0.6
LINE_WIDTH = 0.03
#: Across a printed line, the distances holding at least this share of its fullest count
#: of ink are the line itself; the rest is its soft edge or whatever it runs past.
LINE_CORE = 0.75
#: A pen's ink stands out from printed lines when it is this many times as strong as the
#: lines' (median) ink, and by at least PEN_MARGIN.
PEN_OVER_LINE = 1.6
PEN_MARGIN = 0.2
#: The one line a photo is refused with when its printed lines cannot be told from
#: the digit (see ``_inseparable``), and when nothing but printed lines was found.
LINES_REFUSED = (
    "the paper's printed lines run through the digit and cannot be told from its strokes; "
    "photograph it on plain paper (or draw it with a thicker, darker pen)"
)
#: The plain reading's crop may differ from the digit's box by this fraction of its size
#: (and 2 px) and still be the digit's: its faint edge, wide when a picture was enlarged.
BOX_SLACK = 0.05
ONLY_LINES = (
    "no ink found apart from the paper's printed lines; if a digit is there, "
    "photograph it on plain paper"
)
#: Around the digit's strokes this many pixels of fainter ink are kept (anti-aliasing).
HALO = 2
#: Strokes are measured on the digit's box resampled to a long side within these bounds.
MEASURE = (100, 200)
#: The digit is cropped onto a canvas whose long side is kept within these bounds:
#: large enough to measure a stroke to a few per cent, small enough to stay fast.
CANVAS = (100, 400)
#: The ink level the canvas is scaled to full strength by: this percentile of the ink on
#: the digit's strokes (not the maximum, which a speck of glare or noise would set).
STROKE_LEVEL = 90


def paper(picture: np.ndarray, dark_ink: bool) -> np.ndarray:
    """The paper's colour at every pixel, as it would look with the ink lifted off.

    A morphological closing (for dark ink; an opening for light ink on dark paper) with
    a disk wider than any stroke fills each stroke with the paper around it, yet follows
    the light as it changes across the page — a shadow's edge included, which a closing
    keeps where a blur would smear it. So a shadow stays paper instead of becoming ink.
    It runs on a box-averaged copy at most ``PAPER_SIDE`` pixels long, then is
    enlarged back (bilinear).

    Parameters
    ----------
    picture
        ``H×W`` grey or ``H×W×3`` colour, values in [0, 1].
    dark_ink
        Whether the ink is darker than the paper.
    """
    height, width = picture.shape[:2]
    factor = max(1.0, max(height, width) / PAPER_SIDE)
    small_shape = (max(1, round(height / factor)), max(1, round(width / factor)))
    small = _resampled(picture, small_shape, Image.Resampling.BOX)
    footprint = disk(max(1, round(PAPER_REACH * min(small_shape))), decomposition="sequence")
    morph = closing if dark_ink else opening
    estimate = np.stack([morph(small[..., c], footprint) for c in range(small.shape[2])], -1)
    sheet = _resampled(estimate, (height, width), Image.Resampling.BILINEAR)
    return sheet if picture.ndim == 3 else sheet[..., 0]


def _resampled(picture: np.ndarray, shape: tuple[int, int], how: Image.Resampling) -> np.ndarray:
    """``picture`` (grey or colour) resampled to ``shape`` channel by channel, by Pillow
    on 32-bit floats: a box average going down, bilinear going up, and fast."""
    channels = picture[..., None] if picture.ndim == 2 else picture
    size = (shape[1], shape[0])
    return np.stack(
        [
            np.asarray(Image.fromarray(channels[..., c].astype(np.float32)).resize(size, how))
            for c in range(channels.shape[2])
        ],
        axis=-1,
    )


def inkness(picture: np.ndarray, sheet: np.ndarray, dark_ink: bool) -> np.ndarray:
    """How much ink each pixel holds, 0 (bare paper) … 1, whatever the ink's colour.

    Ink on paper absorbs light; a coloured ink absorbs some colours more than others (a
    blue ballpoint takes red and green, red ink takes green and blue). So for dark ink
    the inkness is the largest fraction of the paper's light that the pixel lost in any
    one channel: ``max_c (1 − pixel_c / paper_c)``. Dividing by the local paper makes it
    independent of the light (ink in a shadow loses the same fraction as ink in the
    sun), and taking the largest channel makes every colour as strong as its strongest
    absorption — where a grey conversion would leave a yellow or light-blue pen faint.
    Light ink on dark paper (chalk, a digit drawn white on black) adds light instead:
    ``max_c (pixel_c − paper_c)``.
    """
    if dark_ink:
        lost = 1.0 - picture / np.maximum(sheet, PAPER_FLOOR)
    else:
        lost = picture - sheet
    ink = lost.max(axis=-1) if lost.ndim == 3 else lost
    return np.clip(ink, 0.0, 1.0).astype(float)


def ink_mask(ink: np.ndarray) -> np.ndarray:
    """Which pixels are ink: hysteresis between half Otsu's threshold and all of it.

    Otsu's threshold splits the paper's noise from the ink, whatever the pen's strength;
    hysteresis then also keeps a stroke's fainter pixels where they touch its strong
    ones (a ballpoint's skips, the soft edge), while faint noise elsewhere stays paper.
    Ink weaker than ``MIN_INK`` never counts, so a blank sheet has no digit.
    """
    high = max(float(threshold_otsu(ink)), MIN_INK)
    return np.asarray(apply_hysteresis_threshold(ink, high / 2, high), dtype=bool)


@dataclass(frozen=True)
class Ruling:
    """The printed lines found on the paper: their ink ``pixels`` (to be taken out),
    how thick the thickest is (pixels across) and how strong their ink is (median
    inkness); an empty ruling has no pixels."""

    pixels: np.ndarray
    thickness: int = 0
    level: float = 0.0

    def pen_stands_out(self, ink: np.ndarray) -> np.ndarray:
        """Where ``ink`` is clearly stronger than the printing: a pen's, not a line's."""
        return ink >= max(PEN_OVER_LINE * self.level, self.level + PEN_MARGIN)


def paper_lines(mask: np.ndarray, ink: np.ndarray) -> Ruling:
    """The printed lines of ruled or squared paper in ``mask`` (``ink``: its inkness).

    A printed line is straight, runs (within ±``MAX_TILT``) along the page, is thin, and
    crosses the whole picture: the Hough transform finds straight runs of ink covering at
    least ``LINE_SPAN`` of the picture (counting the digit's ink on the way); a run is a
    printed line only if it also reaches both edges (a digit's stroke stops short of
    them) and is at most ``LINE_WIDTH`` of the picture thick (a digit's stroke, even a
    "1" filling a tight crop, is thicker).

    Where the digit's stroke crosses a line or runs along it, its pixels stay: those
    where the ink across the line is longer than the line is thick (measured without
    the other direction's lines, which on squared paper cross every line), and those
    whose ink is clearly stronger than the printing's (a dark pen over pale lines).
    """
    rows, cols = np.nonzero(mask)
    reach = max(3, round(LINE_WIDTH * min(mask.shape)))
    families = []
    for vertical in (True, False):
        span = mask.shape[0] if vertical else mask.shape[1]
        on_line, thickest = np.zeros(rows.size, dtype=bool), 0
        for angle, dist in _straight_runs(mask, 0.0 if vertical else math.pi / 2, span):
            offset = cols * math.cos(angle) + rows * math.sin(angle) - dist
            found = _line_band(offset, rows if vertical else cols, span, reach)
            if found is not None:
                on_line |= found[0]
                thickest = max(thickest, found[1])
        family = np.zeros_like(mask)
        family[rows[on_line], cols[on_line]] = True
        families.append((vertical, family, thickest))
    lines = np.zeros_like(mask)
    for (vertical, family, thickest), (_, other, _) in zip(families, families[::-1], strict=True):
        if family.any():
            across = _run_lengths(mask & ~other, axis=1 if vertical else 0)
            lines |= family & (across <= thickest + 2)
    if not lines.any():
        return Ruling(lines)
    ruling = Ruling(lines, max(f[2] for f in families), float(np.median(ink[lines])))
    return replace(ruling, pixels=lines & ~ruling.pen_stands_out(ink))


def _run_lengths(mask: np.ndarray, axis: int) -> np.ndarray:
    """For every pixel of ``mask``, the length of the unbroken run of ``mask`` pixels
    through it along ``axis`` (0 down the columns, 1 along the rows); 0 off the mask."""
    along = np.moveaxis(mask, axis, -1)
    starts = along & ~np.pad(along, ((0, 0), (1, 0)))[:, :-1]
    run = np.cumsum(starts.ravel()).reshape(along.shape) * along
    lengths = np.bincount(run.ravel())
    lengths[0] = 0
    return np.moveaxis(lengths[run], -1, axis)


def _straight_runs(mask: np.ndarray, normal: float, span: int) -> list[tuple[float, float]]:
    """(angle, distance) of each straight run of ink at least ``LINE_SPAN × span`` long
    whose normal lies within ±``MAX_TILT`` of ``normal`` (Hough's parametrisation: the
    run is the set of points with x·cos(angle) + y·sin(angle) = distance).

    Printed lines are parallel, so all are looked for at one angle: the one at which the
    ink lines up most sharply (the largest sum of squared Hough counts). At that angle,
    each run of adjacent distances counting ``LINE_SPAN × span`` pixels or more is one
    line (a line 3 px thick fills 3 distances), found at its fullest distance. (Peaks
    picked one by one would let a thick stroke along a line hide it: their counts are
    neighbours.)
    """
    step = math.radians(0.25)
    angles = np.arange(normal - MAX_TILT, normal + MAX_TILT + step / 2, step)
    angles = np.sort((angles + math.pi / 2) % math.pi - math.pi / 2)  # Hough's [-π/2, π/2)
    space, theta, dists = hough_line(mask, theta=angles)
    threshold = LINE_SPAN * span
    if space.max() < threshold:
        return []
    counts = space.astype(float)
    sharpest = int(np.argmax((counts**2).sum(axis=0)))
    column, best = counts[:, sharpest], float(theta[sharpest])
    full = column >= threshold
    starts = np.flatnonzero(full & ~np.concatenate([[False], full[:-1]]))
    ends = np.flatnonzero(full & ~np.concatenate([full[1:], [False]]))
    return [
        (best, float(dists[a + int(np.argmax(column[a : b + 1]))]))
        for a, b in zip(starts, ends, strict=True)
    ]


def _line_band(
    offset: np.ndarray, along: np.ndarray, span: int, reach: int
) -> tuple[np.ndarray, int] | None:
    """Which ink pixels make one straight run, and its thickness, if it is a printed line
    (thin, edge to edge); else None. For each ink pixel, ``offset`` is its signed distance
    from the run and ``along`` its position along the page's edge the run follows."""
    near = np.abs(offset) <= reach + 0.5
    counts = np.bincount(np.round(offset[near]).astype(int) + reach, minlength=2 * reach + 1)
    # The line's own distances are nearly as full as its fullest; a digit's broad stroke
    # beside it (ink along half the picture, say) is not.
    filled = counts >= max(0.5 * span, LINE_CORE * counts[reach - 1 : reach + 2].max())
    if not filled[reach]:
        return None
    low, high = reach, reach
    while low > 0 and filled[low - 1]:
        low -= 1
    while high < 2 * reach and filled[high + 1]:
        high += 1
    if low == 0 or high == 2 * reach:  # wider than a printed line: a stroke or a region
        return None
    band = (offset >= low - reach - 1.5) & (offset <= high - reach + 1.5)
    reached = along[band]
    if reached.min() > 0.05 * span or reached.max() < 0.95 * span - 1:
        return None  # stops short of an edge: not printed across the page
    return band, high - low + 1


def digit_mask(mask: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The digit's pixels in ``mask``: its main group of connected strokes and the parts
    near it; specks, faint marks, far marks and the page's edges left out.

    The main group is the largest (8-connected) group, a group touching the picture's
    edge counting ``EDGE_WEIGHT`` of its size (the page's edge, a table, a finger: the
    digit is what was aimed at). Near parts are groups overlapping the main group's box widened by
    ``NEAR`` of its size on every side, holding at least ``PART`` of its pixels.
    Groups whose longer side is under ``SPECK`` of the picture's are noise; groups
    thinner on average than ``HAIRLINE`` (their area over their length) are scraps of
    printed lines; groups whose cores (``ink``'s ``STROKE_LEVEL`` percentile) are fainter
    than ``MIN_INK`` are not ink (a faint scrap of a line, the shoulder of a shadow).

    Raises
    ------
    NetworkInputError
        When nothing but specks is left: no digit stands out from the paper.
    """
    labels = label(mask, connectivity=2)
    speck = max(3.0, SPECK * max(mask.shape))
    groups = [
        g
        for g in regionprops(labels, intensity_image=ink)
        if max(g.bbox[2] - g.bbox[0], g.bbox[3] - g.bbox[1]) >= speck
        and g.area >= HAIRLINE * max(g.bbox[2] - g.bbox[0], g.bbox[3] - g.bbox[1])
        and np.percentile(g.image_intensity[g.image], STROKE_LEVEL) >= MIN_INK
    ]
    if not groups:
        raise NetworkInputError("no ink found: no digit stands out from the paper")

    height, width = mask.shape
    at_edge = [min(g.bbox[:2]) == 0 or g.bbox[2] == height or g.bbox[3] == width for g in groups]
    weights = [
        g.area * (EDGE_WEIGHT if edge else 1.0) for g, edge in zip(groups, at_edge, strict=True)
    ]
    main = groups[int(np.argmax(weights))]
    top, left, bottom, right = main.bbox
    grow = NEAR * max(bottom - top, right - left)
    kept = np.zeros_like(mask)
    for g in groups:
        g_top, g_left, g_bottom, g_right = g.bbox
        overlaps = (
            g_top < bottom + grow
            and g_bottom > top - grow
            and g_left < right + grow
            and g_right > left - grow
        )
        if g is main or (overlaps and g.area >= PART * main.area):
            kept[labels == g.label] = True
    return kept


def stroke_ratio(ink: np.ndarray) -> float:
    """The stroke's width as a fraction of the digit's longer side.

    The digit is the ink at half strength or more (``ink`` in [0, 1], bright on dark),
    measured on its box resampled to ``MEASURE`` pixels on its long side: enlarged so
    that a pixel is a small part of a stroke, reduced so that measuring stays fast. The
    width is read on the stroke's centre line: twice the distance from the skeleton to
    the paper (the distance transform), less the centre pixel counted twice; the median
    over the skeleton, so crossings and blobs at stroke ends do not sway it.
    """
    strokes = ink >= 0.5
    if not strokes.any():
        return 0.0
    rows, cols = np.flatnonzero(strokes.any(axis=1)), np.flatnonzero(strokes.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    side = max(crop.shape)
    if not MEASURE[0] <= side <= MEASURE[1]:
        scale = min(max(side, MEASURE[0]), MEASURE[1]) / side
        size = (max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale)))
        crop = resize(crop, size, order=1, anti_aliasing=scale < 1)
        side = max(crop.shape)
    shape = np.pad(crop >= 0.5, 1)
    centre = skeletonize(shape)
    if not centre.any():
        return 0.0
    depth = ndimage.distance_transform_edt(shape)
    return max(0.0, 2.0 * float(np.median(depth[centre])) - 1.0) / side


def digit_canvas(ink: np.ndarray, digit: np.ndarray) -> np.ndarray:
    """The digit alone, cropped, its stroke as wide as MNIST's: a clean shape of 0 and 1.

    The ink of the digit's pixels and of a ``HALO`` around them (their soft edges) is
    cropped to the digit's box and resampled so its long side lies within ``CANVAS``;
    it is scaled so its strokes read 1 (the ``STROKE_LEVEL`` percentile of its ink, not
    its maximum, which glare or a speck would set) and cut at half strength into the
    shape the pen drew. That is how MNIST's digits began: black-and-white NIST scans,
    whose grey edges came from shrinking them into the 20-pixel box — as ``mnist_style``
    shrinks this shape, so the pen's uneven pressure and the photo's noise do not reach
    the network. The shape's stroke is measured and thickened (dilation with a disk) or
    thinned (erosion) so that, once the digit fills the box, its stroke is
    ``MNIST_STROKE`` of it: a thin ballpoint would shrink to a faint hairline, a marker
    to a blot. Growing a stroke by ``k`` pixels on each side also grows the box by
    ``2k``, so ``k = (r·S − w) / (2·(1 − r))`` for width ``w``, box side ``S`` and target
    ratio ``r``.
    """
    box = _box(digit)
    around = _box(digit, HALO)
    kept = dilation(digit[around], disk(HALO))
    inner = (
        slice(box[0].start - around[0].start, box[0].stop - around[0].start),
        slice(box[1].start - around[1].start, box[1].stop - around[1].start),
    )
    crop = np.where(kept, ink[around], 0.0)[inner]
    strokes = digit[box]
    side = max(crop.shape)
    target = min(max(side, CANVAS[0]), CANVAS[1])
    if target != side:
        scale = target / side
        size = (max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale)))
        crop = resize(crop, size, order=1, anti_aliasing=scale < 1)
        strokes = resize(strokes.astype(float), size, order=1, anti_aliasing=scale < 1) >= 0.5
    level = float(np.percentile(crop[strokes], STROKE_LEVEL)) if strokes.any() else 0.0
    canvas = np.clip(crop / level, 0.0, 1.0) if level > 0 else crop
    width = stroke_ratio(canvas) * max(canvas.shape)
    grow = round((MNIST_STROKE * max(canvas.shape) - width) / (2 * (1 - MNIST_STROKE)))
    drawn = np.pad(canvas >= 0.5, max(grow, 0) + 2)
    if grow > 0:
        drawn = dilation(drawn, disk(grow, decomposition="sequence"))
    elif grow < 0:
        drawn = erosion(drawn, disk(-grow, decomposition="sequence"))
    return drawn.astype(float)


@dataclass(frozen=True)
class Found:
    """What :func:`find_digit` found in a picture: every pixel's inkness (``ink``,
    bright on dark) and the digit's pixels (``digit``)."""

    ink: np.ndarray
    digit: np.ndarray

    def reads_like(self, plain_ink: np.ndarray) -> bool:
        """Whether the plain reading sees this digit and nothing else, so that nothing
        needs taking away.

        ``plain_ink`` is the ink as ``mnist_style`` sees it (bright, scaled to a maximum
        of 1); it crops the picture to its ink above a tenth. That crop must be the
        digit's box (give or take its faint edge: ``BOX_SLACK`` of its size and 2 px), so
        no shadow, line or speck outside the digit widens it; the digit's strokes must
        be at least half strength there (not a faint photo); and their width within
        MNIST's range (``MNIST_STROKE_RANGE``).
        """
        seen = plain_ink > 0.1
        if not seen.any():
            return False
        digit_box, seen_box = _box(self.digit), _box(seen)
        slack = 2 + BOX_SLACK * max(s.stop - s.start for s in digit_box)
        for mine, theirs in zip(digit_box, seen_box, strict=True):
            if abs(mine.start - theirs.start) > slack or abs(mine.stop - theirs.stop) > slack:
                return False
        if np.median(plain_ink[self.digit]) < 0.5:
            return False
        low, high = MNIST_STROKE_RANGE
        return low <= stroke_ratio(plain_ink) <= high

    def canvas(self) -> np.ndarray:
        """The digit alone, ready for ``mnist_style`` (see :func:`digit_canvas`)."""
        return digit_canvas(self.ink, self.digit)


def _inseparable(digit: np.ndarray, ink: np.ndarray, ruling: Ruling) -> bool:
    """Whether the printed lines cannot be told from the digit: they cross its box, and
    its strokes are neither clearly stronger (at their cores: the ``STROKE_LEVEL``
    percentile of their ink) nor thicker than the lines by more than 2 px — then a
    stroke lying along a line would go with it."""
    box = _box(digit)
    if not ruling.pixels[box].any():
        return False
    if ruling.pen_stands_out(np.percentile(ink[digit], STROKE_LEVEL)):
        return False
    strokes = np.pad(digit[box], 1)
    depth = ndimage.distance_transform_edt(strokes)
    width = 2.0 * float(np.median(depth[skeletonize(strokes)])) - 1.0
    return width <= ruling.thickness + 2


def _box(mask: np.ndarray, margin: int = 0) -> tuple[slice, slice]:
    """The smallest box holding every pixel of ``mask`` (not empty), widened by ``margin``
    on every side as far as the picture goes."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return (
        slice(max(0, rows[0] - margin), rows[-1] + 1 + margin),
        slice(max(0, cols[0] - margin), cols[-1] + 1 + margin),
    )


def find_digit(grey: np.ndarray, colour: np.ndarray | None = None) -> Found:
    """Find the digit in a picture: its paper, its ink, its printed lines, its strokes.

    ``grey`` (``H×W``, 0 black … 1 white) decides which way the ink goes: the paper is
    what most of the picture is, so the ink is dark when the picture's median or its
    border's is light (a page lying on a dark table has a dark border but is light).
    ``colour`` (``H×W×3``, the same picture in colour), when given, is what the ink is
    measured on, so that coloured ink is seen at its full strength.

    Raises
    ------
    NetworkInputError
        When no digit stands out from the paper, or the paper's printed lines cannot be
        told from the digit's strokes (``LINES_REFUSED``).
    """
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    dark_ink = max(float(np.median(border)), float(np.median(grey))) > 0.5
    picture = (grey if colour is None else colour).astype(np.float32)  # half the memory traffic
    ink = inkness(picture, paper(picture, dark_ink), dark_ink)
    mask = ink_mask(ink)
    ruling = paper_lines(mask, ink)
    try:
        digit = digit_mask(mask & ~ruling.pixels, ink)
    except NetworkInputError:
        if ruling.pixels.any():
            raise NetworkInputError(ONLY_LINES) from None
        raise
    if ruling.pixels.any() and _inseparable(digit, ink, ruling):
        raise NetworkInputError(LINES_REFUSED)
    return Found(ink, digit)
