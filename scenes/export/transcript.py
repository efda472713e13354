"""The lecture as text, for those who cannot watch or hear it: ``transcript.html``,
``transcript.pdf`` and the descriptions track ``lecture.descriptions.vtt``.

Per chapter and step: the headline, what the picture shows (the step's description,
``lecture.descriptions``) and the narration as said. The page is also a player: the
lecture's video with its captions and its descriptions as WebVTT tracks. The PDF is
that page printed by headless Chromium, which writes a tagged PDF (headings,
paragraphs and reading order in its structure tree, the document's language, an
outline of the chapters): what a screen reader needs, without a PDF library that
can only draw.
"""

from __future__ import annotations

import html
import importlib.util
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import webvtt

from lecture.descriptions import describe
from lecture.inputs import Inputs
from scenes.narration.script import Script

from .catalogue import Chapter, ExportError
from .whole import whole

__all__ = [
    "DESCRIPTIONS",
    "TRANSCRIPT",
    "TRANSCRIPT_PDF",
    "TranscriptChapter",
    "TranscriptStep",
    "step_descriptions",
    "transcript_chapters",
    "write_descriptions",
    "write_lecture_text",
    "write_transcript",
    "write_transcript_pdf",
]

TRANSCRIPT, TRANSCRIPT_PDF = "transcript.html", "transcript.pdf"
DESCRIPTIONS = "lecture.descriptions.vtt"
#: Debian's chromium (make setup installs it): prints the page as a tagged PDF.
CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class TranscriptStep:
    step_id: str
    headline: str
    narration: str | None  # None with narration off
    description: str | None  # None when the script describes no such picture
    start: float  # seconds into the lecture
    end: float


@dataclass(frozen=True)
class TranscriptChapter:
    title: str
    start: float
    steps: tuple[TranscriptStep, ...]


def step_descriptions(chapters: Sequence[Chapter], inputs: Inputs) -> dict[str, str]:
    """Each step's description by step id, for the chapters that are the lecture's own
    (a chapter with no plan in ``lecture.chapters``, a test's fixture, has none)."""
    found: dict[str, str] = {}
    for chapter in chapters:
        if importlib.util.find_spec(f"lecture.chapters.{chapter.name}") is None:
            continue
        for step in describe(chapter.name, inputs):
            if step.description:
                found[step.step_id] = step.description
    return found


def transcript_chapters(
    titles: Sequence[str],
    manifests: Sequence[Mapping[str, Any]],
    starts: Sequence[float],
    descriptions: Mapping[str, str],
) -> list[TranscriptChapter]:
    """The chapters of a joined lecture as text: each part's manifest steps (their
    headline, narration, start and length), placed at the chapter's ``starts``."""
    chapters = []
    for title, manifest, offset in zip(titles, manifests, starts, strict=True):
        steps = tuple(
            TranscriptStep(
                step["section"],
                step["headline"],
                step.get("narration"),
                descriptions.get(step["section"]),
                offset + step["start"],
                offset + step["start"] + step["duration"],
            )
            for step in manifest["steps"]
        )
        chapters.append(TranscriptChapter(title, offset, steps))
    return chapters


