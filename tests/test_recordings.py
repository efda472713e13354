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
from scenes.narration.recordings import (
    RecordingError,
    find_recording,
    read_recording,
    unmatched_recordings,
)
from scenes.narration.script import Words, load_script
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


def video_only(path: Path) -> Path:
    """A few frames of video and no sound, in an MP4 container (what a phone's screen
    recording or a camera's clip saved as .m4a is)."""
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for _ in range(5):
            frame = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def test_a_recording_without_sound_is_one_message(tmp_path: Path) -> None:
    """Not "not an audio file PyAV can decode (…: has no audio stream)": PyAV decoded it."""
    path = video_only(tmp_path / "demo.step.m4a")
    with pytest.raises(RecordingError) as info:
        read_recording(path)
    message = str(info.value)
    assert message.startswith(f"{path}: has no audio stream")
    assert message.count(str(path)) == 1 and "cannot decode" not in message


@pytest.mark.parametrize("suffix", [".WAV", ".Wav", ".MP3", ".flac"])
def test_a_recording_is_found_whatever_the_case_of_its_suffix(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"demo.step{suffix}"
    path.write_bytes(b"")
    (tmp_path / "demo.step.txt").write_bytes(b"")  # not a recording's suffix
    assert find_recording(tmp_path, "demo.step") == path
    assert find_recording(tmp_path, "demo.other") is None


def test_the_same_step_in_two_cases_is_two_recordings(tmp_path: Path) -> None:
    (tmp_path / "demo.step.wav").write_bytes(b"")
    (tmp_path / "demo.step.WAV").write_bytes(b"")
    if len(list(tmp_path.iterdir())) < 2:
        pytest.skip("this file system does not tell names apart by case")
    with pytest.raises(RecordingError, match=r"more than one recording for step demo\.step"):
        find_recording(tmp_path, "demo.step")


SCRIPT = """[meta]
language = "en"

[demo.answer]
headline = "h"
narration = "n"

[demo.answer-wrong]
headline = "h"
narration = "n"

[other.start]
headline = "h"
narration = "n"
"""


def test_a_file_that_matches_no_step_is_named_with_the_closest_step(tmp_path: Path) -> None:
    script_file = tmp_path / "words.toml"
    script_file.write_text(SCRIPT, encoding="utf-8")
    script = load_script(script_file)
    folder = tmp_path / "recordings"
    folder.mkdir()
    for name in (
        "demo.answer.WAV",  # a step's
        "demo.answer-wrong.wav",  # another configuration's variant: not a mistake
        "demo.answer-2.mp3",  # a repeated step's part
        "demo.answr.wav",  # misspelt
        "take-three.m4a",  # like no step at all
        "notes.txt",  # not a recording
    ):
        (folder / name).write_bytes(b"")
    found = unmatched_recordings(folder, script.has_step, script.step_ids())
    assert found == [(folder / "demo.answr.wav", "demo.answer"), (folder / "take-three.m4a", None)]


def narrator(tmp_path: Path, folder: Path, fallback: str = "voice") -> Narrator:
    voice = Voice(packaged_voice_model(), tmp_path / "sentences")
    return Narrator(voice, tmp_path / "clips", folder, fallback=fallback)


def test_recordings_fallback_error_refuses_naming_every_missing_step_and_the_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    encode(folder / "demo.one.wav", "pcm_s16le", 0.5, 0.3)
    encode(folder / "demo.tow.wav", "pcm_s16le", 0.5, 0.3)  # misspelt
    strict = narrator(tmp_path, folder, "error")
    with pytest.raises(RecordingError) as info:
        strict.check_steps(["demo.one", "demo.two", "demo.three"])
    message = str(info.value)
    assert message.startswith(f"{folder}: no recording for step(s) demo.two, demo.three")
    assert "demo.tow" in message and "recordings_fallback = error" in message
    strict.check_steps(["demo.one"])  # every step recorded: nothing to refuse
    # and at a step whose recording went missing after the check, before any synthesis
    with pytest.raises(RecordingError, match=r"no recording for step\(s\) demo\.two"):
        strict.step_audio(Words("demo.two", "h", "Spoken by nobody.", "en"))
    assert strict.voice.synthesized == 0
    narrator(tmp_path, folder, "voice").check_steps(["demo.two"])  # the voice stands in


def test_the_narrator_names_fallbacks_and_unused_files_of_its_own_scene(tmp_path: Path) -> None:
    script_file = tmp_path / "words.toml"
    script_file.write_text(SCRIPT, encoding="utf-8")
    script = load_script(script_file)
    folder = tmp_path / "recordings"
    folder.mkdir()
    for name in ("demo.answr.wav", "other.strat.wav", "take-three.wav"):
        (folder / name).write_bytes(b"")
    speaker = narrator(tmp_path, folder)
    speaker.missing.append("demo.answer")
    speaker.asked.append("demo.answer")
    lines = speaker.warnings(script, "demo")
    assert len(lines) == 3 and all(line.startswith("warning: ") for line in lines)
    assert "demo.answer" in lines[0] and str(folder) in lines[0]
    assert str(folder / "demo.answr.wav") in lines[1] and "closest step: demo.answer" in lines[1]
    assert str(folder / "take-three.wav") in lines[2]  # like no step: every scene names it
    # other.strat resembles a step of another scene: that scene's render names it
    assert not any("other.strat" in line for line in lines)
    assert any(
        "other.strat" in line for line in narrator(tmp_path, folder).warnings(script, "other")
    )
