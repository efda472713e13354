"""Each step's narration as one audio clip, and when each sentence is said in it.

The voice is the synthetic one (Piper), the lecturer's recordings, or none. A
clip is the step's sentences with a short gap between them, brought to the
lecture's loudness; the scene plays it from the step's first frame and lasts
until it ends, plus a pause.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, normalised, silence, trimmed, write_wav
from .recordings import (
    fallback_warning,
    find_recording,
    missing_recording,
    read_recording,
    unmatched_recordings,
    unmatched_warning,
)
from .script import Script, Words
from .voice import Voice

__all__ = ["GAP", "PAUSE", "Narrator", "StepAudio"]

GAP = 0.45  # seconds of silence between two sentences of a step: time to take it in
PAUSE = 0.6  # seconds after the narration before the next step starts


@dataclass(frozen=True)
class StepAudio:
    """One step's narration: the clip on disk and when each sentence is spoken."""

    path: Path
    seconds: float
    spans: list[tuple[str, float, float]]  # (sentence as shown, start, end) in the clip
    recorded: bool  # the lecturer's own voice, not the synthetic one
    #: The lecturer's recordings were asked for, but this step has none: the synthetic
    #: voice spoke it instead (``make lecture`` names such steps).
    fallback: bool = False


@dataclass
class Narrator:
    """Makes the clips, in the synthetic ``voice`` or from the lecturer's ``recordings``
    folder (None: the voice speaks every step).

    ``fallback`` says what a step without a recording gets: ``"voice"`` (the synthetic
    voice, and the step is listed in ``missing``) or ``"error"`` (a ``RecordingError``
    naming the step and the folder, for a lecturer who wants only their own voice).
    """

    voice: Voice
    clips: Path  # where step clips are written (content-addressed)
    recordings: Path | None = None
    missing: list[str] = field(default_factory=list)  # steps that fell back to the voice
    fallback: str = "voice"  # [lecture] recordings_fallback: "voice" or "error"
    asked: list[str] = field(default_factory=list)  # every step asked for, in order

    def check_steps(self, step_ids: Sequence[str]) -> None:
        """Refuse now, naming them all, if any of ``step_ids`` has no recording and
        ``fallback`` is ``"error"``: before the scene draws anything, rather than at the
        first step without one."""
        if self.recordings is None or self.fallback != "error":
            return
        missing = [s for s in step_ids if find_recording(self.recordings, s) is None]
        if missing:
            raise missing_recording(self.recordings, missing, step_ids)

    def step_audio(self, words: Words) -> StepAudio:
        pairs = words.sentences()
        recording = None
        self.asked.append(words.step_id)
        if self.recordings is not None:
            recording = find_recording(self.recordings, words.step_id)
            if recording is None and self.fallback == "error":
                raise missing_recording(self.recordings, [words.step_id], self.asked)
            if recording is None:
                self.missing.append(words.step_id)
        if recording is not None:
            samples = read_recording(recording)
            spans = _share_by_length([shown for shown, _ in pairs], len(samples) / SAMPLE_RATE)
        else:
            samples, spans = self._speak(pairs)
        samples = normalised(samples)
        digest = hashlib.sha256(samples.tobytes()).hexdigest()[:32]
        path = self.clips / f"{digest}.wav"
        if not path.is_file():
            write_wav(path, samples)
        recorded = recording is not None
        fell_back = self.recordings is not None and not recorded
        return StepAudio(path, len(samples) / SAMPLE_RATE, spans, recorded, fell_back)

    def warnings(self, script: Script, scene: str) -> list[str]:
        """What the lecturer should know of their recordings after ``scene`` ran: one
        line for the steps the synthetic voice spoke instead, one for each file of the
        folder whose name is no step's (with the step it resembles).

        A file is counted against the scene it most resembles (or every scene, if it
        resembles none), so rendering one scene does not list the others' mistakes.
        """
        if self.recordings is None:
            return []
        lines = [fallback_warning(self.recordings, self.missing)] if self.missing else []
        candidates = [*script.step_ids(), *self.asked]
        for path, closest in unmatched_recordings(self.recordings, script.has_step, candidates):
            if closest is None or closest.split(".", 1)[0] == scene:
                lines.append(unmatched_warning(path, closest))
        return lines

    def _speak(self, pairs: list[tuple[str, str]]) -> tuple[np.ndarray, list]:
        parts: list[np.ndarray] = []
        spans = []
        at = 0.0
        for number, (shown, said) in enumerate(pairs):
            if number:
                parts.append(silence(GAP))
                at += len(parts[-1]) / SAMPLE_RATE
            speech = trimmed(self.voice.sentence(said))
            parts.append(speech)
            spans.append((shown, at, at + len(speech) / SAMPLE_RATE))
            at += len(speech) / SAMPLE_RATE
        samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return samples, spans


def _share_by_length(shown: list[str], seconds: float) -> list[tuple[str, float, float]]:
    """A recording's length shared among its sentences by their number of characters."""
    total = sum(len(s) for s in shown) or 1
    spans, at = [], 0.0
    for sentence in shown:
        length = seconds * len(sentence) / total
        spans.append((sentence, at, at + length))
        at += length
    return spans
