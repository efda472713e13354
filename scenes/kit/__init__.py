"""The scene kit: everything more than one scene draws lives here."""

from __future__ import annotations

from scenes.kit.diagram import DRAWN_PIXELS, NetworkDiagram, drawn_pixel_cells, edge_style
from scenes.kit.grids import PixelGrid, WeightGrid
from scenes.kit.lecture import Digit, Lecture, load_lecture
from scenes.kit.palette import PALETTES, Palette, get_palette

__all__ = [
    "DRAWN_PIXELS",
    "PALETTES",
    "Digit",
    "Lecture",
    "NetworkDiagram",
    "Palette",
    "PixelGrid",
    "WeightGrid",
    "drawn_pixel_cells",
    "edge_style",
    "get_palette",
    "load_lecture",
]