def write_lecture_text(
    chapters: Sequence[TranscriptChapter],
    script: Script,
    folder: Path,
    video: str,
    captions: str | None,
) -> list[str]:
    """The transcript page, its PDF and the descriptions track, written in ``folder``
    beside ``video``; returns the names written."""
    write_descriptions(chapters, folder / DESCRIPTIONS)
    write_transcript(chapters, script, folder / TRANSCRIPT, video=video, captions=captions)
    write_transcript_pdf(folder / TRANSCRIPT, folder / TRANSCRIPT_PDF)
    return [TRANSCRIPT, TRANSCRIPT_PDF, DESCRIPTIONS]


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def _vtt_time(seconds: float) -> str:
    stamp = timedelta(seconds=round(max(seconds, 0.0), 3))
    hours, rest = divmod(stamp.total_seconds(), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def write_descriptions(chapters: Sequence[TranscriptChapter], target: Path) -> int:
    """A WebVTT track of ``kind="descriptions"``: each step's description (its headline
    where it has none) for as long as its picture is shown. Returns the cue count."""
    track = webvtt.WebVTT()
    for chapter in chapters:
        for step in chapter.steps:
            if step.end > step.start:
                text = step.description or step.headline
                track.captions.append(
                    webvtt.Caption(_vtt_time(step.start), _vtt_time(step.end), text)
                )
    with whole(target) as partial:
        partial.write_text(track.content, encoding="utf-8")
    return len(track.captions)


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 18px/1.55 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  max-width: 46rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ font-size: 2rem; line-height: 1.2; }}
h2 {{ font-size: 1.5rem; margin-top: 2.5rem; border-top: 1px solid #767676; padding-top: 1rem; }}
h3 {{ font-size: 1.15rem; margin: 1.6rem 0 .4rem; }}
.time {{ font-weight: normal; color: #4a4a4a; font-size: .9em; }}
.picture {{ border-left: 4px solid #1c5fa8; padding-left: .8rem; color: #2b2b2b; }}
.picture b {{ color: #1b1b1b; }}
video {{ width: 100%; background: #000; }}
a {{ color: #1c5fa8; }}
a:focus, video:focus {{ outline: 3px solid #1c5fa8; outline-offset: 2px; }}
@media print {{ .player, nav {{ display: none; }} body {{ max-width: none; padding: 0; }}
  h2 {{ border: none; }} .chapter + .chapter {{ break-before: page; }}
  h3, .picture {{ break-after: avoid; }} }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
</header>
<main>
{player}<nav aria-labelledby="contents"><h2 id="contents">{contents}</h2>
<ol>
{toc}
</ol>
</nav>
{chapters}
</main>
</body>
</html>
"""


def _player(script: Script, video: str | None, captions: str | None) -> str:
    if video is None:
        return ""
    e, page = html.escape, "transcript"
    lang = e(script.language)
    tracks = "".join(
        f'\n  <track kind="{kind}" src="{e(src)}" srclang="{lang}" label="{e(label)}"{extra}>'
        for kind, src, label, extra in (
            ("captions", captions, script.page(page, "captions"), " default"),
            ("descriptions", DESCRIPTIONS, script.page(page, "descriptions"), ""),
        )
        if src
    )
    return (
        f'<section class="player" aria-label="{e(script.page(page, "player"))}">\n'
        f'<video controls preload="metadata" src="{e(video)}">{tracks}\n</video>\n'
        "</section>\n"
    )


def _chapter_html(number: int, chapter: TranscriptChapter, script: Script) -> str:
    e = html.escape
    picture = e(script.page("transcript", "picture"))
    parts = [
        f'<section class="chapter" aria-labelledby="chapter-{number}">\n'
        f'<h2 id="chapter-{number}">{e(chapter.title)} '
        f'<span class="time">({_clock(chapter.start)})</span></h2>'
    ]
    for step in chapter.steps:
        parts.append(f"<h3>{e(step.headline)}</h3>")
        if step.description:
            parts.append(f'<p class="picture"><b>{picture}</b> {e(step.description)}</p>')
        if step.narration:
            parts.append(f"<p>{e(step.narration)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def write_transcript(
    chapters: Sequence[TranscriptChapter],
    script: Script,
    target: Path,
    video: str | None = None,
    captions: str | None = None,
) -> None:
    """The transcript page: chapters as headings, each step's headline, description
    and narration; with ``video`` (a file beside it), a player with its ``captions``
    and the descriptions track."""
    e = html.escape
    toc = "\n".join(
        f'<li><a href="#chapter-{n}">{e(c.title)}</a> <span class="time">'
        f"({_clock(c.start)})</span></li>"
        for n, c in enumerate(chapters, 1)
    )
    page = _PAGE.format(
        lang=e(script.language),
        title=e(script.page("transcript", "title")),
        contents=e(script.page("transcript", "contents")),
        player=_player(script, video, captions),
        toc=toc,
        chapters="\n".join(_chapter_html(n, c, script) for n, c in enumerate(chapters, 1)),
    )
    with whole(target) as partial:
        partial.write_text(page, encoding="utf-8")


def write_transcript_pdf(page: Path, target: Path, timeout: float = 120) -> None:
    """``page`` printed as a tagged PDF by headless Chromium (its outline from the
    headings, its language from ``<html lang>``).

    Raises
    ------
    ExportError
        When Chromium is missing or cannot print the page.
    """
    if not CHROMIUM.is_file():
        raise ExportError(
            f"{CHROMIUM} is needed to write {target.name} (a tagged PDF); make setup installs it"
        )
    with tempfile.TemporaryDirectory(prefix="transcript-") as profile, whole(target) as partial:
        command = [
            str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            f"--user-data-dir={profile}", "--no-pdf-header-footer",
            "--generate-pdf-document-outline", f"--print-to-pdf={partial}",
            page.resolve().as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ExportError(f"Chromium did not print {page} within {timeout:.0f} s") from None
        if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
            tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise ExportError(f"Chromium could not print {page} as a PDF ({tail[0]})")
