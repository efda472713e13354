"""The scene kit: everything more than one scene draws lives here."""

from __future__ import annotations

from lecture.choices import DRAWN_PIXELS, drawn_pixel_cells
from lecture.inputs import Digit, Inputs, load_inputs
from lecture.palette import PALETTES, Palette, get_palette
from scenes.kit.diagram import NetworkDiagram, edge_style
from scenes.kit.grids import PixelGrid, WeightGrid

__all__ = [
    "DRAWN_PIXELS",
    "PALETTES",
    "Digit",
    "Inputs",
    "NetworkDiagram",
    "Palette",
    "PixelGrid",
    "WeightGrid",
    "drawn_pixel_cells",
    "edge_style",
    "get_palette",
    "load_inputs",
]
