"""The base every lecture scene builds on: the lecture's data, steps, captions."""

from __future__ import annotations

import inspect
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import numpy as np
from manim import UP, Scene, Text, config
from manim.constants import RendererType
from manim.renderer.cairo_renderer import CairoRenderer
from pydub import AudioSegment  # Manim's own sound track is built with pydub

from lecture.inputs import Inputs, load_inputs
from lecture.step import Chapter, Note, Step
from network.errors import NetworkInputError
from scenes.config import ConfigError
from scenes.kit import held_frames
from scenes.kit.camera import LectureCamera
from scenes.kit.maths import require_latex, slot, tex_words
from scenes.kit.renderer import LectureRenderer
from scenes.kit.stage import HEADLINE_BUFF, HEADLINE_SIZE
from scenes.kit.text import label, use_numerals, warn_missing_glyphs
from scenes.narration.cues import MAX_CPS, MIN_SECONDS, Cue, timed_cues
from scenes.narration.narrator import PAUSE, StepAudio
from scenes.narration.recordings import RecordingError
from scenes.narration.script import ScriptError, Words, step_id_of
from scenes.narration.voice import VoiceError
from scenes.narration.voices import check_narration, narrator_for

__all__ = [
    "BAD_INPUT_STATUS",
    "LectureScene",
    "StepRecorder",
    "StepReuse",
    "stop_on_bad_input",
]

#: Exit status for input the lecture cannot use, as for ``python -m network``.
BAD_INPUT_STATUS = 2

CAPTION_WIDTH = 13.0  # frame units: the frame is 14.2 wide
#: ``LectureScene.fill`` stretches an animation to its words, but no slower than this
#: many seconds, or this many times its own run time: beyond, motion drags.
FILL_MOST = 4.0
FILL_SLOWEST = 3.0

StepRecorder = Callable[["Words", "LectureScene"], None]
"""Called at the end of every step with its words and the scene (whose
``current_frame()`` draws the step's last frame, if the recorder wants it, and whose
``step_audio``, ``step_said`` and ``step_reused`` tell how the step was spoken)."""

StepReuse = Callable[["Words", "StepAudio | None"], bool]
"""Asked at the start of every step, with its words and narration: whether the step's
clip from an earlier render can be kept. The step is then played without drawing a
frame (its animations still run, so the next step starts from the same picture);
``make lecture`` puts the kept clip in its place. A step's pictures depend on the
code, the data and its own words only, which the caller's answer must cover."""


def _declaring_class(cls: type) -> type:
    """The lecture scene class itself, not a test harness's subclass of it."""
    return next(c for c in cls.__mro__ if "PLAN" in c.__dict__)


def stop_on_bad_input(exc: Exception) -> NoReturn:
    """End the render with one line naming the bad input, and status 2.

    ``manim render`` prints any exception as a long rich traceback; a wrong digit
    or weights file is the user's input, not a bug, so it gets one line instead.
    ``SystemExit`` is not an ``Exception``, so Manim lets it through.
    """
    print(f"error: {exc}", file=sys.stderr, flush=True)
    raise SystemExit(BAD_INPUT_STATUS)


