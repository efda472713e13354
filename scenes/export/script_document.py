"""``make script``: the narration as a document to read aloud while recording.

Every scene is run without drawing a frame, so each step's words come out with
this configuration's real values filled in (the digit, the network…). The result
is ``script.md`` and ``script.pdf`` in ``media/script/``: for every step, its id,
the file name to record for ``narration = recordings``, the headline and the
narration. With ``narration = recordings`` it also says, on the console, which steps
have no recording yet and which files of the folder match no step.

The PDF is laid out with text shaping (HarfBuzz, through fpdf2 and ``uharfbuzz``):
without it, right-to-left words (a Hebrew or Arabic translation) come out with their
letters in reverse order and Arabic unjoined; with it, each paragraph is ordered by
the Unicode bidirectional algorithm, and a right-to-left one is set flush right.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.narration.recordings import (
    RecordingError,
    fallback_warning,
    find_recording,
    missing_recording,
    unmatched_recordings,
    unmatched_warning,
)
from scenes.narration.script import Script, Words

from .whole import whole

__all__ = ["ScriptEntry", "collect_steps", "main", "markdown", "recording_notes", "write_pdf"]

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
    from fpdf.bidi import auto_detect_base_direction
    from fpdf.enums import Align, TextDirection

    def paragraph(height: float, text: str) -> None:
        """``text`` as a paragraph, flush right if it reads right to left."""
        rtl = auto_detect_base_direction(text) == TextDirection.RTL
        align = Align.R if rtl else Align.L
        pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")

    pdf = FPDF(format="A4")
    pdf.set_title("What is a neural network? Narration script")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # right-to-left words in their order, Arabic joined
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
        paragraph(6, step.words.headline)
        pdf.set_font("DejaVu", "", 11)
        paragraph(6, step.words.narration)
    with whole(target) as partial:
        pdf.output(str(partial))


def recording_notes(
    steps: Sequence[ScriptEntry], folder: Path, fallback: str, script: Script
) -> list[str]:
    """For a lecturer recording into ``folder``: the steps that have no recording yet (the
    synthetic voice speaks them, or with ``fallback = "error"`` a render stops at them)
    and each file whose name matches no step, with the step it resembles."""
    ids = [step.words.step_id for step in steps]
    lines, missing = [], []
    for step_id in ids:
        try:
            if find_recording(folder, step_id) is None:
                missing.append(step_id)
        except RecordingError as exc:  # two files for one step: a render would refuse
            lines.append(f"warning: {exc}")
    if missing and fallback == "error":
        lines.insert(0, f"warning: {missing_recording(folder, missing, ids)}")
    elif missing:
        lines.insert(0, fallback_warning(folder, missing))
    for path, closest in unmatched_recordings(folder, script.has_step, [*script.step_ids(), *ids]):
        lines.append(unmatched_warning(path, closest))
    return lines


def main(argv: list[str] | None = None) -> int:
    from scenes.config import ConfigError, load_config

    from .catalogue import PROJECT_ROOT

    parser = argparse.ArgumentParser(
        prog="python -m scenes.export.script_document", description=__doc__
    )
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "media" / "script")
    args = parser.parse_args(argv)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2 subsetting chatter
    try:
        config = load_config()  # before Manim is imported: it reads manim.cfg as it loads
        from lecture.inputs import load_inputs

        inputs = load_inputs(config)  # a file it cannot use stops here
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = inputs.config
    steps = collect_steps()
    args.out.mkdir(parents=True, exist_ok=True)
    md = args.out / "script.md"
    with whole(md) as partial:
        partial.write_text(markdown(steps, config.script), encoding="utf-8")
    write_pdf(steps, args.out / "script.pdf")
    words = sum(len(s.words.narration.split()) for s in steps)
    print(f"{len(steps)} steps, {words} words: {md} and {args.out / 'script.pdf'}")
    if config.narration == "recordings":
        notes = recording_notes(
            steps, config.recordings, config.recordings_fallback, inputs.script
        )
        for line in notes:
            print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
