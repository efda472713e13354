"""``make present``: the lecture as slides that play, in a browser (reveal.js) and in PowerPoint.

Every step is a slide: advancing plays the step's clip and holds its last frame;
going back shows the previous step's end state. Nothing is rendered a second
time: the clips are the sections ``make lecture`` saves with each chapter's part
(``--save_sections``), its words come from the same render (``video_worker``), and
the parts are checked (size and SHA-256) before reuse like everywhere else; a part
that is missing or stale is rendered into the lecture's folder as ``make lecture``
would.

Made in ``media/present/``, all in one flat folder that works offline when copied:

- ``lecture.html``: in class. PageDown/PageUp (clickers), arrows, F full screen,
  S reveal's speaker view with each step's headline and narration as notes.
- ``self-running.html``: every slide plays with its narration and moves on by itself.
- ``lecture.pptx``: one slide per step playing its clip (its last frame as poster),
  the headline and narration as speaker notes.
- ``draw.html`` (and its ``draw*`` files): the live page, where anyone draws a digit and
  the lecture's network reads it (``draw_page``); ``lecture.html`` links to it from a
  slide after the forward pass and one at the end.
- per step ``NN-<scene>-<step>.mp4`` (silent clip), ``.png`` (its last frame) and,
  when narrated, ``.m4a`` (its narration); ``reveal.js``, ``reveal.css``, ``notes.js``
  (reveal.js from ``node_modules``, installed by ``make setup``); ``present.json``.
"""

from __future__ import annotations

import html
import json
import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import av
import numpy as np
from pptx import Presentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Emu

from .catalogue import PROJECT_ROOT, Chapter, ExportError, ExportInputError
from .draw_page import PAGE, DrawPage
from .jsonfile import read_json, write_json
from .lecture import recording_notes, video_tasks
from .options import ExportOptions
from .outputs import link_or_copy
from .parts import Outcome, render_all
from .pptx_media import media_stored
from .publish import publish, staged
from .slides import slide_name, speaker_notes
from .soundtrack import add_audio_stream, write_audio
from .whole import whole

__all__ = [
    "HTML",
    "INDEX",
    "PPTX",
    "REVEAL",
    "SELF_RUNNING",
    "PresentResult",
    "Step",
    "make_present",
    "summary",
]

HTML, SELF_RUNNING, PPTX = "lecture.html", "self-running.html", "lecture.pptx"
INDEX = "present.json"
REVEAL = PROJECT_ROOT / "node_modules" / "reveal.js"
#: reveal.js files copied beside the HTML: (source in the package, name beside the HTML).
REVEAL_FILES = (
    ("dist/reveal.js", "reveal.js"),
    ("dist/reveal.css", "reveal.css"),
    ("plugin/notes/notes.js", "notes.js"),
)
CACHE = "cache"  # posters and narration already cut, by the SHA-256 of what they came from
SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13.33 × 7.5 in, 16:9
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@dataclass(frozen=True)
class Step:
    """One slide: a step's clip, its last frame, its narration and its words."""

    name: str  # NN-scene-step, the stem of its files
    title: str
    headline: str
    narration: str | None
    duration: float
    audio: bool

    @property
    def notes(self) -> str:
        return speaker_notes(self.headline, self.narration)


@dataclass(frozen=True)
class PresentResult:
    steps: list[Step]
    html: Path
    self_running: Path
    pptx: Path
    outcomes: list[Outcome]
    #: Warnings about the lecturer's recordings (``lecture.recording_notes``).
    recordings: list[str] = field(default_factory=list)


def reveal_version(root: Path | None = None) -> str:
    """The installed reveal.js version.

    Raises
    ------
    ExportInputError
        If reveal.js is not installed (``make setup`` runs ``npm ci``).
    """
    root = root or REVEAL
    missing = [src for src, _ in REVEAL_FILES if not (root / src).is_file()]
    info = read_json(root / "package.json", {"version": str})
    if missing or info is None:
        raise ExportInputError(
            f"reveal.js is not installed in {root} (missing "
            f"{', '.join(missing) or 'package.json'}); run make setup (npm ci)"
        )
    return info["version"]