class LectureScene(Scene):
    """A Scene in steps: each step is a section (a slide) with a headline and narration.

    A step's words come from the script (``[lecture] script``), keyed by the scene
    file and the step; the scene gives the real values the words name. The
    headline is shown on screen; the narration is spoken (synthetic voice or the
    lecturer's recordings) from the step's first frame, and written to the
    subtitles timed to the speech. A step lasts as long as its animations and
    holds, and at least as long as its narration plus a short pause. With
    narration off, the headline is the subtitle and a step lasts long enough to
    read it. Given a ``step_recorder``, the scene also hands over each step's last
    frame: that is how slides are made without encoding any video.

    A subclass names its chapter's plan in ``PLAN`` (a function of the lecture layer,
    ``lecture.chapters.<name>.plan``): the steps in order, each with its script key
    chosen and its values. ``construct`` shows them one after another: it starts
    the step's words and calls the method named after the step's beat, which draws.
    The script is checked against every key the chapter may use before anything is
    drawn.
    """

    PLAN: ClassVar[Callable[[Inputs], Chapter[Any]]]
    inputs: Inputs
    chapter: Chapter[Any]

    def __init__(
        self,
        *args: Any,
        step_recorder: StepRecorder | None = None,
        step_reuse: StepReuse | None = None,
        **kwargs: Any,
    ):
        self.step_recorder = step_recorder
        self.step_reuse = step_reuse
        held_frames.install()  # a held picture is converted once, not once a frame
        kwargs.setdefault("camera_class", LectureCamera)
        if not args and kwargs.get("renderer") is None and config.renderer == RendererType.CAIRO:
            kwargs["renderer"] = LectureRenderer(
                camera_class=kwargs["camera_class"],
                skip_animations=kwargs.get("skip_animations", False),
            )
        super().__init__(*args, **kwargs)

    @classmethod
    def script_scene(cls) -> str:
        """The scene's name in the script: the file that defines it."""
        return Path(inspect.getfile(sys.modules[_declaring_class(cls).__module__])).stem

    def setup(self) -> None:
        require_latex()  # every number on screen is typeset by LaTeX
        try:
            self.inputs = load_inputs()
            self.chapter = type(self).PLAN(self.inputs)
            self.script = self.inputs.script
            use_numerals(self.script.language)  # every number drawn in the script's notation
            self.script.check_scene(self.script_scene(), self.chapter.keys)
            for planned in self.chapter.steps:
                self.script.check_marks(self.script_scene(), planned.key, planned.cues)
            config = self.inputs.config
            self.narrator = (
                narrator_for(
                    config.narration,
                    config.voice_model,
                    config.recordings,
                    config.recordings_fallback,
                )
                if self._writes_sound()
                else None
            )
            if self.narrator is not None:  # what the narration cannot say: refused before drawing
                check_narration(
                    config,
                    self.script,
                    [step_id_of(self.script_scene(), s.key, s.part) for s in self.chapter.steps],
                )
        except (ConfigError, NetworkInputError, RecordingError, ScriptError, VoiceError) as exc:
            stop_on_bad_input(exc)
        self.palette = self.inputs.palette
        self.caption: Text | None = None
        self.words: Words | None = None
        self._step_start = 0.0
        self._step_length = 0.0
        self._cues: list[Cue] = []
        self._marks: dict[str, float] = {}
        self._speech_end = 0.0  # when the step's narration ends (0: not timed)
        #: The current step's narration (None without a voice), whether its clip is kept
        #: from an earlier render, and (once it ends) each subtitle: (text, start, end)
        #: in seconds from the step's first frame.
        self.step_audio: StepAudio | None = None
        self.step_reused = False
        self.step_said: list[tuple[str, float, float]] = []

    def _writes_sound(self) -> bool:
        """Narration is synthesized only for a video that is really written."""
        if self.inputs.config.narration == "off":
            return False
        writer = getattr(self.renderer, "file_writer", None)
        spec = getattr(writer, "output_spec", None)
        movie = spec is not None and spec.is_video and not spec.is_gif
        skipping = self.renderer._original_skipping_status
        return movie and not config.dry_run and not skipping

    def construct(self) -> None:
        """The chapter's steps in order, each said and drawn."""
        for step in self.chapter.steps:
            self.play_step(step)
        self.coda()

    def coda(self) -> None:
        """What follows the last step's drawing, still within it (nothing, unless a
        scene holds its last picture a little longer)."""

    def play_step(self, step: Step[Any]) -> None:
        """Start ``step``'s words, then draw it with the method named after its beat."""
        self.step(step)
        getattr(self, step.method)(step)

    def note(self, note: Note) -> str:
        """An extra on-screen text from the script, filled with the note's values."""
        try:
            text = self.script.note(self.script_scene(), note.key, note.name, note.values)
        except ScriptError as exc:
            stop_on_bad_input(exc)
        field = f"note-{note.name}" if note.name else "note"
        where = f"{self.script.path}: [{self.script_scene()}.{note.key}] {field}"
        warn_missing_glyphs(text, where)
        return text

    def formula_note(self, note: Note, inside: bool = False, **typeset: str) -> str:
        r"""TeX for a note set in a formula: its words as ``\text{…}``, and each value
        named in ``typeset`` written as the TeX given there (the formula's own number,
        ``13{,}002``), where the script's words place it (see ``maths.tex_words``;
        with ``inside``, within the words' ``\text{…}``).

        Such a value is typeset by the formula, so its placeholder takes no format or
        conversion (``{parameters}``, not ``{parameters:,}``).
        """
        field = f"note-{note.name}" if note.name else "note"
        where = f"{self.script.path}: [{self.script_scene()}.{note.key}] {field}"
        template = self.script.table(self.script_scene()).get(note.key, {}).get(field, "")
        for _, name, spec, conversion in string.Formatter().parse(template):
            if name in typeset and (spec or conversion):
                stop_on_bad_input(
                    ScriptError(
                        f"{where}: {{{name}}} is written by the formula beside the words; "
                        f"give it no format or conversion (write {{{name}}})"
                    )
                )
        unknown = sorted(set(typeset) - set(note.values))
        if unknown:
            raise ValueError(f"{where}: the chapter gives no value {unknown[0]}")
        slots = Note(note.key, note.name, {**note.values, **{n: slot(n) for n in typeset}})
        return tex_words(self.note(slots), typeset, inside)

    def step(self, step: Step[Any]) -> None:
        """Start ``step``: its headline on screen, its narration spoken and subtitled,
        its words filled with its values."""
        self._end_step()
        try:
            words = self.script.words(self.script_scene(), step.key, step.values, step.part)
        except ScriptError as exc:
            stop_on_bad_input(exc)
        audio = self._narration(words)
        reused = self.step_reuse is not None and self.step_reuse(words, audio)
        self.next_section(words.step_id, skip_animations=reused)
        where = f"{self.script.path}: [{words.step_id}] headline"
        new = label(words.headline, font_size=HEADLINE_SIZE, color=self.palette.text, where=where)
        if new.width > CAPTION_WIDTH:
            stop_on_bad_input(
                ScriptError(
                    f"{self.script.path}: [{words.step_id}] headline is too long for one line at "
                    f"the headline size ({len(words.headline)} characters); shorten it: "
                    f"{words.headline!r}"
                )
            )
        new.to_edge(UP, buff=HEADLINE_BUFF)
        # A cut, not a fade: each step is also a slide, and a cut costs no frames.
        if self.caption is not None:
            self.remove(self.caption)
        self.add(new)
        self.caption, self.words = new, words
        self.step_audio, self.step_reused = audio, reused
        self._step_start = self.renderer.time
        self._start_narration(words, audio)

    def cue(self, name: str) -> None:
        """Wait for the moment the narration marks ``@name``: what is played next is
        drawn as its word is said. Without that mark in the words (or without a voice,
        when there are no timings), nothing is waited for."""
        at = self._marks.get(name)
        # The renderer skips an animation it has cached by turning skipping on until the
        # next play: only a render that skips everything (a still, a dry run) counts.
        if at is None or self.renderer._original_skipping_status:
            return
        ahead = at - (self.renderer.time - self._step_start)
        if ahead >= 1 / config.frame_rate:
            self.wait(ahead)

    def fill(self, run_time: float, until: str | None = None) -> float:
        """A run time for what is played now to last while its words are said: up to
        the narration's mark ``@until`` (by default the next mark, or the end of the
        speech), never shorter than ``run_time`` and never slower than ``FILL_MOST``
        seconds or ``FILL_SLOWEST`` times ``run_time``.

        The picture then moves while the sentence that talks about it is spoken,
        rather than finishing at its first word and standing still. Use it for the last
        thing played before a ``cue`` (or before the step ends): what is played after it
        would start late. Without timings (no voice, a still, a dry run) it is
        ``run_time``.
        """
        if self.renderer._original_skipping_status or not self._speech_end:
            return run_time
        elapsed = self.renderer.time - self._step_start
        if until is not None:
            end = self._marks.get(until)
        else:
            # A cue stops up to a frame short of its mark: that mark is reached, not ahead.
            later = [at for at in self._marks.values() if at > elapsed + 1 / config.frame_rate]
            end = min(later, default=self._speech_end)
        if end is None:
            return run_time
        return max(run_time, min(end - elapsed, FILL_MOST, FILL_SLOWEST * run_time))

    def _narration(self, words: Words) -> StepAudio | None:
        """The step's narration, spoken or read from a recording (None without a voice)."""
        if self.narrator is None:
            return None
        try:
            return self.narrator.step_audio(words)
        except (RecordingError, VoiceError) as exc:
            stop_on_bad_input(exc)

    def _start_narration(self, words: Words, audio: StepAudio | None) -> None:
        self._marks = {}
        self._speech_end = 0.0
        if audio is None:
            reading = max(MIN_SECONDS, len(words.headline) / MAX_CPS) + PAUSE
            self._cues = [Cue(0.0, reading, words.headline)]
            self._step_length = reading
            return
        self.add_sound(str(audio.path))
        self._cues = timed_cues([(f"{text} ", start, end) for text, start, end in audio.spans])
        for name, (index, share) in words.marks.items():
            if index < len(audio.spans):
                _, start, end = audio.spans[index]
                self._marks[name] = start + share * (end - start)
        self._speech_end = audio.seconds
        self._step_length = max(audio.seconds, self._cues[-1].end if self._cues else 0) + PAUSE

    def _end_step(self) -> None:
        if self.words is None:
            return
        elapsed = self.renderer.time - self._step_start
        if elapsed < self._step_length and not self.renderer._original_skipping_status:
            self.wait(self._step_length - elapsed)  # hold the last frame while it is said
        elapsed = self.renderer.time - self._step_start
        self.step_said = [
            (cue.text, cue.start, min(cue.end, elapsed))
            for cue in self._cues
            if cue.start < elapsed
        ]
        for text, start, end in self.step_said:
            self.add_subcaption(text, duration=end - start, offset=start - elapsed)
        if self.step_recorder is not None:
            self.step_recorder(self.words, self)
        self.words = None

    def current_frame(self) -> np.ndarray:
        """What is on screen now, drawn afresh (also while animations are skipped)."""
        renderer = self.renderer
        if not isinstance(renderer, CairoRenderer):
            raise TypeError("the lecture draws with Manim's Cairo renderer")
        renderer.static_image = None
        renderer.update_frame(self, ignore_skipping=True)
        return renderer.get_frame()

    def tear_down(self) -> None:
        self._end_step()
        if self.narrator is not None:
            # Manim's sound track ends with the last sound; the video's last hold
            # continues. Silence up to the last frame makes both end together.
            self.renderer.file_writer.add_audio_segment(AudioSegment.silent(0), self.renderer.time)
        if self.narrator is not None:
            # On the console, not only in Manim's log: a recording that was not used (a
            # misspelt name) and the steps the synthetic voice spoke instead.
            for line in self.narrator.warnings(self.script, self.script_scene()):
                print(line, file=sys.stderr, flush=True)
        super().tear_down()
