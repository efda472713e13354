"""The narrated lecture measured: pace, subtitles, synthesis speed, sound.

Run: ``.venv/bin/python benchmarks/bench_narration.py [--lecture media/lecture]``
after ``make lecture`` (any quality). It prints, with the targets beside them:

- words per minute of narration, and the lecture's duration;
- subtitle cues: the share within 17 characters a second and 2 × 42 characters,
  the shortest cue;
- synthesis: seconds per second of speech, cold (a fresh cache) and cached,
  over a sample of the script's real sentences;
- sound: integrated loudness (LUFS), clipped samples, the longest silence inside
  a step, where audio and video end, and how soon each step's narration starts.

Nobody can listen on a build machine; these numbers are how the sound is checked.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from statistics import median

import av
import numpy as np
import srt

from scenes.config import load_config
from scenes.narration.audio import SAMPLE_RATE, decoded, loudness
from scenes.narration.cues import MAX_CPS, MAX_LINE, MAX_LINES, MIN_SECONDS
from scenes.narration.narrator import PAUSE
from scenes.narration.script import load_script
from scenes.narration.spoken import sentences, speakable
from scenes.narration.voice import Voice

SILENCE = 10 ** (-50 / 20)  # below −50 dBFS counts as silence


def _seconds(ticks: int, base: Fraction | None, what: str) -> float:
    """``ticks`` of a stream's or chapter's time base, in seconds."""
    if base is None:
        raise ValueError(f"{what} has no time base")
    return float(ticks * base)


def decoded_audio(video: Path) -> tuple[np.ndarray, float, float]:
    """The lecture's audio as mono float at SAMPLE_RATE, and where audio and video end."""
    with av.open(str(video)) as container:
        v, a = container.streams.video[0], container.streams.audio[0]
        if v.duration is None:
            raise ValueError(f"{video}: the video stream's duration is not known")
        video_end = _seconds(v.duration, v.time_base, f"{video}: the video stream")
        audio_end = (
            _seconds(a.duration, a.time_base, f"{video}: the audio stream")
            if a.duration
            else float("nan")
        )
    return decoded(video), video_end, audio_end


def chapter_marks(video: Path) -> list[tuple[float, float]]:
    with av.open(str(video)) as container:
        return [
            (
                _seconds(c["start"], c["time_base"], f"{video}: chapter {c['id']}"),
                _seconds(c["end"], c["time_base"], f"{video}: chapter {c['id']}"),
            )
            for c in container.chapters()
        ]


def subtitle_report(path: Path) -> None:
    cues = list(srt.parse(path.read_text(encoding="utf-8")))
    rates = [len(c.content.replace("\n", " ")) / (c.end - c.start).total_seconds() for c in cues]
    fits = [
        len(c.content.split("\n")) <= MAX_LINES
        and all(len(line) <= MAX_LINE for line in c.content.split("\n"))
        for c in cues
    ]
    shortest = min((c.end - c.start).total_seconds() for c in cues)
    print(f"subtitles: {len(cues)} cues in {path.name}")
    print(f"  ≤ {MAX_CPS:g} characters/s: {np.mean(np.array(rates) <= MAX_CPS + 1e-6):.1%} "
          f"(target 100 %; fastest {max(rates):.1f}/s, median {median(rates):.1f}/s)")  # fmt: skip
    print(f"  ≤ {MAX_LINES} lines of {MAX_LINE}: {np.mean(fits):.1%} (target 100 %)")
    print(f"  shortest cue: {shortest:.2f} s (target ≥ {MIN_SECONDS:g} s)")


