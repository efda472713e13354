"""The slides as documents: a PDF with one page per still, a PPTX with speaker notes.

Both carry each still's text alternative, the step's description of its picture: the
PDF as a tagged figure (with the document's language and an outline of the chapters),
the PPTX as the picture's alt text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from .pptx_media import media_stored
from .whole import whole

__all__ = ["Slide", "write_pdf", "write_pptx"]

SLIDE_DPI = 144.0  # a 1920×1080 still makes a 13.33 × 7.5 in (16:9) page


#: JPEG quality of a page's picture (the stills are PNG; a page embeds a JPEG of it).
PDF_QUALITY = 92
_POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Slide:
    image: Path
    title: str  # "Neurons and layers · forward pass"
    notes: str  # the step's headline, then its narration: the speaker's notes
    chapter: str = ""  # the chapter's title: the PDF's outline
    description: str = ""  # what the still shows, in words: its text alternative

    @property
    def alternative(self) -> str:
        """The still's text alternative: its description, else its speaker notes."""
        return self.description or self.notes


def write_pdf(slides: Sequence[Slide], target: Path, title: str = "", language: str = "") -> None:
    """One page per still, full page, at the still's own resolution: each picture a
    tagged figure with its text alternative, an outline entry per chapter, the
    document's ``title`` and ``language`` set."""
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_creator("make slides")
    if title:
        pdf.set_title(title)
    if language:
        pdf.set_lang(language)
    chapter = None
    for slide in slides:
        with Image.open(slide.image) as image:
            width, height = (n / SLIDE_DPI * _POINTS_PER_INCH for n in image.size)
            jpeg = io.BytesIO()
            image.convert("RGB").save(jpeg, "JPEG", quality=PDF_QUALITY)
        pdf.add_page(format=(width, height))
        if slide.chapter and slide.chapter != chapter:
            chapter = slide.chapter
            pdf.start_section(chapter)
        pdf.image(jpeg, x=0, y=0, w=width, h=height, alt_text=slide.alternative)
    with whole(target) as partial:
        pdf.output(str(partial))


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
        picture._element.nvPicPr.cNvPr.set("descr", slide.alternative)  # for screen readers
        page.notes_slide.notes_text_frame.text = slide.notes
    with whole(target) as partial, media_stored():
        deck.save(str(partial))
