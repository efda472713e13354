"""The one place colours live. Scenes ask the palette; they never name a colour.

``classic`` draws positive weights green and negative red; ``colorblind`` uses
blue and orange, which stay distinct for the common red-green deficiencies. The words
name a colour in the script's language: the palette gives its key in the script's
``[words.colours]`` (``lecture.choices.colour_words``), not a word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from manim import ManimColor

__all__ = ["PALETTES", "Palette", "get_palette"]


@dataclass(frozen=True)
class Palette:
    name: str
    background: ManimColor
    positive: ManimColor
    negative: ManimColor
    neuron_fill: ManimColor
    neuron_stroke: ManimColor
    text: ManimColor
    muted: ManimColor
    highlight: ManimColor
    grid_line: ManimColor
    wrong: ManimColor
    right: ManimColor
    pieces: tuple[ManimColor, ...]  # one colour per part of a digit (loop, line, …)
    #: The positive and negative colours' names: their keys in ``[words.colours]``.
    positive_key: str
    negative_key: str

    def signed_color(self, value: float) -> ManimColor:
        """Colour by sign: the palette's positive or negative colour."""
        return self.positive if value >= 0 else self.negative

    def weight_rgb(self, weights: np.ndarray, scale: float | None = None) -> np.ndarray:
        """RGB in [0, 1] per weight: hue by sign, brightness ∝ |w| / scale, on black."""
        weights = np.asarray(weights, dtype=float)
        scale = float(np.max(np.abs(weights))) if scale is None else scale
        strength = np.clip(np.abs(weights) / scale, 0.0, 1.0) if scale > 0 else weights * 0
        pos = np.array(self.positive.to_rgb())
        neg = np.array(self.negative.to_rgb())
        hue = np.where((weights >= 0)[..., None], pos, neg)
        return hue * strength[..., None]


#: The classic palette: green for positive weights, red for negative ones.
CLASSIC = Palette(
    name="classic",
    background=ManimColor("#0B0E14"),
    positive=ManimColor("#3FB950"),
    negative=ManimColor("#F85149"),
    neuron_fill=ManimColor("#FFFFFF"),
    neuron_stroke=ManimColor("#C9D1D9"),
    text=ManimColor("#E6EDF3"),
    muted=ManimColor("#7D8590"),
    highlight=ManimColor("#F2CC60"),
    grid_line=ManimColor("#1F2630"),
    wrong=ManimColor("#F85149"),
    right=ManimColor("#3FB950"),
    # Okabe–Ito yellow, reddish purple, sky blue: distinct for every viewer.
    pieces=(ManimColor("#F0E442"), ManimColor("#CC79A7"), ManimColor("#56B4E9")),
    positive_key="green",
    negative_key="red",
)

PALETTES: dict[str, Palette] = {
    "classic": CLASSIC,
    # Blue/orange from the Okabe–Ito set, safe for red–green colour blindness; the rest
    # as the classic palette.
    "colorblind": replace(
        CLASSIC,
        name="colorblind",
        positive=ManimColor("#56B4E9"),
        negative=ManimColor("#E69F00"),
        wrong=ManimColor("#E69F00"),
        right=ManimColor("#56B4E9"),
        positive_key="blue",
        negative_key="orange",
    ),
}


def get_palette(name: str) -> Palette:
    """The palette called ``name`` (``[lecture] palette``)."""
    try:
        return PALETTES[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}; expected one of {sorted(PALETTES)}") from None
