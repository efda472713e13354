"""Speech as sample arrays: one rate, WAV files, loudness, silence.

Everything the narration touches is mono float32 at ``SAMPLE_RATE``. 48 kHz is
what video players expect, and an AAC frame (1024 samples) then lasts 21 ms, so
a track's end can be placed close to its video's end.
"""

from __future__ import annotations

import os
import tempfile
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

__all__ = [
    "PEAK_CEILING",
    "SAMPLE_RATE",
    "TARGET_LUFS",
    "decoded",
    "limited",
    "loudness",
    "normalised",
    "read_wav",
    "resampled",
    "silence",
    "trimmed",
    "write_wav",
]

SAMPLE_RATE = 48_000
TARGET_LUFS = -16.0  # integrated loudness for speech online (AES TD1004, Apple, Spotify)
#: −2 dBFS: room for the overshoot of two AAC generations (a scene's track, then the
#: lecture's); at −1 dBFS one sample in 45 million reached +0.2 dBFS after both.
PEAK_CEILING = 10 ** (-2.0 / 20)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(max(0, round(seconds * SAMPLE_RATE)), dtype=np.float32)


def resampled(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` at ``rate`` brought to ``SAMPLE_RATE`` (polyphase, exact ratio)."""
    if rate == SAMPLE_RATE:
        return np.asarray(samples, dtype=np.float32)
    ratio = Fraction(SAMPLE_RATE, rate)
    out = resample_poly(np.asarray(samples, dtype=np.float64), ratio.numerator, ratio.denominator)
    return out.astype(np.float32)


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770), −inf for silence or very short audio."""
    if len(samples) < int(0.4 * SAMPLE_RATE) or not np.any(samples):
        return float("-inf")
    return float(pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples.astype(np.float64)))


def limited(samples: np.ndarray, ceiling: float = PEAK_CEILING) -> np.ndarray:
    """``samples`` with every peak above ``ceiling`` turned down smoothly.

    A peak limiter: the gain each sample needs is taken as the minimum over 5 ms
    around it, then averaged over 2.5 ms, so the gain never jumps (no clicks) and
    is never above what the loudest nearby sample allows (no clipping).
    """
    window = round(0.005 * SAMPLE_RATE)
    needed = np.minimum(1.0, ceiling / np.maximum(np.abs(samples), 1e-12))
    gain = uniform_filter1d(minimum_filter1d(needed, 2 * window + 1), window // 2)
    return np.clip(samples * np.minimum(gain, needed), -ceiling, ceiling).astype(np.float32)


def normalised(samples: np.ndarray, target: float = TARGET_LUFS) -> np.ndarray:
    """``samples`` at ``target`` LUFS, its few peaks above ``PEAK_CEILING`` limited.

    Speech peaks some 15–20 dB above its loudness, so bringing it to −16 LUFS
    pushes a few peaks past full scale: those are limited, the loudness measured
    again and the gain corrected. Samples too short or quiet to measure are
    returned as they are.
    """
    level = loudness(samples)
    if not np.isfinite(level):
        return samples
    out = samples
    for _ in range(8):
        out = limited(out * 10 ** ((target - level) / 20))
        level = loudness(out)
        if abs(level - target) < 0.1:
            break
    return out


def write_wav(path: Path, samples: np.ndarray, keep_existing: bool = False) -> Path:
    """16-bit mono WAV at ``SAMPLE_RATE``, written whole or not at all.

    With ``keep_existing``, a file already at ``path`` (another process's, written while
    this one made its samples) is kept and this one's dropped: the first writer wins,
    so every reader of a cache entry hears the same sound.
    """
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".wav.partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle, wave.open(handle, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(pcm.tobytes())
        if keep_existing:
            try:
                os.link(tmp, path)  # fails if the file exists: never replaces it
            except FileExistsError:
                pass
            Path(tmp).unlink()
        else:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_wav(path: Path) -> np.ndarray:
    """A WAV this module wrote, as float32 samples."""
    with wave.open(str(path), "rb") as source:
        if source.getnchannels() != 1 or source.getsampwidth() != 2:
            raise ValueError(f"{path}: not a 16-bit mono WAV")
        if source.getframerate() != SAMPLE_RATE:
            raise ValueError(f"{path}: not at {SAMPLE_RATE} Hz")
        data = source.readframes(source.getnframes())
    return (np.frombuffer(data, dtype="<i2").astype(np.float32) / 32767).astype(np.float32)


def decoded(path: Path, max_seconds: float | None = None) -> np.ndarray:
    """The first audio stream of any file PyAV reads, as mono float32 at ``SAMPLE_RATE``
    (empty when the file has no audio).

    Raises
    ------
    OverflowError
        When the sound runs past ``max_seconds``: decoding stops there, so an absurdly
        long file costs neither the time nor the memory of decoding it whole.
    """
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    blocks: list[np.ndarray] = []
    total = 0
    with av.open(str(path)) as container:
        if not container.streams.audio:
            return np.zeros(0, np.float32)
        for frame in container.decode(container.streams.audio[0]):
            for out in resampler.resample(frame):
                blocks.append(out.to_ndarray().reshape(-1))
                total += len(blocks[-1])
            if max_seconds is not None and total > max_seconds * SAMPLE_RATE:
                raise OverflowError(f"longer than {max_seconds:g} s")
        blocks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    return np.concatenate(blocks).astype(np.float32) if blocks else np.zeros(0, np.float32)


#: Leading and trailing stretches below −40 dBFS are trimmed to ``EDGE`` seconds, so a
#: step's words start on its first frame (Piper leaves a varying ¼ s of near-silence).
TRIM_LEVEL = 10 ** (-40 / 20)
EDGE = 0.05


def trimmed(samples: np.ndarray) -> np.ndarray:
    """``samples`` without their silent edges (``EDGE`` seconds kept before and after)."""
    loud = np.flatnonzero(np.abs(samples) > TRIM_LEVEL)
    if not loud.size:
        return samples
    edge = round(EDGE * SAMPLE_RATE)
    return samples[max(0, loud[0] - edge) : loud[-1] + 1 + edge]
