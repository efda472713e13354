"""``make slides``: the last frame of every step of every chapter, as PNGs, a PDF and a PPTX.

No video is encoded: each scene runs with its animations skipped, jumping from
step to step, and hands over each step's final frame (see ``stills_worker``).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import stills_worker
from .catalogue import PROJECT_ROOT, Chapter, ExportError, check_titles
from .deck import Slide, write_pdf, write_pptx
from .fingerprint import fingerprint
from .jsonfile import read_json, write_json
from .media import check_image
from .options import ExportOptions
from .parts import Outcome, Task, render_all
from .publish import publish, staged
from .quality import Quality
from .transcript import step_descriptions

__all__ = [
    "INDEX",
    "PDF",
    "PPTX",
    "SlidesResult",
    "make_slides",
    "slide_name",
    "stills_task",
    "summary",
]

INDEX = "slides.json"  # what the last run wrote, so the next one removes exactly that
PDF, PPTX = "lecture.pdf", "lecture.pptx"
SECTION_SHAPE = {"file": str, "section": str, "caption": str}
#: The types of a stills part's manifest fields (see ``parts.MANIFEST_SHAPE``).
STILLS_SHAPE = {"folder": str, "sections": [SECTION_SHAPE]}


@dataclass(frozen=True)
class SlidesResult:
    slides: list[Slide]
    pdf: Path
    pptx: Path
    outcomes: list[Outcome]


def slide_name(number: int, chapter: str, section: str) -> str:
    """``07-layers-forward-pass.png``: sorts in lecture order, says what it shows."""
    slug = re.sub(r"[^a-z0-9]+", "-", section.lower()).strip("-") or "step"
    return f"{number:02d}-{chapter}-{slug}.png"


def _step_key(step_id: str) -> str:
    """``forward-pass`` of ``layers.forward-pass``: the chapter already names the scene."""
    return step_id.partition(".")[2] or step_id


def stills_task(chapter: Chapter, q: Quality, out: Path, digest: str) -> Task:
    parts = out / "parts" / q.folder
    part, unfinished = parts / chapter.name, parts / f"{chapter.name}.partial"

    def collect() -> dict:
        listed = read_json(unfinished / stills_worker.SECTIONS_FILE, [SECTION_SHAPE])
        if listed is None:
            raise ExportError(f"the stills worker wrote no usable step list in {unfinished}")
        if not listed:
            raise ExportError(f"{chapter.scene} has no steps (no self.step calls): no stills")
        for section in listed:
            check_image(unfinished / section["file"])
        shutil.rmtree(part, ignore_errors=True)
        os.replace(unfinished, part)
        return {"folder": part.name, "sections": listed}

    def files(manifest: dict) -> list[str]:
        return [f"{manifest['folder']}/{s['file']}" for s in manifest["sections"]]

    shutil.rmtree(unfinished, ignore_errors=True)
    command = [
        sys.executable, "-m", "scenes.export.stills_worker", str(chapter.path), chapter.scene,
        str(unfinished), "--quality", q.name, "--media_dir", str(out / "build" / chapter.name),
    ]  # fmt: skip
    return Task(
        chapter=chapter,
        fingerprint=digest,
        parts=parts,
        out=out,
        command=command,
        done_units=lambda since: len(list(unfinished.glob("*.png"))),
        unit="stills",
        collect=collect,
        shape=STILLS_SHAPE,
        files=files,
    )


def _previous_stills(out: Path) -> list[str]:
    """The stills the last run published (listed in its index), and nothing else."""
    index = read_json(out / INDEX, {"files": [str]}) or {"files": []}
    return [n for n in index["files"] if "/" not in n and n.endswith(".png")]


def make_slides(chapters: Sequence[Chapter], options: ExportOptions) -> SlidesResult:
    """Stills of every step (only changed chapters re-rendered), then the PDF and PPTX.

    The stills, ``lecture.pdf``, ``lecture.pptx`` and the ``slides.json`` index are
    built in the folder's staging area and replace the previous set together,
    stills of the previous run that this one has not are deleted in the same step
    (``publish``): an error or a signal before that leaves the previous set whole.

    Raises
    ------
    ExportError
        If a chapter fails (the previous slides are left as they were).
    ExportInputError
        If the folder is not writable or another export is using it.
    Interrupted
        On SIGINT or SIGTERM, once the renders have been stopped.
    """
    q, out = options.quality, options.out
    extra = [Path(stills_worker.__file__)]
    check_titles(chapters)  # each has a title in the script, before anything is written
    with options.session() as inputs:
        tasks = [
            stills_task(c, q, out, fingerprint(c, "stills", q.folder, inputs, extra))
            for c in chapters
        ]
        print(
            f"Making stills of {len(tasks)} scene(s) at {q.width}×{q.height}:",
            file=options.messages,
        )
        kept = (
            f"the slides in {out} were not updated (the other scenes' stills are kept in "
            f"{out / 'parts' / q.folder} for the next run)"
        )
        outcomes = render_all(tasks, options, PROJECT_ROOT, kept)
        slides: list[Slide] = []
        descriptions = step_descriptions(chapters, inputs)
        with staged(out) as staging:
            for outcome in outcomes:
                part = out / "parts" / q.folder / outcome.manifest["folder"]
                for section in outcome.manifest["sections"]:
                    step = _step_key(section["section"])
                    name = slide_name(len(slides) + 1, outcome.chapter.name, step)
                    shutil.copyfile(part / section["file"], staging / name)
                    title = f"{outcome.chapter.title} · {step}"
                    notes = speaker_notes(section["caption"], section.get("narration"))
                    described = descriptions.get(section["section"], "")
                    slides.append(
                        Slide(staging / name, title, notes, outcome.chapter.title, described)
                    )
            script = inputs.script
            write_pdf(slides, staging / PDF, script.page("deck", "title"), script.language)
            write_pptx(slides, staging / PPTX)
            stills = [s.image.name for s in slides]
            write_json(staging / INDEX, {"files": stills})
            publish(out, [*stills, PDF, PPTX, INDEX], obsolete=_previous_stills(out))
    published = [dataclasses.replace(s, image=out / s.image.name) for s in slides]
    return SlidesResult(published, out / PDF, out / PPTX, outcomes)


def speaker_notes(headline: str, narration: object) -> str:
    """What the lecturer reads beside a slide: the headline, then what to say."""
    if isinstance(narration, str) and narration.strip():
        return f"{headline}\n\n{narration}"
    return headline


def summary(result: SlidesResult, wall: float) -> str:
    pngs = sum(s.image.stat().st_size for s in result.slides) / 1e6
    folder = result.pdf.parent
    return "\n".join(
        [
            "",
            f"Slides: {len(result.slides)} PNGs in {folder} ({pngs:.1f} MB)",
            f"PDF:    {result.pdf}  ({result.pdf.stat().st_size / 1e6:.1f} MB)",
            f"PPTX:   {result.pptx}  ({result.pptx.stat().st_size / 1e6:.1f} MB, notes)",
            f"Wall time: {wall:.1f} s",
        ]
    )
