"""``make lecture``: every chapter rendered (in parallel, only when changed), then joined."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogue import PROJECT_ROOT, Chapter, ExportError
from .fingerprint import fingerprint
from .join import ChapterMark, join_videos, merge_subtitles, video_duration
from .options import ExportOptions
from .parts import Outcome, Task, render_all
from .quality import Quality

__all__ = ["LectureResult", "make_lecture", "summary", "video_task"]


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

    def collect() -> dict:
        parts.mkdir(parents=True, exist_ok=True)
        made = rendered / f"{chapter.scene}.mp4"
        if not made.is_file():
            raise ExportError(f"Manim finished but wrote no video at {made}")
        os.replace(made, video)
        made_srt = rendered / f"{chapter.scene}.srt"
        has_srt = made_srt.is_file()
        if has_srt:
            os.replace(made_srt, subtitles)
        return {
            "video": video.name,
            "subtitles": subtitles.name if has_srt else None,
            "duration": video_duration(video),
        }

    def complete(manifest: dict) -> bool:
        names = [manifest.get("video"), manifest.get("subtitles")]
        return bool(names[0]) and all((parts / n).is_file() for n in names if n)

    command = [
        sys.executable, "-m", "manim", "render", f"-q{q.flag}", "--media_dir", str(build),
        # The fingerprint already decides what to re-render; Manim's own per-animation
        # cache would only hash every mobject of every play call on top of that.
        "--disable_caching", "--progress_bar", "none", str(chapter.path), chapter.scene,
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
        is_complete=complete,
    )


def make_lecture(chapters: Sequence[Chapter], options: ExportOptions) -> LectureResult:
    """Render what changed, then write ``lecture.mp4`` and ``lecture.srt`` in ``options.out``.

    Raises
    ------
    ExportError
        If a chapter fails (the others' parts are kept for the next run, and the
        previous lecture files are left as they were) or the folder is not writable.
    """
    config = options.begin()
    q, out = options.quality, options.out
    tasks = [video_task(c, q, out, fingerprint(c, "video", q.folder, config)) for c in chapters]
    print(
        f"Rendering {len(tasks)} scene(s) at {q.folder}, {options.jobs} at a time:",
        file=options.messages,
    )
    kept = (
        f"the other scenes' parts are kept in {out / 'parts' / q.folder} and "
        f"{out / 'lecture.mp4'} was not updated"
    )
    outcomes = render_all(tasks, options, PROJECT_ROOT, kept)
    parts = out / "parts" / q.folder
    videos = [parts / o.manifest["video"] for o in outcomes]
    subtitles = [parts / o.manifest["subtitles"] if o.manifest.get("subtitles") else None
                 for o in outcomes]  # fmt: skip
    video, srt_path = out / "lecture.mp4", out / "lecture.srt"
    marks = join_videos(videos, [c.title for c in chapters], video)
    captions = merge_subtitles(subtitles, marks, srt_path)
    return LectureResult(video, srt_path, marks, outcomes, captions)


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
