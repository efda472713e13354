"""The slides as documents: a PDF with one page per still, a PPTX with speaker notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from .pptx_media import media_stored
from .whole import whole

__all__ = ["Slide", "write_pdf", "write_pptx"]

SLIDE_DPI = 144.0  # a 1920×1080 still makes a 13.33 × 7.5 in (16:9) page


@dataclass(frozen=True)
class Slide:
    image: Path
    title: str  # "Neurons and layers · forward pass"
    notes: str  # the step's headline, then its narration: the speaker's notes


def write_pdf(slides: Sequence[Slide], target: Path) -> None:
    """One page per still, full page, at the still's own resolution."""
    images = [Image.open(s.image) for s in slides]
    try:
        pages = [im.convert("RGB") if im.mode != "RGB" else im for im in images]
        with whole(target) as partial:
            pages[0].save(
                partial, "PDF", save_all=True, append_images=pages[1:], resolution=SLIDE_DPI,
                quality=92, title="What is a neural network?",
            )  # fmt: skip
    finally:
        for im in images:
            im.close()


def write_pptx(slides: Sequence[Slide], target: Path) -> None:
    """One full-bleed picture per slide, its caption in the speaker notes."""
    with Image.open(slides[0].image) as first:
        width, height = first.size
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(width / SLIDE_DPI), Inches(height / SLIDE_DPI)
    blank = deck.slide_layouts[6]
    for slide in slides:
        page = deck.slides.add_slide(blank)
        picture = page.shapes.add_picture(
            str(slide.image), 0, 0, deck.slide_width, deck.slide_height
        )
        picture.name = slide.title
        picture._element.nvPicPr.cNvPr.set("descr", slide.notes)  # alt text for screen readers
        page.notes_slide.notes_text_frame.text = slide.notes
    with whole(target) as partial, media_stored():
        deck.save(str(partial))
