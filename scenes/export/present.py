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
  A start button (any key) begins it; then a Pause button (K) stops the clip, the
  narration and the advance and plays on from where it was, and a Captions button (C)
  shows what is said as subtitles, each step's cues from the chapter's subtitles timed
  to its narration (``step_captions``). With ``prefers-reduced-motion: reduce`` no clip
  plays: each step shows its end state while it is said, and the deck still moves on.
- Both decks take their words from the script's ``[pages.deck]`` (``Deck``) and its
  language for ``<html lang>``; each clip's text alternative is ``picture_text``.
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
import string
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import av
import numpy as np
import srt
from pptx import Presentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Emu

from lecture.palette import Palette
from scenes.narration.script import Script, ScriptError

from .catalogue import PROJECT_ROOT, Chapter, ExportError, ExportInputError, check_titles
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
from .transcript import step_descriptions
from .whole import whole

__all__ = [
    "DECK_WORDS",
    "HTML",
    "INDEX",
    "PPTX",
    "REVEAL",
    "SELF_RUNNING",
    "Deck",
    "PresentResult",
    "Step",
    "make_present",
    "picture_text",
    "summary",
    "write_html",
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
    #: What is said, as subtitles: (start, end, text), in seconds into the step.
    captions: tuple[tuple[float, float, str], ...] = ()
    #: What the picture shows, in words (``lecture.descriptions``); "" if not described.
    description: str = ""

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


#: A subtitle of the chapter's file starts at most this long before its step's start in
#: the manifest (SRT keeps milliseconds, the manifest microseconds).
_CUE_SLACK = 0.002


def _chapter_cues(parts: Path, manifest: dict) -> list[tuple[float, float, str]]:
    """The chapter's subtitles (the part's SRT, timed to each spoken sentence, or with
    narration off each step's headline), in seconds into the chapter."""
    if not manifest.get("subtitles"):
        return []
    text = (parts / manifest["subtitles"]).read_text(encoding="utf-8")
    return [
        (cue.start.total_seconds(), cue.end.total_seconds(), cue.content)
        for cue in srt.parse(text)
    ]


def step_captions(
    cues: Sequence[tuple[float, float, str]], start: float, duration: float
) -> tuple[tuple[float, float, str], ...]:
    """The subtitles of the step that starts ``start`` seconds into its chapter, moved to
    the step's own time (each belongs to the step it starts in; none runs past its end)."""
    mine = []
    for begin, end, text in cues:
        if start - _CUE_SLACK <= begin < start + duration - _CUE_SLACK:
            a, b = max(0.0, begin - start), min(duration, end - start)
            if b > a:
                mine.append((round(a, 3), round(b, 3), text))
    return tuple(mine)


def _steps(
    outcomes: Sequence[Outcome],
    parts: Path,
    cache: Path,
    staging: Path,
    descriptions: Mapping[str, str],
) -> list[Step]:
    """Stage each step's clip, poster and narration; return the slides in lecture order,
    each with its picture's ``descriptions`` (by step id)."""
    from scenes.narration.audio import SAMPLE_RATE, decoded

    steps: list[Step] = []
    for outcome in outcomes:
        manifest = outcome.manifest
        records = {r["name"]: r["sha256"] for r in manifest["files"]}
        video = parts / manifest["video"]
        cues = _chapter_cues(parts, manifest)
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
                    captions=step_captions(cues, step["start"], step["duration"]),
                    description=descriptions.get(step["section"], ""),
                )
            )
    return steps


#: The words of ``lecture.html`` and ``self-running.html`` in the script, ``[pages.deck]``:
#: the page's title; the self-running page's start button (``start``, then ``keys``), its
#: group of controls and their two buttons; reveal.js's arrows and the button that ends
#: its blackout (B), which reveal would otherwise label in English.
DECK_PAGE = "deck"
DECK_WORDS = (
    "title", "start", "keys", "controls", "pause", "captions", "previous", "next", "resume",
)  # fmt: skip
#: The keys that press the self-running page's buttons (reveal.js's own K, "up", is the
#: arrow up's twin and goes back a slide there; C is free).
PAUSE_KEY, CAPTIONS_KEY = "K", "C"


