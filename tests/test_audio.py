"""scenes/narration/audio.py: loudness set to the target, peaks kept under −1 dBFS."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm

from scenes.narration.audio import (
    PEAK_CEILING,
    SAMPLE_RATE,
    TARGET_LUFS,
    loudness,
    normalised,
    read_wav,
    resampled,
    write_wav,
)


def tone(seconds: float, amplitude: float, hz: float = 220.0) -> np.ndarray:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def test_loudness_is_the_libraries_measure() -> None:
    signal = tone(3, 0.1)
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    assert loudness(signal) == meter.integrated_loudness(signal.astype(np.float64))


def test_quiet_speech_is_brought_to_the_target() -> None:
    out = normalised(tone(3, 0.01))
    assert abs(loudness(out) - TARGET_LUFS) < 0.05
    assert np.abs(out).max() <= PEAK_CEILING


def test_a_peak_is_never_pushed_past_the_ceiling() -> None:
    signal = tone(3, 0.02)
    signal[1000] = 0.9  # one spike: reaching the target would clip it
    out = normalised(signal)
    assert np.abs(out).max() <= PEAK_CEILING + 1e-6


def test_silence_and_very_short_sounds_are_left_alone() -> None:
    assert not normalised(np.zeros(SAMPLE_RATE, np.float32)).any()
    short = tone(0.1, 0.1)
    np.testing.assert_array_equal(normalised(short), short)


def test_wav_round_trip_and_resampling(tmp_path: Path) -> None:
    signal = tone(1, 0.5)
    back = read_wav(write_wav(tmp_path / "a.wav", signal))
    np.testing.assert_allclose(back, signal, atol=1 / 32767)
    assert len(resampled(tone(1, 0.5)[:22050], 22050)) == SAMPLE_RATE


def test_a_kept_cache_entry_is_never_replaced(tmp_path: Path) -> None:
    """Piper draws noise, so two renders making one sentence at once get two sounds: the
    first entry written stands, and both then read it."""
    path = tmp_path / "sentence.wav"
    first, second = tone(0.2, 0.5), tone(0.3, 0.25)
    write_wav(path, first, keep_existing=True)
    write_wav(path, second, keep_existing=True)
    assert len(read_wav(path)) == len(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sentence.wav"]  # no leftovers
    write_wav(path, second)  # without it, a write replaces
    assert len(read_wav(path)) == len(second)