def synthesis_report(sample: int) -> None:
    config = load_config()
    script = load_script(config.script)
    texts = []
    for scene in script.steps.values():
        for entry in scene.values():
            literal = entry["narration"]
            texts += [speakable(s) for s in sentences(literal) if "{" not in s]
    texts = texts[:sample]
    if not texts:
        print("synthesis: no placeholder-free sentences to sample")
        return
    with tempfile.TemporaryDirectory() as cache:
        voice = Voice(config.voice_model, Path(cache))
        voice.sentence("Warm up.")  # loading the model is not synthesis
        start = time.perf_counter()
        speech = sum(len(voice.sentence(t)) for t in texts) / SAMPLE_RATE
        cold = time.perf_counter() - start
        start = time.perf_counter()
        for t in texts:
            voice.sentence(t)
        cached = time.perf_counter() - start
    print(f"synthesis: {len(texts)} sentences, {speech:.1f} s of speech")
    print(f"  cold:   {cold / speech:.3f} s per second of speech (target ≤ 0.3)")
    print(f"  cached: {cached / speech:.4f} s per second of speech, 0 synthesized (target 0)")


def sound_report(lecture: Path) -> None:
    video = lecture / "lecture.mp4"
    marks = [start for start, _ in chapter_marks(video)]
    samples, video_end, audio_end = decoded_audio(video)
    print(f"sound: {len(samples) / SAMPLE_RATE:.1f} s decoded from {video.name}")
    print(f"  loudness: {loudness(samples):.2f} LUFS integrated (target −16)")
    print(f"  clipped samples (|x| ≥ 1): {int(np.sum(np.abs(samples) >= 0.999))} (target 0); "
          f"peak {20 * np.log10(np.abs(samples).max()):.2f} dBFS")  # fmt: skip
    gap = abs(video_end - audio_end) * 1000
    print(f"  ends: video {video_end:.3f} s, audio {audio_end:.3f} s, "
          f"difference {gap:.1f} ms (target ≤ one frame)")  # fmt: skip
    cues = list(srt.parse((lecture / "lecture.srt").read_text(encoding="utf-8")))
    loud = np.abs(samples) > SILENCE
    # inside a step = from a cue group's first speech to its last; longest quiet stretch
    longest, where = 0.0, 0.0
    quiet = np.flatnonzero(~loud)
    if quiet.size:
        breaks = np.flatnonzero(np.diff(quiet) > 1)
        runs = np.split(quiet, breaks + 1)
        spoken = [(c.start.total_seconds(), c.end.total_seconds()) for c in cues]
        for run in runs:
            a, b = run[0] / SAMPLE_RATE, (run[-1] + 1) / SAMPLE_RATE
            inside = any(s < a and b < e for s, e in spoken)
            if inside and b - a > longest:
                longest, where = b - a, a
    print(f"  longest silence inside a cue: {longest:.2f} s at {where:.1f} s (target ≤ 2 s)")
    gaps = [
        ((b.start - a.end).total_seconds(), a.end.total_seconds())
        for a, b in itertools.pairwise(cues)
        if not any(a.end.total_seconds() <= m < b.start.total_seconds() + 1e-3 for m in marks)
    ]
    gap, at = max(gaps) if gaps else (0.0, 0.0)
    print(f"  longest quiet stretch between two cues of a chapter: {gap:.2f} s at {at:.1f} s "
          f"(pictures outlasting their words; a step's own end pause: {PAUSE} s)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lecture", type=Path, default=Path("media/lecture"))
    parser.add_argument("--sample", type=int, default=20, help="sentences to synthesize")
    args = parser.parse_args()
    srt_path = args.lecture / "lecture.srt"
    if srt_path.is_file():
        cues = list(srt.parse(srt_path.read_text(encoding="utf-8")))
        words = sum(len(c.content.split()) for c in cues)
        marks = chapter_marks(args.lecture / "lecture.mp4")
        duration = marks[-1][1]
        print(f"lecture: {duration / 60:.1f} min, {words} words of narration, "
              f"{words / (duration / 60):.0f} words/min (target 140–160)")  # fmt: skip
        subtitle_report(srt_path)
        sound_report(args.lecture)
    else:
        print(f"no lecture in {args.lecture}: run `make lecture` first (synthesis only)")
    synthesis_report(args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