@dataclass(frozen=True)
class Deck:
    """What the deck pages say and their colours: the script's ``[pages.deck]`` words in
    its language, the palette's colours for the self-running page's controls."""

    language: str
    words: Mapping[str, str]
    text: str  # the colour of the controls' words, on ``background``
    background: str
    highlight: str  # a pressed button, the keyboard's focus

    @classmethod
    def of(cls, script: Script, palette: Palette) -> Deck:
        """Raises ``ExportInputError`` naming the script, table and text that is missing.

        A text may name the keys of the self-running page's buttons, ``{pause_key}`` and
        ``{captions_key}``."""
        keys = {"pause_key": PAUSE_KEY, "captions_key": CAPTIONS_KEY}
        try:
            words = {
                key: " ".join(script.page(DECK_PAGE, key, **keys).split()) for key in DECK_WORDS
            }
        except ScriptError as exc:
            raise ExportInputError(str(exc)) from exc
        return cls(
            script.language,
            words,
            palette.text.to_hex(),
            palette.background.to_hex(),
            palette.highlight.to_hex(),
        )


def picture_text(step: Step) -> str:
    """The text alternative of a step's picture: its clip's ``aria-label`` in both decks
    (the one place it is chosen)."""
    return step.description or step.headline


_PAGE = string.Template("""<!doctype html>
<html lang="$language">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<link rel="stylesheet" href="reveal.css">
<style>
html, body, .reveal-viewport { background: $background; color: #fff; margin: 0; }
.reveal .slides section { padding: 0; }
.reveal video.clip { display: block; width: 100%; height: 100%; max-width: none;
  max-height: none; margin: 0; object-fit: contain; }
/* reveal.js's arrows (black by default) in the lecture's text colour, ringed when focused */
.reveal .controls { color: $text; }
.reveal .controls button:focus-visible { outline: 3px solid $highlight; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: 0; padding: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
#start { position: fixed; inset: 0; z-index: 100; display: flex; flex-direction: column;
  gap: 0.75em; align-items: center; justify-content: center; width: 100%; margin: 0;
  border: 0; background: rgba(0, 0, 0, .8); color: #fff; font: 32px sans-serif;
  cursor: pointer; }
#start span { background: #000; padding: 0.2em 0.5em; }
#start .keys { font-size: 24px; }
#start:focus-visible span:first-child { outline: 3px solid $highlight; outline-offset: 4px; }
#controls { position: fixed; left: 12px; bottom: 12px; z-index: 50; display: flex;
  gap: 8px; }
#controls button { display: inline-flex; align-items: center; gap: 0.4em; margin: 0;
  padding: 0.3em 0.7em; font: 18px/1.2 "DejaVu Sans", sans-serif; color: $text;
  background: $panel; border: 2px solid $text; border-radius: 6px; cursor: pointer; }
#controls button[aria-pressed="true"] { color: $panel; background: $highlight;
  border-color: $highlight; }
#controls button:focus-visible { outline: 3px solid $text; outline-offset: 3px; }
#controls svg { width: 1em; height: 1em; fill: currentColor; }
#pause[aria-pressed="true"] .pause-icon, #pause[aria-pressed="false"] .play-icon {
  display: none; }
#caption { position: fixed; left: 50%; bottom: 10vh; z-index: 40; transform: translateX(-50%);
  max-width: 80vw; margin: 0; padding: 0.15em 0.5em; color: #fff; background: #000;
  font: clamp(18px, 4vh, 48px)/1.3 "DejaVu Sans", sans-serif; text-align: center;
  white-space: pre-line; }
#caption[hidden] { display: none; }
</style>
</head>
<body>
<h1 class="visually-hidden">$title</h1>
$start$controls<div class="reveal"$inert><div class="slides">
$slides
</div></div>
<script type="application/json" id="deck">$data</script>
<script src="reveal.js"></script>
<script src="notes.js"></script>
<script>
$script</script>
</body>
</html>
""")

