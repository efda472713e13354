"""``make lecture``: every chapter rendered (in parallel, only when changed), then joined."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import srt
import webvtt

from lecture.inputs import Inputs
from scenes.config import ConfigError
from scenes.narration.languages import language
from scenes.narration.recordings import (
    RecordingError,
    fallback_warning,
    unmatched_recordings,
    unmatched_warning,
)
from scenes.narration.script import step_id_of
from scenes.narration.voice import VoiceError
from scenes.narration.voices import check_narration

from . import video_worker
from .catalogue import PROJECT_ROOT, Chapter, ExportError, check_titles
from .fingerprint import fingerprint
from .integrity import intact, safe_name
from .join import ChapterMark, SubtitleTrack, join_videos, merge_subtitles
from .jsonfile import read_json
from .media import check_video
from .options import ExportOptions
from .outputs import link_or_copy
from .parts import MANIFEST_SHAPE, Outcome, Task, render_all
from .publish import publish, staged
from .quality import Quality
from .transcript import step_descriptions, transcript_chapters, write_lecture_text
from .whole import whole

__all__ = [
    "SUBTITLES",
    "VIDEO",
    "LectureResult",
    "kept_clips",
    "make_lecture",
    "recording_notes",
    "summary",
    "video_task",
    "video_tasks",
]

VIDEO, SUBTITLES, WEB_SUBTITLES = "lecture.mp4", "lecture.srt", "lecture.vtt"
#: One step of a video part: its clip (``--save_sections``, no sound), where it starts
#: in the part's video, its words (from ``video_worker``) and the key its clip was
#: drawn for (a later render keeps the clip when the key is the same).
STEP_SHAPE = {
    "clip": str,
    "section": str,
    "start": (int, float),
    "duration": (int, float),
    "headline": str,
    "narration": (str, type(None)),
    "key": str,
    "fallback": bool,  # the synthetic voice spoke it: its recording was missing
}
#: The types of a video part's manifest fields (see ``parts.MANIFEST_SHAPE``).
VIDEO_SHAPE = {
    "video": str,
    "subtitles": (str, type(None)),
    "sound": (str, type(None)),  # the sound track as WAV (narration on), joined from
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
    #: Warnings about the lecturer's recordings (``recording_notes``), for the summary.
    recordings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.marks[-1].end if self.marks else 0.0


def _count_since(folder: Path, pattern: str, since: float) -> int:
    try:
        return sum(1 for f in folder.glob(pattern) if f.stat().st_mtime >= since)
    except OSError:
        return 0


def kept_clips(chapter: Chapter, parts: Path) -> dict[str, Path]:
    """The step clips of ``chapter``'s last render that are whole, by the key each was
    drawn for (nothing if its manifest is missing, garbled or its clips were touched)."""
    manifest = read_json(parts / f"{chapter.name}.json", {**MANIFEST_SHAPE, **VIDEO_SHAPE})
    if manifest is None or not safe_name(manifest["steps_folder"]):
        return {}
    folder = manifest["steps_folder"]
    kept = {}
    for step in manifest["steps"]:
        name = f"{folder}/{step['clip']}"
        if safe_name(step["clip"]) and intact(parts, manifest["files"], [name]):
            kept[step["key"]] = parts / name
    return kept


def video_task(
    chapter: Chapter, q: Quality, out: Path, digest: str, drawing: str, force: bool = False
) -> Task:
    """Render ``chapter`` with Manim's own command line into its own media folder.

    Steps whose clip from the last render was drawn for the same key (``drawing``,
    the chapter's fingerprint without the steps' own words, with the step's words:
    ``video_worker.step_key``) are not drawn again: their clips are kept, and the
    chapter's video, sound and subtitles are put together from its steps.
    """
    build = out / "build" / chapter.name  # own folder: parallel renders share no LaTeX files
    rendered = build / "videos" / chapter.path.stem / q.folder
    parts = out / "parts" / q.folder
    video, subtitles = parts / f"{chapter.name}.mp4", parts / f"{chapter.name}.srt"
    sound = parts / f"{chapter.name}.wav"  # the video's sound track, before AAC: for the join
    steps = parts / f"{chapter.name}.steps"  # one clip per step, for make present
    words = build / "words.json"
    kept = {} if force else kept_clips(chapter, parts)

    def collect() -> dict:
        said = read_json(words, [video_worker.WORDS_SHAPE])
        if not said:
            raise ExportError(f"Manim finished but {words} holds no steps")
        drawn = _drawn_clips(rendered / "sections", chapter.scene, said)
        fresh = steps.with_name(steps.name + ".partial")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        step_list, start = [], 0.0
        for number, step in enumerate(said):
            clip = f"{number:03d}-{step['section']}.mp4"
            if step["reused"]:
                if step["key"] not in kept:
                    raise ExportError(f"{chapter.scene}: kept a step it was not offered")
                link_or_copy(kept[step["key"]], fresh / clip)
            else:
                os.replace(drawn[step["section"]], fresh / clip)
            length = check_video(fresh / clip)
            step_list.append({"clip": clip, "section": step["section"], "start": round(start, 6),
                              "duration": round(length, 6), "headline": step["headline"],
                              "narration": step["narration"], "key": step["key"],
                              "fallback": step["fallback"]})  # fmt: skip
            start += length
        sound.unlink(missing_ok=True)  # a last render's, perhaps with narration on
        marks = join_videos(
            [fresh / s["clip"] for s in step_list],
            [s["section"] for s in step_list],
            video,
            [Path(s["sound"]) if s["sound"] else None for s in said],
            keep_sound=sound,
        )
        captions = _captions(said, marks)
        if captions:
            with whole(subtitles) as partial:
                partial.write_text(srt.compose(captions, reindex=True), encoding="utf-8")
        else:
            subtitles.unlink(missing_ok=True)
        shutil.rmtree(steps, ignore_errors=True)
        os.replace(fresh, steps)
        return {
            "video": video.name,
            "subtitles": subtitles.name if captions else None,
            "sound": sound.name if sound.is_file() else None,
            "duration": round(marks[-1].end, 6),
            "steps_folder": steps.name,
            "steps": step_list,
        }

    def files(manifest: dict) -> list[str]:
        clips = [f"{manifest['steps_folder']}/{s['clip']}" for s in manifest["steps"]]
        return [
            n for n in (manifest["video"], manifest["subtitles"], manifest["sound"]) if n
        ] + clips

    words.unlink(missing_ok=True)
    shutil.rmtree(rendered / "sections", ignore_errors=True)  # a last render's drawn steps
    keeping = json.dumps({"drawing": drawing, "kept": sorted(kept)})
    command = [
        # Manim's own command line, also noting each step's words and keeping the steps
        # that did not change (see video_worker)
        sys.executable, "-m", "scenes.export.video_worker", str(words), keeping,
        "render", f"-q{q.flag}", "--media_dir", str(build),
        # The fingerprints already decide what to re-render; Manim's own per-animation
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


def video_tasks(
    chapters: Sequence[Chapter], q: Quality, out: Path, inputs: Inputs, force: bool
) -> list[Task]:
    """A ``video_task`` for each chapter, with its fingerprints for these inputs.

    Raises
    ------
    ConfigError
        If the narration cannot say the chapters' steps (``check_narration``: with
        ``recordings_fallback = error`` a step without a recording, named with every other
        such step; the voice speaking another language than the script's), before
        anything renders (``make lecture``, ``make present``).
    """
    _check_narration(chapters, inputs)
    extra = [Path(video_worker.__file__)]
    return [
        video_task(
            c, q, out,
            fingerprint(c, "video", q.folder, inputs, extra),
            fingerprint(c, "video", q.folder, inputs, extra, spoken=False),
            force,
        )
        for c in chapters
    ]  # fmt: skip


def _check_narration(chapters: Sequence[Chapter], inputs: Inputs) -> None:
    """Refuse in one line what the narration cannot say for ``chapters``' steps
    (``check_narration``: a step without a recording under ``recordings_fallback = error``,
    the synthetic voice reading another language than its own), naming every such step
    at once rather than one failed render per chapter. The steps are the chapters' plans'
    (which steps this configuration has), planned only when the check needs them."""

    def step_ids() -> Iterator[str]:
        for chapter in chapters:
            try:
                plan = importlib.import_module(f"lecture.chapters.{chapter.name}").plan
                steps = plan(inputs).steps
            except Exception:  # not a lecture chapter, or a plan that fails: its render says
                continue
            for step in steps:
                yield step_id_of(chapter.path.stem, step.key, step.part)

    try:
        check_narration(inputs.config, inputs.script, step_ids())
    except (RecordingError, VoiceError) as exc:  # two recordings for one step, too
        raise ConfigError(str(exc)) from None


def _drawn_clips(sections: Path, scene: str, said: list[dict]) -> dict[str, Path]:
    """The clip Manim drew for each step that was not kept, by step id.

    Raises
    ------
    ExportError
        If the index is missing or does not match the drawn steps one for one.
    """
    wanted = [s["section"] for s in said if not s["reused"]]
    if not wanted:
        return {}
    index = read_json(sections / f"{scene}.json", [{"name": str, "video": str}])
    if index is None:
        raise ExportError(f"Manim finished but wrote no usable step clips in {sections}")
    if [s["name"] for s in index] != wanted:
        raise ExportError(
            f"{scene}: the step clips in {sections} do not match its steps "
            f"({[s['name'] for s in index]} vs {wanted})"
        )
    return {s["name"]: sections / s["video"] for s in index}


def _captions(said: list[dict], marks: list[ChapterMark]) -> list[srt.Subtitle]:
    """Each step's subtitles placed at its clip's start, none past its clip's end."""
    captions = []
    for step, mark in zip(said, marks, strict=True):
        for text, start, end in step["said"]:
            begin, finish = mark.start + start, min(mark.start + end, mark.end)
            if finish > begin:
                captions.append(
                    srt.Subtitle(0, timedelta(seconds=begin), timedelta(seconds=finish), text)
                )
    return captions


