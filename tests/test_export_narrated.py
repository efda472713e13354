"""make lecture with narration on: every part and the joined lecture carry the voice as
AAC, loudness set, ending with the video; subtitles are the narration, timed to it."""

from __future__ import annotations

import io
import json

import av
import numpy as np
import pytest
import srt
import webvtt
from export_helpers import ONE_STEP, TWO_STEPS, fixture_words
from fixtures.export_scenes import WORDS
from scipy import signal

from scenes.export.lecture import make_lecture
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.narration.audio import SAMPLE_RATE, TARGET_LUFS, decoded, loudness, read_wav

LOW = quality("l")
FRAME = 1 / LOW.fps


def streams_end(path) -> tuple[float, float]:
    with av.open(str(path)) as container:
        v, a = container.streams.video[0], container.streams.audio[0]
        return float(v.duration * v.time_base), float(a.duration * a.time_base)


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("narrated")
    with fixture_words(folder), pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_NARRATION", "voice")
        options = ExportOptions(LOW, folder / "out", jobs=2, stream=io.StringIO())
        first = make_lecture([TWO_STEPS, ONE_STEP], options)
        again = make_lecture([TWO_STEPS, ONE_STEP], options)
    return first, again


def test_the_lecture_and_every_part_carry_the_narration(narrated) -> None:
    result, _ = narrated
    parts = result.video.parent / "parts" / LOW.folder
    for video in [result.video, parts / "two.mp4", parts / "one.mp4"]:
        video_end, audio_end = streams_end(video)
        assert abs(video_end - audio_end) <= FRAME, video
    sound = decoded(result.video)
    assert abs(loudness(sound) - TARGET_LUFS) < 1.0
    assert np.abs(sound).max() < 1.0  # nothing clipped


def test_each_step_speaks_from_its_start(narrated) -> None:
    result, _ = narrated
    sound = np.abs(decoded(result.video))
    cues = list(srt.parse(result.subtitles.read_text(encoding="utf-8")))
    chapter_two = result.marks[1].start
    # the one-step chapter's narration starts with its chapter, within 0.1 s
    loud = np.flatnonzero(sound > 10 ** (-40 / 20)) / SAMPLE_RATE
    assert loud[loud >= chapter_two - 1e-6][0] - chapter_two < 0.1
    assert cues[0].start.total_seconds() < 0.1


def test_subtitles_are_the_narration_at_the_chapter_offsets(narrated) -> None:
    result, _ = narrated
    cues = list(srt.parse(result.subtitles.read_text(encoding="utf-8")))
    texts = [c.content.replace("\n", " ") for c in cues]
    assert texts == [WORDS["square"], WORDS["moved"], WORDS["only"]]
    assert cues[2].start.total_seconds() == pytest.approx(result.marks[1].start, abs=0.01)
    web = webvtt.read(str(result.video.with_suffix(".vtt")))
    assert [c.text.replace("\n", " ") for c in web] == texts


def test_a_second_run_renders_and_synthesizes_nothing(narrated) -> None:
    _, again = narrated
    assert [o.status for o in again.outcomes] == ["cached", "cached"]


def test_each_part_keeps_its_sound_before_aac_for_the_join(narrated) -> None:
    """The lecture's sound is encoded once, from each part's kept WAV: decoding a part's
    AAC and encoding it again let a sharp onset overshoot full scale (measured +0.6 dBFS)."""
    result, _ = narrated
    parts = result.video.parent / "parts" / LOW.folder
    for name in ("two", "one"):
        manifest = json.loads((parts / f"{name}.json").read_text())
        assert manifest["sound"] in {r["name"] for r in manifest["files"]}  # checked on reuse
        kept = read_wav(parts / manifest["sound"])
        assert len(kept) / SAMPLE_RATE == pytest.approx(manifest["duration"], abs=FRAME)
        heard = decoded(parts / manifest["video"])[: len(kept)]
        # the same sound: the AAC track matches the WAV at its best lag (the codec's delay)
        lags = signal.correlation_lags(len(heard), len(kept), mode="full")
        match = signal.correlate(heard, kept, mode="full", method="fft")
        match /= np.sqrt(np.sum(heard**2) * np.sum(kept**2))
        assert np.max(match[np.abs(lags) <= 4096]) > 0.95
    sound = decoded(result.video)
    assert 20 * np.log10(np.abs(sound).max()) < 0  # one AAC generation: nothing clips