#: The deck's behaviour; what it needs to know is the JSON block ``#deck`` (``_deck_data``).
_SCRIPT = """"use strict";
const DECK = JSON.parse(document.getElementById("deck").textContent);
const SELF_RUNNING = DECK.selfRunning;
const HOLD_MS = 600;  // the last frame stays this long before a self-running slide moves on
const REDUCED = matchMedia("(prefers-reduced-motion: reduce)");
let now = null;  // the current slide and what it plays: {slide, items, waiting, clock}
let paused = false;  // the self-running page's pause button
let captionsOn = false;
let advance = null;  // the timer that moves a self-running slide on
function media(slide) {
  return { video: slide.querySelector("video.clip"), audio: slide.querySelector("audio") };
}
function stepOf(slide) { return DECK.steps[slide.dataset.step] || null; }
function still(video) {  // the step's end state, its last frame, without playing it
  video.pause();
  const end = () => { video.currentTime = Math.max(0, video.duration - 0.001); };
  if (video.readyState >= 1) end();
  else video.addEventListener("loadedmetadata", end, { once: true });
}
function timer(seconds) {  // a clock for a step with nothing to play: a still, no narration
  let since = null, at = 0, alarm = null;
  const clock = {
    ended: false, onended: null,
    get paused() { return since === null; },
    get currentTime() {
      return since === null ? at : Math.min(seconds, at + (performance.now() - since) / 1000);
    },
    set currentTime(t) { clock.pause(); at = t; clock.ended = false; },
    play() {
      if (since === null && !clock.ended) {
        since = performance.now();
        alarm = setTimeout(() => {
          at = seconds; since = null; clock.ended = true;
          if (clock.onended) clock.onended();
        }, (seconds - at) * 1000);
      }
      return Promise.resolve();
    },
    pause() {
      if (since === null) return;
      at = clock.currentTime; since = null; clearTimeout(alarm);
    },
  };
  return clock;
}
function stop() {
  clearTimeout(advance);
  advance = null;
  if (now) for (const item of now.items) item.pause();
  now = null;
}
function play(slide) {  // the step from its start; its clip holds on its last frame
  stop();
  const { video, audio } = media(slide);
  const step = stepOf(slide);
  const motionless = SELF_RUNNING && REDUCED.matches;  // the end state while it is said
  const items = [];
  if (video && motionless) still(video); else if (video) items.push(video);
  if (audio) items.push(audio);
  if (!items.length && motionless && step) items.push(timer(step.duration));
  now = { slide, items, waiting: items.length, clock: audio || items[0] || null };
  for (const item of items) {
    item.onended = () => ended(slide);
    item.currentTime = 0;
    if (!paused) item.play().catch(() => {});
  }
}
function ended(slide) {
  if (now && now.slide === slide && --now.waiting === 0) hold();
}
function hold() {  // a self-running slide moves on once all of it has played
  const slide = now.slide;
  if (!SELF_RUNNING || paused || Reveal.isLastSlide()) return;
  advance = setTimeout(() => {
    advance = null;
    if (Reveal.getCurrentSlide() === slide && !paused) Reveal.next();
  }, HOLD_MS);
}
function setPaused(value) {
  paused = value;
  document.getElementById("pause").setAttribute("aria-pressed", String(paused));
  if (!now) return;
  if (paused) {
    clearTimeout(advance);
    advance = null;
    for (const item of now.items) item.pause();
    return;
  }
  const left = now.items.filter((item) => !item.ended);
  if (!left.length) hold();
  for (const item of left) item.play().catch(() => {});
}
function setCaptions(value) {
  captionsOn = value;
  document.getElementById("captions").setAttribute("aria-pressed", String(captionsOn));
  caption();
}
function caption() {  // the cue of the current step said now, when captions are on
  const box = document.getElementById("caption");
  if (!box) return;
  let text = "";
  const step = now && stepOf(now.slide);
  if (captionsOn && step && now.clock) {
    const t = now.clock.currentTime;
    const cue = step.captions.find(([from, to]) => from <= t && t < to);
    if (cue) text = cue[2];
  }
  if (box.textContent !== text) box.textContent = text;
  box.hidden = !text;
}
function shown(event) {
  const back = event.previousSlide && Reveal.getIndices(event.previousSlide).h > event.indexh;
  if (back && !SELF_RUNNING) {
    stop();
    const { video } = media(event.currentSlide);
    if (video) still(video);
  } else {
    play(event.currentSlide);
  }
}
const pressed = (event) => event.target instanceof Element
  && event.target.closest("#controls") && (event.key === " " || event.key === "Enter");
Reveal.initialize({
  width: DECK.width, height: DECK.height, margin: 0, minScale: 0.05, maxScale: 4,
  center: false, hash: true, controls: true, progress: true, slideNumber: false,
  transition: "none", backgroundTransition: "none", autoPlayMedia: false,
  preloadIframes: false, viewDistance: 2, plugins: [RevealNotes],
  // Space and Enter on a focused button press it (and do not also move the deck on).
  keyboardCondition: (event) => !pressed(event),
  ...(SELF_RUNNING ? { keyboard: {
    [DECK.keys.pause.charCodeAt(0)]: () => setPaused(!paused),
    [DECK.keys.captions.charCodeAt(0)]: () => setCaptions(!captionsOn),
  } } : {}),
}).then(() => {
  for (const [selector, key] of [[".navigate-left", "previous"], [".navigate-right", "next"]]) {
    for (const button of document.querySelectorAll(`.reveal .controls ${selector}`)) {
      button.setAttribute("aria-label", DECK.words[key]);
    }
  }
  for (const button of document.querySelectorAll(".reveal .resume-button")) {
    button.textContent = DECK.words.resume;
  }
  Reveal.on("slidechanged", shown);
  if (SELF_RUNNING) {
    document.getElementById("pause").addEventListener("click", () => setPaused(!paused));
    document.getElementById("captions").addEventListener("click", () => setCaptions(!captionsOn));
    const tick = () => { caption(); requestAnimationFrame(tick); };
    tick();
  }
  const start = document.getElementById("start");
  if (!start) {
    play(Reveal.getCurrentSlide());
    return;
  }
  const moving = ["Tab", "Shift", "Control", "Alt", "Meta"];
  const key = (event) => {  // any key starts the lecture, and does nothing else
    if (moving.includes(event.key)) return;  // moving the focus starts nothing
    event.preventDefault();
    event.stopImmediatePropagation();
    go();
  };
  const go = () => {
    if (!start.isConnected) return;
    window.removeEventListener("keydown", key, { capture: true });
    start.remove();
    for (const inert of document.querySelectorAll("[inert]")) inert.inert = false;
    play(Reveal.getCurrentSlide());
  };
  start.addEventListener("click", go, { once: true });
  window.addEventListener("keydown", key, { capture: true });
  start.focus();
});
"""

