"""Does the picture move with the voice, and does the voice spend numbers sparingly?

Run: ``.venv/bin/python benchmarks/bench_motion.py [--lecture media/lecture]`` after
``make lecture`` (any quality). It decodes ``lecture.mp4`` and reads ``lecture.srt``,
and prints, with the targets beside them:

- still frames: the share of frames that show nothing changed since the frame a
  quarter second earlier (a few pixels of antialiasing aside);
- still stretches: the share of the lecture in still stretches of 6 s or more, the
  longest still stretch while the voice speaks, and the longest few, with where they
  are (chapter and time);
- spoken numbers: the computed values the narration says (every placeholder of a
  narration filled with a number, read from each chapter's plan and the script, so a
  number said as a word counts too), the numerals in the subtitles with the decimals
  of more than two significant figures among them, and the most in one sentence;
- length and pace: the lecture's duration and its words a minute.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import srt

from scenes.narration.spoken import NUMBER, sentences

#: A frame counts as changed when more than this share of its pixels moved by more
#: than ``LEVELS`` grey levels (at the analysis size): antialiasing noise does not.
CHANGED_SHARE = 1e-4
LEVELS = 6
#: Frames are compared with the frame this many seconds earlier.
LAG = 0.25
#: Analysis size (frames are downscaled to it before comparing).
SIZE = (320, 180)
LONG_STILL = 6.0


@dataclass(frozen=True)
class Stretch:
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def frame_changes(video: Path) -> tuple[np.ndarray, float]:
    """Per frame, whether it differs from the frame ``LAG`` seconds earlier; and the fps."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        if stream.average_rate is None:
            raise ValueError(f"{video}: no frame rate")
        fps = float(stream.average_rate)
        lag = max(1, round(LAG * fps))
        history: list[np.ndarray] = []
        changed = []
        for frame in container.decode(stream):
            small = frame.reformat(width=SIZE[0], height=SIZE[1], format="gray")
            grey = small.to_ndarray().astype(np.int16)
            if len(history) >= lag:
                moved = np.abs(grey - history[-lag]) > LEVELS
                changed.append(moved.mean() > CHANGED_SHARE)
            else:
                changed.append(True)  # the first quarter second counts as moving
            history.append(grey)
            if len(history) > lag:
                history.pop(0)
    return np.array(changed, dtype=bool), fps


def still_stretches(changed: np.ndarray, fps: float) -> list[Stretch]:
    """Runs of still frames, in seconds."""
    stretches, start = [], None
    for i, moving in enumerate([*changed, True]):
        if not moving and start is None:
            start = i
        elif moving and start is not None:
            stretches.append(Stretch(start / fps, i / fps))
            start = None
    return stretches


def speaking(subtitles: list[srt.Subtitle], stretch: Stretch) -> float:
    """Seconds of ``stretch`` during which a subtitle (the voice) is on."""
    total = 0.0
    for cue in subtitles:
        a = max(stretch.start, cue.start.total_seconds())
        b = min(stretch.end, cue.end.total_seconds())
        total += max(0.0, b - a)
    return total


def longest_spoken_still(subtitles: list[srt.Subtitle], stretch: Stretch) -> float:
    """The longest part of ``stretch`` covered by voice without a break over 1 s."""
    spans = sorted(
        (max(stretch.start, c.start.total_seconds()), min(stretch.end, c.end.total_seconds()))
        for c in subtitles
    )
    best, run_start, run_end = 0.0, None, None
    for a, b in spans:
        if b <= a:
            continue
        if run_end is not None and run_start is not None and a - run_end <= 1.0:
            run_end = max(run_end, b)
        else:
            run_start, run_end = a, b
        best = max(best, run_end - run_start)
    return best


def significant_figures(decimal: str) -> int:
    """Significant figures of a written decimal ("0.007" → 1, "12.84" → 4)."""
    digits = decimal.replace(",", "").replace(".", "").lstrip("-−").lstrip("0")
    return len(digits)


@dataclass(frozen=True)
class Numbers:
    """The numbers a narration says."""

    count: int
    long_decimals: list[str]  # decimals with more than two significant figures
    most_in_a_sentence: int
    busiest: str  # the sentence with the most


