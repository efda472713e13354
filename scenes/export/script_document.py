"""``make script``: the narration as a document to read aloud while recording.

Every scene is run without drawing a frame, so each step's words come out with
this configuration's real values filled in (the digit, the network…). The result
is ``script.md`` and ``script.pdf`` in ``media/script/``: for every step, its id,
the file name to record for ``narration = recordings``, the headline and the
narration.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.narration.script import Words

from .whole import whole

__all__ = ["ScriptEntry", "collect_steps", "main", "markdown", "write_pdf"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # fonts-dejavu-core (make setup)


@dataclass(frozen=True)
class ScriptEntry:
    chapter: str  # the chapter's title
    words: Words

    @property
    def recording(self) -> str:
        return f"{self.words.step_id}.wav"


def collect_steps(chapters: Sequence | None = None) -> list[ScriptEntry]:
    """Every step of every chapter, its words filled as the lecture would say them."""
    from manim import tempconfig

    from .catalogue import CHAPTERS
    from .stills_worker import scene_class

    steps: list[ScriptEntry] = []
    for chapter in chapters or CHAPTERS:
        cls = scene_class(chapter.path, chapter.scene)

        def record(words: Words, _scene: object, title: str = chapter.title) -> None:
            steps.append(ScriptEntry(title, words))

        options = {"dry_run": True, "quality": "low_quality", "disable_caching": True,
                   "verbosity": "WARNING", "progress_bar": "none"}  # fmt: skip
        with tempconfig(options):
            cls(skip_animations=True, step_recorder=record).render()
    return steps


def markdown(steps: Sequence[ScriptEntry], source: Path) -> str:
    """The script as Markdown: a heading per chapter, a block per step."""
    lines = [
        "# What is a neural network? — narration script",
        "",
        f"Words from `{source}`, filled with this configuration's real values. To narrate "
        "the lecture yourself, record each step into the file named below (WAV, FLAC, MP3, "
        "OGG or M4A; any of those suffixes), put the files in one folder and set "
        "`narration = recordings` and `recordings = <folder>` in `manim.cfg`.",
    ]
    chapter = None
    words_total = 0
    for number, step in enumerate(steps, start=1):
        if step.chapter != chapter:
            chapter = step.chapter
            lines += ["", f"## {chapter}"]
        words_total += len(step.words.narration.split())
        lines += [
            "",
            f"### {number}. `{step.words.step_id}` → record `{step.recording}`",
            "",
            f"**{step.words.headline}**",
            "",
            step.words.narration,
        ]
    lines += ["", f"*{len(steps)} steps, {words_total} words of narration.*", ""]
    return "\n".join(lines)


def write_pdf(steps: Sequence[ScriptEntry], target: Path) -> None:
    """The same script as a PDF, in a font that has every character the words use."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title("What is a neural network? Narration script")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(
        0, 9, "What is a neural network? Narration script", new_x="LMARGIN", new_y="NEXT"
    )
    chapter = None
    for number, step in enumerate(steps, start=1):
        if step.chapter != chapter:
            chapter = step.chapter
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 14)
            pdf.multi_cell(0, 8, chapter, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(
            0,
            5,
            f"{number}. {step.words.step_id}   record: {step.recording}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, step.words.headline, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, step.words.narration, new_x="LMARGIN", new_y="NEXT")
    with whole(target) as partial:
        pdf.output(str(partial))


def main(argv: list[str] | None = None) -> int:
    from scenes.config import ConfigError, load_config

    from .catalogue import PROJECT_ROOT

    parser = argparse.ArgumentParser(
        prog="python -m scenes.export.script_document", description=__doc__
    )
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "media" / "script")
    args = parser.parse_args(argv)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2 subsetting chatter
    from lecture.inputs import load_inputs

    try:
        config = load_inputs(load_config()).config  # a file it cannot use stops here
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    steps = collect_steps()
    args.out.mkdir(parents=True, exist_ok=True)
    md = args.out / "script.md"
    with whole(md) as partial:
        partial.write_text(markdown(steps, config.script), encoding="utf-8")
    write_pdf(steps, args.out / "script.pdf")
    words = sum(len(s.words.narration.split()) for s in steps)
    print(f"{len(steps)} steps, {words} words: {md} and {args.out / 'script.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