_START = string.Template(
    '<button type="button" id="start"><span>$start</span>'
    '<span class="keys">$keys</span></button>\n'
)
#: The self-running page's controls (hidden behind the start button until it is pressed)
#: and the box its captions are shown in.
_CONTROLS = string.Template("""<div id="controls" role="group" aria-label="$controls" inert>
<button type="button" id="pause" aria-pressed="false" aria-keyshortcuts="$pause_key">
<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path class="pause-icon"
d="M3 2h4v12H3zM9 2h4v12H9z"/><path class="play-icon" d="M3 1.5 14 8 3 14.5z"/></svg>
<span>$pause</span></button>
<button type="button" id="captions" aria-pressed="false" aria-keyshortcuts="$captions_key">
<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill-rule="evenodd"
d="M1 2.5h14v11H1zM2.5 4v8h11V4zM3.5 9h5v1.5h-5zm6 0h3v1.5h-3zm-6-2.5h2V8h-2zm3 0h6V8h-6z"/>
</svg>
<span>$captions</span></button>
</div>
<p id="caption" hidden></p>
""")


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
        f'  <h2 class="visually-hidden">{e(step.headline)}</h2>\n'
        f'  <video class="clip" src="{e(step.name)}.mp4" poster="{e(step.name)}.png" '
        f'muted playsinline preload="auto" aria-label="{e(picture_text(step))}"></video>'
        f"{audio}\n"
        f'  <aside class="notes">{paragraphs}</aside>\n'
        "</section>"
    )


