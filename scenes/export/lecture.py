"""``make lecture``: every chapter rendered (in parallel, only when changed), then joined."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import webvtt

from . import video_worker
from .catalogue import PROJECT_ROOT, Chapter, ExportError
from .fingerprint import fingerprint
from .join import ChapterMark, join_videos, merge_subtitles
from .jsonfile import read_json
from .media import check_subtitles, check_video
from .options import ExportOptions
from .parts import Outcome, Task, render_all
from .publish import publish, staged
from .quality import Quality

__all__ = ["SUBTITLES", "VIDEO", "LectureResult", "make_lecture", "summary", "video_task"]

VIDEO, SUBTITLES, WEB_SUBTITLES = "lecture.mp4", "lecture.srt", "lecture.vtt"
#: One step of a video part: its clip (``--save_sections``, no sound), where it starts
#: in the part's video, and its words (from ``video_worker``): what ``make present`` shows.
STEP_SHAPE = {
    "clip": str,
    "section": str,
    "start": (int, float),
    "duration": (int, float),
    "headline": str,
    "narration": (str, type(None)),
}
#: The types of a video part's manifest fields (see ``parts.MANIFEST_SHAPE``).
VIDEO_SHAPE = {
    "video": str,
    "subtitles": (str, type(None)),
    "duration": (int, float),
    "steps_folder": str,
    "steps": [STEP_SHAPE],
}


@dataclass(frozen=True)
class LectureResult:
    video: Path
    subtitles: Path
    marks: list[ChapterMark]
    outcomes: list[Outcome]
    captions: int

    @property
    def duration(self) -> float:
        return self.marks[-1].end if self.marks else 0.0


def _count_since(folder: Path, pattern: str, since: float) -> int:
    try:
        return sum(1 for f in folder.glob(pattern) if f.stat().st_mtime >= since)
    except OSError:
        return 0


def video_task(chapter: Chapter, q: Quality, out: Path, digest: str) -> Task:
    """Render ``chapter`` with Manim's own command line into its own media folder."""
    build = out / "build" / chapter.name  # own folder: parallel renders share no LaTeX files
    rendered = build / "videos" / chapter.path.stem / q.folder
    parts = out / "parts" / q.folder
    video, subtitles = parts / f"{chapter.name}.mp4", parts / f"{chapter.name}.srt"
    steps = parts / f"{chapter.name}.steps"  # one clip per step, for make present
    words = build / "words.json"

    def collect() -> dict:
        made = rendered / f"{chapter.scene}.mp4"
        if not made.is_file():
            raise ExportError(f"Manim finished but wrote no video at {made}")
        duration = check_video(made)
        made_srt = rendered / f"{chapter.scene}.srt"
        has_srt = made_srt.is_file()
        if has_srt:
            check_subtitles(made_srt)
        step_list = _step_clips(rendered / "sections", chapter.scene, words)
        parts.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(steps, ignore_errors=True)
        os.replace(rendered / "sections", steps)
        os.replace(made, video)
        if has_srt:
            os.replace(made_srt, subtitles)
        else:
            subtitles.unlink(missing_ok=True)
        return {
            "video": video.name,
            "subtitles": subtitles.name if has_srt else None,
            "duration": round(duration, 6),
            "steps_folder": steps.name,
            "steps": step_list,
        }

    def files(manifest: dict) -> list[str]:
        clips = [f"{manifest['steps_folder']}/{s['clip']}" for s in manifest["steps"]]
        return [n for n in (manifest["video"], manifest["subtitles"]) if n] + clips

    words.unlink(missing_ok=True)
    command = [
        # Manim's own command line, also noting each step's words (see video_worker)
        sys.executable, "-m", "scenes.export.video_worker", str(words),
        "render", f"-q{q.flag}", "--media_dir", str(build),
        # The fingerprint already decides what to re-render; Manim's own per-animation
        # cache would only hash every mobject of every play call on top of that.
        "--disable_caching", "--progress_bar", "none",
        "--save_sections",  # a clip per step: the slides of make present
        str(chapter.path), chapter.scene,
    ]  # fmt: skip
    return Task(
        chapter=chapter,
        fingerprint=digest,
        parts=parts,
        out=out,
        command=command,
        done_units=lambda since: _count_since(
            rendered / "partial_movie_files" / chapter.scene, "*.mp4", since
        ),
        unit="animations",
        collect=collect,
        shape=VIDEO_SHAPE,
        files=files,
    )