def number_report(text: str) -> Numbers:
    """How many numbers ``text`` says, its long decimals, its busiest sentence."""
    found = list(NUMBER.finditer(text))
    decimals = [m.group(0) for m in found if m.group(3)]
    said = sentences(text)
    busiest = max(said, key=lambda s: len(NUMBER.findall(s)), default="")
    return Numbers(
        len(found),
        [d for d in decimals if significant_figures(d.rstrip("%")) > 2],
        len(NUMBER.findall(busiest)),
        busiest,
    )


def spoken_values() -> tuple[int, dict[str, int]]:
    """Computed values the narration says, in all and by chapter: each placeholder of a
    step's narration whose value is a number (a list of numbers counts each)."""
    import importlib
    import string

    from lecture.catalogue import CATALOGUE
    from lecture.inputs import load_inputs

    inputs = load_inputs()
    by_chapter = {}
    for entry in CATALOGUE:
        scene = getattr(importlib.import_module(f"scenes.{entry.name}"), entry.scene)
        count = 0
        for step in scene.PLAN(inputs).steps:
            template = inputs.script.steps[entry.name][step.key]["narration"]
            for _, name, _, _ in string.Formatter().parse(template):
                value = step.values.get(name.split(".")[0].split("[")[0]) if name else None
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    count += 1
                elif isinstance(value, (list, tuple)):
                    count += sum(isinstance(v, (int, float)) for v in value)
        by_chapter[entry.name] = count
    return sum(by_chapter.values()), by_chapter


def chapter_at(video: Path, seconds: float) -> str:
    with av.open(str(video)) as container:
        for chapter in container.chapters():
            base = chapter["time_base"]
            if base is None:
                continue
            start, end = float(chapter["start"] * base), float(chapter["end"] * base)
            if start <= seconds < end:
                return str(chapter["metadata"].get("title", "?"))
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lecture", type=Path, default=Path("media/lecture"))
    args = parser.parse_args()
    video, subtitles_file = args.lecture / "lecture.mp4", args.lecture / "lecture.srt"
    subtitles = list(srt.parse(subtitles_file.read_text(encoding="utf-8")))
    changed, fps = frame_changes(video)
    length = len(changed) / fps
    stretches = still_stretches(changed, fps)
    long = [s for s in stretches if s.length >= LONG_STILL]
    spoken = max((longest_spoken_still(subtitles, s) for s in stretches), default=0.0)
    text = " ".join(re.sub(r"\s+", " ", c.content) for c in subtitles)
    words = len(text.split())
    numbers = number_report(text)
    print(f"lecture: {length / 60:.1f} min ({length:.1f} s at {fps:g} fps)   target 14–17 min")
    print(f"pace: {words / (length / 60):.0f} words a minute ({words} words)   target 140–160")
    print(f"still frames: {1 - changed.mean():.1%}   target ≤ 60 %")
    share = sum(s.length for s in long) / length
    print(f"in still stretches of {LONG_STILL:g} s or more: {share:.1%}   target ≤ 15 %")
    print(f"longest still stretch while the voice speaks: {spoken:.1f} s   target ≤ 10 s")
    for s in sorted(stretches, key=lambda s: -s.length)[:5]:
        print(
            f"  still {s.length:5.1f} s at {s.start:7.1f} s ({chapter_at(video, s.start)}), "
            f"voice on for {speaking(subtitles, s):.1f} s of it"
        )
    total, by_chapter = spoken_values()
    print(f"computed values spoken: {total}   target ≤ 60")
    print("  " + ", ".join(f"{name} {n}" for name, n in by_chapter.items()))
    print(f"numerals in the subtitles: {numbers.count}")
    long_decimals = numbers.long_decimals
    print(f"decimals of more than two significant figures: {len(long_decimals)}   target 0")
    if long_decimals:
        print(f"  {', '.join(long_decimals)}")
    print(f"most numbers in one sentence: {numbers.most_in_a_sentence}   target ≤ 2")
    print(f"  {numbers.busiest}")


if __name__ == "__main__":
    main()