def _cached(cache: Path, name: str, make: Callable[[Path], None]) -> Path:
    """``cache/name``, made by ``make(partial_path)`` unless it is there already."""
    target = cache / name
    if not target.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f".{name}.partial"
        try:
            make(partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def _last_frame(clip: Path, target: Path) -> None:
    """Save the clip's last frame as a PNG (decoding from the last key frame only)."""
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            container.seek(int(stream.duration), stream=stream, backward=True, any_frame=False)
        frames = deque(container.decode(stream), maxlen=1)
    if not frames:
        raise ExportError(f"{clip}: no frame to make a poster of")
    frames[0].to_image().save(target, format="PNG")


def _write_m4a(samples: np.ndarray, target: Path) -> None:
    with av.open(str(target), "w", format="mp4") as container:
        add_audio_stream(container)
        write_audio(container, samples)


def _steps(outcomes: Sequence[Outcome], parts: Path, cache: Path, staging: Path) -> list[Step]:
    """Stage each step's clip, poster and narration; return the slides in lecture order."""
    from scenes.narration.audio import SAMPLE_RATE, decoded

    steps: list[Step] = []
    for outcome in outcomes:
        manifest = outcome.manifest
        records = {r["name"]: r["sha256"] for r in manifest["files"]}
        video = parts / manifest["video"]
        sound: np.ndarray | None = None
        for step in manifest["steps"]:
            key = step["section"].partition(".")[2] or step["section"]
            name = slide_name(len(steps) + 1, outcome.chapter.name, key).removesuffix(".png")
            clip_name = f"{manifest['steps_folder']}/{step['clip']}"
            clip = parts / clip_name
            link_or_copy(clip, staging / f"{name}.mp4")
            poster = _cached(cache, f"{records[clip_name]}.png", partial(_last_frame, clip))
            link_or_copy(poster, staging / f"{name}.png")
            audio_key = f"{step['key']}.m4a"  # the step's words and sound, as its clip's
            if not (cache / audio_key).is_file() and sound is None:
                sound = decoded(video)  # once per chapter, only if a step needs cutting
            has_audio = (cache / audio_key).is_file() or bool(sound is not None and sound.size)
            if has_audio:
                a = round(step["start"] * SAMPLE_RATE)
                b = a + round(step["duration"] * SAMPLE_RATE)

                def cut(p: Path, a: int = a, b: int = b, s: np.ndarray | None = sound) -> None:
                    if s is None:  # only when the cached narration is there (so no cut)
                        raise ExportError(f"{p.name}: the chapter's sound was not decoded")
                    _write_m4a(s[a:b], p)

                link_or_copy(_cached(cache, audio_key, cut), staging / f"{name}.m4a")
            steps.append(
                Step(
                    name=name,
                    title=f"{outcome.chapter.title} · {key}",
                    headline=step["headline"],
                    narration=step["narration"],
                    duration=step["duration"],
                    audio=has_audio,
                )
            )
    return steps


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What is a neural network?</title>
<link rel="stylesheet" href="reveal.css">
<style>
html, body, .reveal-viewport {{ background: {background}; color: #fff; margin: 0; }}
.reveal .slides section {{ padding: 0; }}
.reveal video.clip {{ display: block; width: 100%; height: 100%; max-width: none;
  max-height: none; margin: 0; object-fit: contain; }}
#start {{ position: fixed; inset: 0; z-index: 100; display: flex; align-items: center;
  justify-content: center; background: rgba(0, 0, 0, .8); font: 32px sans-serif;
  cursor: pointer; }}
</style>
</head>
<body>
{start}<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="reveal.js"></script>
<script src="notes.js"></script>
<script>
const SELF_RUNNING = {self_running};
const HOLD_MS = 600;  // the last frame stays this long before a self-running slide moves on
function media(slide) {{
  return {{ video: slide.querySelector("video.clip"), audio: slide.querySelector("audio") }};
}}
function showEnd(slide) {{  // the step's end state, still
  const {{ video, audio }} = media(slide);
  if (audio) audio.pause();
  if (!video) return;
  video.pause();
  const end = () => {{ video.currentTime = Math.max(0, video.duration - 0.001); }};
  if (video.readyState >= 1) end();
  else video.addEventListener("loadedmetadata", end, {{ once: true }});
}}
function play(slide) {{  // the step's animation from its start; it holds on its last frame
  const {{ video, audio }} = media(slide);
  let waiting = 0;
  const done = () => {{
    const here = Reveal.getCurrentSlide() === slide;
    if (--waiting === 0 && SELF_RUNNING && here && !Reveal.isLastSlide()) {{
      setTimeout(() => {{ if (Reveal.getCurrentSlide() === slide) Reveal.next(); }}, HOLD_MS);
    }}
  }};
  for (const item of [video, audio]) {{
    if (!item) continue;
    waiting++;
    item.onended = done;
    item.currentTime = 0;
    item.play().catch(() => {{}});
  }}
}}
function shown(event) {{
  const previous = event.previousSlide;
  if (previous && previous !== event.currentSlide) {{
    const {{ video, audio }} = media(previous);
    if (video) video.pause();
    if (audio) audio.pause();
  }}
  const back = previous && Reveal.getIndices(previous).h > event.indexh;
  if (back && !SELF_RUNNING) showEnd(event.currentSlide); else play(event.currentSlide);
}}
Reveal.initialize({{
  width: {width}, height: {height}, margin: 0, minScale: 0.05, maxScale: 4,
  center: false, hash: true, controls: true, progress: true, slideNumber: false,
  transition: "none", backgroundTransition: "none", autoPlayMedia: false,
  preloadIframes: false, viewDistance: 2, plugins: [RevealNotes],
}}).then(() => {{
  Reveal.on("slidechanged", shown);
  const first = Reveal.getCurrentSlide();
  const start = document.getElementById("start");
  if (start) {{
    const go = () => {{
      if (!start.isConnected) return;
      start.remove();
      play(Reveal.getCurrentSlide());
    }};
    start.addEventListener("click", go, {{ once: true }});
    const key = (event) => {{  // the key that starts the lecture does nothing else
      event.preventDefault();
      event.stopImmediatePropagation();
      go();
    }};
    window.addEventListener("keydown", key, {{ once: true, capture: true }});
  }} else {{
    play(first);
  }}
}});
</script>
</body>
</html>
"""

_START = '<div id="start">Click or press a key to start the lecture (it plays by itself)</div>\n'


def _slide_html(step: Step, self_running: bool) -> str:
    e = html.escape
    audio = (
        f'\n  <audio src="{e(step.name)}.m4a" preload="auto"></audio>'
        if self_running and step.audio
        else ""
    )
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in step.notes.split("\n\n"))
    return (
        f'<section data-step="{e(step.name)}" data-title="{e(step.title)}">\n'
        f'  <video class="clip" src="{e(step.name)}.mp4" poster="{e(step.name)}.png" '
        f'muted playsinline preload="auto" aria-label="{e(step.headline)}"></video>{audio}\n'
        f'  <aside class="notes">{paragraphs}</aside>\n'
        "</section>"
    )


def write_html(
    steps: Sequence[Step],
    target: Path,
    width: int,
    height: int,
    self_running: bool,
    extra: Sequence[tuple[int, str]] = (),
) -> None:
    """The deck; ``extra`` are more slides, each with the index of the step it goes before."""
    sections = [_slide_html(s, self_running) for s in steps]
    for at, section in reversed(sorted(extra, key=lambda e: e[0])):  # from the end, in order
        sections.insert(at, section)
    page = _PAGE.format(
        start=_START if self_running else "",
        slides="\n".join(sections),
        self_running="true" if self_running else "false",
        width=width,
        height=height,
        background=_background(),
    )
    target.write_text(page, encoding="utf-8")


def _background() -> str:
    """The lecture's own background colour (manim.cfg), so a window wider than 16:9
    shows no black bars beside the slides."""
    from manim import config

    return config.background_color.to_hex()


def _play_on_entry(movie: GraphicFrame) -> None:
    """Make PowerPoint start ``movie`` as its slide appears, not on a click.

    python-pptx adds the movie with a play condition of an indefinite delay (that
    is, on a click); a delay of 0 plays it as soon as the slide is shown.
    """
    shape_id = movie._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("id")
    slide = movie._element.getparent().getparent().getparent()
    for target in slide.xpath(f'.//p:timing//p:video//p:spTgt[@spid="{shape_id}"]'):
        media_node = target.getparent().getparent()  # p:tgtEl, then p:cMediaNode
        for cond in media_node.iter(f"{{{_P}}}cond"):
            cond.set("delay", "0")


def write_pptx(steps: Sequence[Step], folder: Path, target: Path) -> None:
    """A slide per step playing its clip (its last frame as poster), notes to read."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT  # 16:9, as make slides
    blank = deck.slide_layouts[6]
    for step in steps:
        page = deck.slides.add_slide(blank)
        movie = page.shapes.add_movie(
            str(folder / f"{step.name}.mp4"), 0, 0, deck.slide_width, deck.slide_height,
            poster_frame_image=str(folder / f"{step.name}.png"), mime_type="video/mp4",
        )  # fmt: skip
        movie.name = step.title
        movie._element.xpath(".//p:cNvPr")[0].set("descr", step.notes)
        _play_on_entry(movie)
        page.notes_slide.notes_text_frame.text = step.notes
    with whole(target) as partial, media_stored():
        deck.save(str(partial))


def _previous(out: Path) -> list[str]:
    index = read_json(out / INDEX, {"files": [str]}) or {"files": []}
    return [n for n in index["files"] if "/" not in n]


def make_present(
    chapters: Sequence[Chapter], options: ExportOptions, lecture: Path | None = None
) -> PresentResult:
    """The presentation from the lecture's parts (rendering only those not current).

    ``lecture`` is ``make lecture``'s folder (``media/lecture``), whose cached parts
    are reused and, when missing or stale, rendered there (under its lock).

    Raises
    ------
    ExportError
        If a chapter fails (the previous presentation is left as it was).
    ExportInputError
        If reveal.js is not installed, a folder is not writable or in use.
    Interrupted
        On SIGINT or SIGTERM, once the renders have been stopped.
    """
    version = reveal_version()
    q, out = options.quality, options.out
    lecture = (lecture or PROJECT_ROOT / "media" / "lecture").resolve()
    source = ExportOptions(q, lecture, options.jobs, options.force, options.stream, options.config)
    with options.session() as inputs, source.session():
        page = DrawPage.of(inputs)  # the live page's data and words, checked before rendering
        tasks = video_tasks(chapters, q, lecture, inputs, options.force)
        print(
            f"Presenting {len(tasks)} scene(s) at {q.folder} from the lecture's parts:",
            file=options.messages,
        )
        kept = f"the presentation in {out} was not updated"
        outcomes = render_all(tasks, source, PROJECT_ROOT, kept)
        parts = lecture / "parts" / q.folder
        with staged(out) as staging:
            steps = _steps(outcomes, parts, out / CACHE / q.folder, staging)
            if not steps:
                raise ExportError("the scenes have no steps: nothing to present")
            for src, name in REVEAL_FILES:
                link_or_copy(REVEAL / src, staging / name)
            drawing = page.write(staging)
            links = page.slides([s.name for s in steps], q.height)
            write_html(steps, staging / HTML, q.width, q.height, self_running=False, extra=links)
            write_html(steps, staging / SELF_RUNNING, q.width, q.height, self_running=True)
            write_pptx(steps, staging, staging / PPTX)
            media = [f"{s.name}.{ext}" for s in steps for ext in ("mp4", "png")]
            media += [f"{s.name}.m4a" for s in steps if s.audio]
            files = [*media, *(n for _, n in REVEAL_FILES), *drawing, HTML, SELF_RUNNING, PPTX]
            write_json(
                staging / INDEX,
                {"reveal.js": version, "quality": q.folder, "files": files,
                 "steps": [{"name": s.name, "title": s.title, "headline": s.headline,
                            "narration": s.narration, "duration": s.duration,
                            "audio": s.audio} for s in steps]},
            )  # fmt: skip
            publish(out, [*files, INDEX], obsolete=_previous(out))
        notes = recording_notes(outcomes, inputs)
    return PresentResult(steps, out / HTML, out / SELF_RUNNING, out / PPTX, outcomes, notes)


def summary(result: PresentResult, wall: float) -> str:
    folder = result.html.parent
    index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    size = sum((folder / n).stat().st_size for n in index["files"]) / 1e6
    cached = sum(o.status == "cached" for o in result.outcomes)
    return "\n".join(
        [
            "",
            f"Slides:       {len(result.steps)} steps from {len(result.outcomes)} scene(s) "
            f"({cached} cached), {size:.1f} MB in {folder}",
            f"In class:     {result.html}  (PageDown/PageUp, F full screen, S speaker view)",
            f"Draw live:    {folder / PAGE}  (linked from the deck)",
            f"Self-running: {result.self_running}",
            f"PowerPoint:   {result.pptx}  ({result.pptx.stat().st_size / 1e6:.1f} MB, notes)",
            f"Wall time: {wall:.1f} s",
            *result.recordings,
        ]
    )