def _step_clips(sections: Path, scene: str, words_file: Path) -> list[dict]:
    """Each step's clip from Manim's section index, with the words the scene gave it.

    Raises
    ------
    ExportError
        If the index or the words are missing or do not match step for step.
    """
    index = read_json(sections / f"{scene}.json", [{"name": str, "video": str}])
    words = read_json(words_file, [video_worker.WORDS_SHAPE])
    if index is None or words is None:
        raise ExportError(f"Manim finished but wrote no usable step clips in {sections}")
    if [s["name"] for s in index] != [w["section"] for w in words]:
        raise ExportError(
            f"{scene}: the step clips in {sections} do not match its steps "
            f"({[s['name'] for s in index]} vs {[w['section'] for w in words]})"
        )
    steps, start = [], 0.0
    for section, said in zip(index, words, strict=True):
        length = check_video(sections / section["video"])
        steps.append({"clip": section["video"], **said, "start": round(start, 6),
                      "duration": round(length, 6)})  # fmt: skip
        start += length
    return steps


def make_lecture(chapters: Sequence[Chapter], options: ExportOptions) -> LectureResult:
    """Render what changed, then publish ``lecture.mp4``, ``lecture.srt`` and ``lecture.vtt``.

    All three are built in the folder's staging area and replace the previous
    pair together (``publish``): an error or a signal before that leaves the
    previous pair as it was.

    Raises
    ------
    ExportError
        If a chapter fails (the others' parts are kept for the next run, and the
        previous lecture files are left as they were).
    ExportInputError
        If the folder is not writable or another export is using it.
    Interrupted
        On SIGINT or SIGTERM, once the renders have been stopped.
    """
    q, out = options.quality, options.out
    extra = [Path(video_worker.__file__)]
    with options.session() as inputs:
        tasks = [
            video_task(c, q, out, fingerprint(c, "video", q.folder, inputs, extra))
            for c in chapters
        ]
        print(
            f"Rendering {len(tasks)} scene(s) at {q.folder}, {options.jobs} at a time:",
            file=options.messages,
        )
        kept = (
            f"the other scenes' parts are kept in {out / 'parts' / q.folder} and "
            f"{out / VIDEO} was not updated"
        )
        outcomes = render_all(tasks, options, PROJECT_ROOT, kept)
        parts = out / "parts" / q.folder
        videos = [parts / o.manifest["video"] for o in outcomes]
        subtitles = [parts / o.manifest["subtitles"] if o.manifest.get("subtitles") else None
                     for o in outcomes]  # fmt: skip
        with staged(out) as staging:
            marks = join_videos(videos, [c.title for c in chapters], staging / VIDEO)
            captions = merge_subtitles(subtitles, marks, staging / SUBTITLES)
            webvtt.from_srt(str(staging / SUBTITLES)).save(str(staging / WEB_SUBTITLES))
            publish(out, [VIDEO, SUBTITLES, WEB_SUBTITLES])
    return LectureResult(out / VIDEO, out / SUBTITLES, marks, outcomes, captions)


def summary(result: LectureResult, wall: float) -> str:
    """What was made, how long it is, and where the time went."""
    lines = ["", "Chapters:"]
    for mark, outcome in zip(result.marks, result.outcomes, strict=True):
        how = "cached" if outcome.status == "cached" else f"rendered in {outcome.seconds:.1f} s"
        lines.append(
            f"  {_clock(mark.start)}  {mark.title:<42} {mark.end - mark.start:6.1f} s  ({how})"
        )
    size = result.video.stat().st_size / 1e6
    lines += [
        f"Video:     {result.video}  ({_clock(result.duration)}, {size:.1f} MB)",
        f"Subtitles: {result.subtitles}  ({result.captions} captions)",
        f"Wall time: {wall:.1f} s ({wall / max(result.duration, 1e-9):.2f}× the lecture's length)",
    ]
    return "\n".join(lines)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:04.1f}"
