"""scenes/narration/recordings.py and narrator.py: the lecturer's own voice, one file per
step in any common format; a missing one falls back to the synthetic voice, a bad one
is named."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.narration import recordings
from scenes.narration.audio import SAMPLE_RATE, TARGET_LUFS, loudness, read_wav
from scenes.narration.narrator import Narrator
from scenes.narration.recordings import RecordingError, find_recording, read_recording
from scenes.narration.script import Words
from scenes.narration.voice import Voice, packaged_voice_model


def encode(path: Path, codec: str, seconds: float, amplitude: float, rate: int = 44100) -> Path:
    """A voice-like tone (with a little silence at both ends) in ``codec``."""
    t = np.arange(round(seconds * rate)) / rate
    samples = amplitude * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    samples = np.concatenate([np.zeros(rate // 4), samples, np.zeros(rate // 4)])
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout="stereo")
        fmt = stream.codec_context.format.name if stream.codec_context.format else "s16"
        block = 1152
        for start in range(0, len(samples), block):
            chunk = samples[start : start + block]
            stereo = np.stack([chunk, chunk]).astype(np.float32)
            frame = av.AudioFrame.from_ndarray(
                stereo.reshape(1, -1) if not fmt.endswith("p") else stereo, format="flt"
                if not fmt.endswith("p") else "fltp", layout="stereo",
            )  # fmt: skip
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize(("suffix", "codec"), [(".wav", "pcm_s16le"), (".mp3", "libmp3lame"),
                                               (".flac", "flac")])  # fmt: skip
def test_recordings_in_common_formats_are_read_and_trimmed(
    tmp_path: Path, suffix: str, codec: str
) -> None:
    path = encode(tmp_path / f"demo.step{suffix}", codec, 1.5, 0.3)
    samples = read_recording(path)
    assert samples.dtype == np.float32
    # the quarter second of silence at each end is trimmed to about 50 ms
    assert 1.5 <= len(samples) / SAMPLE_RATE <= 1.5 + 2 * 0.05 + 0.06
    assert find_recording(tmp_path, "demo.step") == path


@pytest.mark.parametrize(
    ("content", "message"),
    [("text", "not an audio file PyAV can decode"), ("silent", "silent"),
     ("long", "longer than")],
)  # fmt: skip
def test_a_bad_recording_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    path = tmp_path / "demo.step.wav"
    if content == "text":
        path.write_text("not audio")
    elif content == "silent":
        encode(path, "pcm_s16le", 1.0, 0.0)
    else:
        monkeypatch.setattr(recordings, "MAX_SECONDS", 1.0)
        encode(path, "pcm_s16le", 3.0, 0.3)
    with pytest.raises(RecordingError) as info:
        read_recording(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_two_recordings_for_one_step_are_refused(tmp_path: Path) -> None:
    encode(tmp_path / "demo.step.wav", "pcm_s16le", 0.5, 0.3)
    encode(tmp_path / "demo.step.mp3", "libmp3lame", 0.5, 0.3)
    with pytest.raises(RecordingError, match=r"more than one recording for step demo\.step"):
        find_recording(tmp_path, "demo.step")


def test_a_missing_recording_falls_back_to_the_voice_and_is_listed(tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    encode(folder / "demo.one.mp3", "libmp3lame", 2.0, 0.05)
    narrator = Narrator(
        Voice(packaged_voice_model(), tmp_path / "sentences"), tmp_path / "clips", folder
    )
    one = narrator.step_audio(Words("demo.one", "h", "First part. Second part.", "en"))
    two = narrator.step_audio(Words("demo.two", "h", "Spoken by the voice.", "en"))
    assert one.recorded and not two.recorded
    assert narrator.missing == ["demo.two"]
    assert narrator.voice.synthesized == 1
    # a recording's time is shared by its sentences' lengths; loudness set either way
    (first, a0, a1), (second, b0, b1) = one.spans
    assert a0 == 0 and a1 == b0 and b1 == pytest.approx(one.seconds)
    assert (a1 - a0) / (b1 - b0) == pytest.approx(len(first) / len(second))
    for audio in (one, two):
        assert abs(loudness(read_wav(audio.path)) - TARGET_LUFS) < 0.5
