"""``make slides``: the last frame of every step of every chapter, as PNGs, a PDF and a PPTX.

No video is encoded: each scene runs with its animations skipped, jumping from
step to step, and hands over each step's final frame (see ``stills_worker``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import stills_worker
from .catalogue import PROJECT_ROOT, Chapter
from .deck import Slide, write_pdf, write_pptx
from .fingerprint import fingerprint
from .options import ExportOptions
from .parts import Outcome, Task, read_manifest, render_all, write_json
from .quality import Quality

__all__ = ["SlidesResult", "make_slides", "slide_name", "stills_task", "summary"]

INDEX = "slides.json"  # what the last run wrote, so the next one removes exactly that


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


def stills_task(chapter: Chapter, q: Quality, out: Path, digest: str) -> Task:
    parts = out / "parts" / q.folder
    part, staging = parts / chapter.name, parts / f"{chapter.name}.partial"

    def collect() -> dict:
        sections = json.loads((staging / stills_worker.SECTIONS_FILE).read_text(encoding="utf-8"))
        shutil.rmtree(part, ignore_errors=True)
        os.replace(staging, part)
        return {"folder": part.name, "sections": sections}

    def complete(manifest: dict) -> bool:
        sections = manifest.get("sections") or []
        return bool(sections) and all((part / s["file"]).is_file() for s in sections)

    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable, "-m", "scenes.export.stills_worker", str(chapter.path), chapter.scene,
        str(staging), "--quality", q.name, "--media_dir", str(out / "build" / chapter.name),
    ]  # fmt: skip
    return Task(
        chapter=chapter,
        fingerprint=digest,
        parts=parts,
        out=out,
        command=command,
        done_units=lambda since: len(list(staging.glob("*.png"))),
        unit="stills",
        collect=collect,
        is_complete=complete,
    )


def _remove_previous(out: Path) -> None:
    """Delete the slides the last run wrote (listed in its index), and nothing else."""
    index = read_manifest(out / INDEX) or {}
    for name in index.get("files", []):
        if isinstance(name, str) and "/" not in name and name.endswith(".png"):
            (out / name).unlink(missing_ok=True)


def make_slides(chapters: Sequence[Chapter], options: ExportOptions) -> SlidesResult:
    """Stills of every step (only changed chapters re-rendered), then the PDF and PPTX.

    Raises
    ------
    ExportError
        If a chapter fails (the previous slides are left as they were) or the folder
        is not writable.
    """
    config = options.begin()
    q, out = options.quality, options.out
    extra = [Path(stills_worker.__file__)]
    tasks = [
        stills_task(c, q, out, fingerprint(c, "stills", q.folder, config, extra)) for c in chapters
    ]
    print(
        f"Making stills of {len(tasks)} scene(s) at {q.width}×{q.height}:", file=options.messages
    )
    kept = (
        f"the slides in {out} were not updated (the other scenes' stills are kept in "
        f"{out / 'parts' / q.folder} for the next run)"
    )
    outcomes = render_all(tasks, options, PROJECT_ROOT, kept)
    _remove_previous(out)
    slides: list[Slide] = []
    for outcome in outcomes:
        part = out / "parts" / q.folder / outcome.manifest["folder"]
        for section in outcome.manifest["sections"]:
            name = slide_name(len(slides) + 1, outcome.chapter.name, section["section"])
            partial = out / f".{name}.partial"
            shutil.copyfile(part / section["file"], partial)
            os.replace(partial, out / name)
            title = f"{outcome.chapter.title} · {section['section']}"
            slides.append(Slide(out / name, title, section["caption"]))
    pdf, pptx = out / "lecture.pdf", out / "lecture.pptx"
    write_pdf(slides, pdf)
    write_pptx(slides, pptx)
    write_json(out / INDEX, {"files": [s.image.name for s in slides]})
    return SlidesResult(slides, pdf, pptx, outcomes)


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