def _deck_data(
    steps: Sequence[Step], deck: Deck, width: int, height: int, self_running: bool
) -> str:
    """What the deck's script needs, as JSON safe inside a ``<script>`` element: each
    step's length and (self-running) captions, in seconds into the step."""
    data = {
        "selfRunning": self_running,
        "width": width,
        "height": height,
        "words": {key: deck.words[key] for key in ("previous", "next", "resume")},
        "keys": {"pause": PAUSE_KEY, "captions": CAPTIONS_KEY},
        "steps": {
            s.name: {
                "duration": s.duration,
                "captions": [list(cue) for cue in s.captions] if self_running else [],
            }
            for s in steps
        },
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")  # no "</script>" can end the block early


def write_html(
    steps: Sequence[Step],
    target: Path,
    width: int,
    height: int,
    self_running: bool,
    extra: Sequence[tuple[int, str]] = (),
    deck: Deck | None = None,
) -> None:
    """The deck; ``extra`` are more slides, each with the index of the step it goes before.

    ``deck`` is what the page says (default: the configured script's words)."""
    if deck is None:
        from lecture.inputs import load_inputs

        inputs = load_inputs()
        deck = Deck.of(inputs.script, inputs.palette)
    sections = [_slide_html(s, self_running) for s in steps]
    for at, section in reversed(sorted(extra, key=lambda e: e[0])):  # from the end, in order
        sections.insert(at, section)
    words = {key: html.escape(text) for key, text in deck.words.items()}
    start = controls = ""
    if self_running:
        start = _START.substitute(words)
        controls = _CONTROLS.substitute(words, pause_key=PAUSE_KEY, captions_key=CAPTIONS_KEY)
    page = _PAGE.substitute(
        language=html.escape(deck.language),
        title=words["title"],
        start=start,
        inert=" inert" if self_running else "",
        slides="\n".join(sections),
        controls=controls,
        data=_deck_data(steps, deck, width, height, self_running),
        script=_SCRIPT,
        background=_background(),
        text=deck.text,
        panel=deck.background,
        highlight=deck.highlight,
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
        movie._element.xpath(".//p:cNvPr")[0].set("descr", picture_text(step))
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
    check_titles(chapters)  # each has a title in the script, before anything is written
    with options.session() as inputs, source.session():
        page = DrawPage.of(inputs)  # the live page's data and words, checked before rendering
        deck = Deck.of(inputs.script, inputs.palette)  # and the decks' words
        tasks = video_tasks(chapters, q, lecture, inputs, options.force)
        print(
            f"Presenting {len(tasks)} scene(s) at {q.folder} from the lecture's parts:",
            file=options.messages,
        )
        kept = f"the presentation in {out} was not updated"
        outcomes = render_all(tasks, source, PROJECT_ROOT, kept)
        parts = lecture / "parts" / q.folder
        with staged(out) as staging:
            described = step_descriptions(chapters, inputs)
            steps = _steps(outcomes, parts, out / CACHE / q.folder, staging, described)
            if not steps:
                raise ExportError("the scenes have no steps: nothing to present")
            for src, name in REVEAL_FILES:
                link_or_copy(REVEAL / src, staging / name)
            drawing = page.write(staging)
            links = page.slides([s.name for s in steps], q.height)
            write_html(steps, staging / HTML, q.width, q.height, False, links, deck)
            write_html(steps, staging / SELF_RUNNING, q.width, q.height, True, deck=deck)
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