def make_lecture(chapters: Sequence[Chapter], options: ExportOptions) -> LectureResult:
    """Render what changed, then publish ``lecture.mp4``, ``lecture.srt`` and ``lecture.vtt``.

    ``lecture.mp4`` carries the subtitles too, as a track in the script's language. All
    three are built in the folder's staging area and replace the previous set together
    (``publish``): an error or a signal before that leaves the previous set as it was.

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
    check_titles(chapters)  # each has a title in the script, before anything is written
    with options.session() as inputs:
        tasks = video_tasks(chapters, q, out, inputs, options.force)
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
            sounds = [parts / o.manifest["sound"] if o.manifest["sound"] else None
                      for o in outcomes]  # fmt: skip
            # The subtitles also go into the video, as a track in the script's language.
            spoken = language(inputs.script.language)
            track = SubtitleTrack(subtitles, spoken.iso639_2, spoken.own_name)
            marks = join_videos(
                videos, [c.title for c in chapters], staging / VIDEO, sounds, subtitles=track
            )
            captions = merge_subtitles(subtitles, marks, staging / SUBTITLES)
            webvtt.from_srt(str(staging / SUBTITLES)).save(str(staging / WEB_SUBTITLES))
            # The lecture as text: transcript.html and .pdf, and the descriptions track.
            text = transcript_chapters(
                [m.title for m in marks], [o.manifest for o in outcomes],
                [m.start for m in marks], step_descriptions(chapters, inputs),
            )  # fmt: skip
            written = write_lecture_text(text, inputs.script, staging, VIDEO, WEB_SUBTITLES)
            publish(out, [VIDEO, SUBTITLES, WEB_SUBTITLES, *written])
        notes = recording_notes(outcomes, inputs)
    return LectureResult(out / VIDEO, out / SUBTITLES, marks, outcomes, captions, notes)


def recording_notes(outcomes: Sequence[Outcome], inputs: Inputs) -> list[str]:
    """What the lecturer should know of their recordings once the chapters are made
    (``narration = recordings``): one line naming every step the synthetic voice spoke
    for want of a recording, one for each file of the folder whose name is no step's.

    The renders write these only to their logs; the steps that fell back are read from
    the parts' manifests (so a cached chapter still counts) and the folder is read now.
    """
    config = inputs.config
    if config.narration != "recordings":
        return []
    steps = [step for o in outcomes for step in o.manifest.get("steps", [])]
    fell_back = [step["section"] for step in steps if step.get("fallback")]
    lines = [fallback_warning(config.recordings, fell_back)] if fell_back else []
    script = inputs.script
    candidates = [*script.step_ids(), *(step["section"] for step in steps)]
    for path, closest in unmatched_recordings(config.recordings, script.has_step, candidates):
        lines.append(unmatched_warning(path, closest))
    return lines


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
        *result.recordings,
    ]
    return "\n".join(lines)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:04.1f}"
