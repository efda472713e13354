"""Each step's narration as one audio clip, and when each sentence is said in it.

The voice is the synthetic one (Piper), the lecturer's recordings, or none. A
clip is the step's sentences with a short gap between them, brought to the
lecture's loudness; the scene plays it from the step's first frame and lasts
until it ends, plus a pause.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .audio import SAMPLE_RATE, normalised, silence, trimmed, write_wav
from .recordings import find_recording, read_recording
from .script import Words
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


@dataclass
class Narrator:
    """Makes the clips: ``mode`` is "voice" or "recordings" (off means no Narrator)."""

    voice: Voice
    clips: Path  # where step clips are written (content-addressed)
    recordings: Path | None = None
    missing: list[str] = field(default_factory=list)  # steps that fell back to the voice

    def step_audio(self, words: Words) -> StepAudio:
        pairs = words.sentences()
        recording = None
        if self.recordings is not None:
            recording = find_recording(self.recordings, words.step_id)
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
        return StepAudio(path, len(samples) / SAMPLE_RATE, spans, recording is not None)

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
