"""``make script``: the narration as a document to read aloud while recording.

Every scene is run without drawing a frame, so each step's words come out with
this configuration's real values filled in (the digit, the network…). The result
is ``script.md`` and ``script.pdf`` in ``media/script/``: for every step, its id,
the file name to record for ``narration = recordings``, the headline and the
narration. With ``narration = recordings`` it also says, on the console, which steps
have no recording yet and which files of the folder match no step.

Every word the document says itself (its title, the opening paragraph, the label of
each step's file, the closing count) is the script's, ``[pages.script]``, so a German
script makes a German document; the PDF says its language (``/Lang``), the script's.

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

from scenes.narration.languages import language
from scenes.narration.recordings import (
    RecordingError,
    fallback_warning,
    find_recording,
    missing_recording,
    unmatched_recordings,
    unmatched_warning,
)
from scenes.narration.script import Script, ScriptError, Words

from .whole import whole

__all__ = [
    "PAGE",
    "ScriptEntry",
    "check_words",
    "collect_steps",
    "main",
    "markdown",
    "recording_notes",
    "write_pdf",
]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # fonts-dejavu-core (make setup)
#: The script's table of this document's own words: ``[pages.script]``.
PAGE = "script"


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


def check_words(script: Script) -> None:
    """Every text of ``[pages.script]`` there and fillable, before any scene runs.

    Raises
    ------
    ScriptError
        Naming the file, the table and the text missing or that cannot be filled.
    """
    _page(script, "title")
    _page(script, "intro", source="x")
    _page(script, "step", step="x", file="x")
    _page(script, "total", steps=1, words=1)


def _page(script: Script, key: str, **values: object) -> str:
    """A text of ``[pages.script]`` filled with ``values``, on one line."""
    return " ".join(script.page(PAGE, key, **values).split())


def _words_total(steps: Sequence[ScriptEntry]) -> int:
    return sum(len(step.words.narration.split()) for step in steps)


def markdown(steps: Sequence[ScriptEntry], script: Script) -> str:
    """The script as Markdown: a heading per chapter, a block per step."""
    lines = [f"# {_page(script, 'title')}", "", _page(script, "intro", source=f"`{script.path}`")]
    chapter = None
    for number, step in enumerate(steps, start=1):
        if step.chapter != chapter:
            chapter = step.chapter
            lines += ["", f"## {chapter}"]
        label = _page(script, "step", step=f"`{step.words.step_id}`", file=f"`{step.recording}`")
        lines += [
            "",
            f"### {number}. {label}",
            "",
            f"**{step.words.headline}**",
            "",
            step.words.narration,
        ]
    total = _page(script, "total", steps=len(steps), words=_words_total(steps))
    lines += ["", f"*{total}*", ""]
    return "\n".join(lines)


def write_pdf(steps: Sequence[ScriptEntry], target: Path, script: Script) -> None:
    """The same script as a PDF, in a font that has every character the words use, in
    the script's language."""
    from fpdf import FPDF
    from fpdf.bidi import auto_detect_base_direction
    from fpdf.enums import Align, TextDirection

    def paragraph(height: float, text: str) -> None:
        """``text`` as a paragraph, flush right if it reads right to left."""
        rtl = auto_detect_base_direction(text) == TextDirection.RTL
        align = Align.R if rtl else Align.L
        pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")

    title = _page(script, "title")
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang(language(script.language).tag)  # the catalogue's /Lang: "de", "pt-BR"
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # right-to-left words in their order, Arabic joined
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    paragraph(9, title)
    chapter = None
    for number, step in enumerate(steps, start=1):
        if step.chapter != chapter:
            chapter = step.chapter
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 14)
            paragraph(8, chapter)
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_text_color(90, 90, 90)
        label = _page(script, "step", step=step.words.step_id, file=step.recording)
        paragraph(5, f"{number}. {label}")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "B", 11)
        paragraph(6, step.words.headline)
        pdf.set_font("DejaVu", "", 11)
        paragraph(6, step.words.narration)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 9)
    paragraph(5, _page(script, "total", steps=len(steps), words=_words_total(steps)))
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
        check_words(inputs.script)  # the document's own words: before any scene runs
    except (ConfigError, ScriptError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = inputs.config
    steps = collect_steps()
    args.out.mkdir(parents=True, exist_ok=True)
    md = args.out / "script.md"
    with whole(md) as partial:
        partial.write_text(markdown(steps, inputs.script), encoding="utf-8")
    write_pdf(steps, args.out / "script.pdf", inputs.script)
    words = _words_total(steps)
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
