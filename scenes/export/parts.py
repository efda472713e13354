"""Render chapters in parallel, each in its own process, reusing what has not changed.

A *part* is what one chapter contributes (a video and its subtitles, or its stills).
It lives in a parts folder next to a small JSON manifest written last, which
records the fingerprint it was rendered for and each part file's size and SHA-256.
A part is reused only when its manifest reads back with every field of the right
type, its fingerprint matches, and every file still matches its record; anything
else (a truncated video, an edited caption file, a garbled manifest) is rendered
again. A failing chapter leaves the others' parts in place for the next run; an
interrupted export ends the renders that are running (see ``processes``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Chapter, ExportError
from .integrity import RECORD_SHAPE, file_record, intact
from .interrupt import signals_held
from .jsonfile import Shape, read_json, write_json
from .options import ExportOptions
from .processes import ProcessGroups, Stopped
from .progress import Progress

__all__ = ["MANIFEST_SHAPE", "Outcome", "Task", "build_parts", "cached", "render_all"]

LOG_TAIL = 12  # lines of a failed render's log quoted in the error
POLL_SECONDS = 0.5

#: What every manifest has, whatever the kind of part.
MANIFEST_SHAPE = {"fingerprint": str, "render_seconds": (int, float), "files": [RECORD_SHAPE]}


@dataclass
class Task:
    """How to make one chapter's part, how to tell how far along it is, and what it is."""

    chapter: Chapter
    fingerprint: str
    parts: Path  # where the part and its manifest go
    out: Path  # the export's output folder (Manim's logs go in its logs/)
    command: list[str]
    done_units: Callable[[float], int]  # animations or stills finished since a time.time()
    unit: str
    collect: Callable[[], dict[str, Any]]
    """Checks the render's outputs are usable, moves them into ``parts`` and returns
    the manifest's own fields; raises ``ExportError`` for a broken render."""
    shape: Mapping[str, Shape]  # the types of the fields ``collect`` returns
    files: Callable[[dict[str, Any]], list[str]]
    """The part files a manifest names, relative to ``parts``: hashed when collected,
    checked before reuse."""

    @property
    def manifest(self) -> Path:
        """Written last: its presence with this fingerprint means the part is done."""
        return self.parts / f"{self.chapter.name}.json"

    @property
    def log(self) -> Path:
        return self.out / "logs" / f"{self.chapter.name}.log"


@dataclass
class Outcome:
    chapter: Chapter
    status: str  # "cached", "rendered", "failed" or "stopped"
    manifest: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""


def cached(task: Task) -> dict[str, Any] | None:
    """The task's manifest if its part is current and whole; ``None`` means render it."""
    manifest = read_json(task.manifest, {**MANIFEST_SHAPE, **task.shape})
    if manifest is None or manifest["fingerprint"] != task.fingerprint:
        return None
    try:
        names = task.files(manifest)
    except (KeyError, TypeError, ValueError):
        return None
    recorded = {record["name"] for record in manifest["files"]}
    if set(names) != recorded or not intact(task.parts, manifest["files"], names):
        return None
    return manifest


def _failure(log: Path, returncode: int) -> str:
    try:
        lines = [line.rstrip() for line in log.read_text(errors="replace").splitlines()]
    except OSError:
        lines = []
    lines = [line for line in lines if line.strip()][-LOG_TAIL:]
    tail = "\n".join("      " + line for line in lines)
    return f"exit status {returncode}; full log: {log}\n{tail}"


def _run(task: Task, progress: Progress, cwd: Path, groups: ProcessGroups) -> Outcome:
    start, wall_start = time.perf_counter(), time.time()
    name = task.chapter.name
    progress.set(name, "rendering")
    task.manifest.unlink(missing_ok=True)  # from here on the old part is not current
    task.log.parent.mkdir(parents=True, exist_ok=True)
    with task.log.open("w", encoding="utf-8") as log:
        try:
            proc = groups.start(task.command, cwd, log)
        except Stopped:
            progress.set(name, "stopped")
            return Outcome(task.chapter, "stopped")
        try:
            while proc.poll() is None:
                progress.set(name, "rendering", f"{task.done_units(wall_start)} {task.unit}")
                time.sleep(POLL_SECONDS)
        finally:
            groups.finished(proc)
    seconds = time.perf_counter() - start
    if groups.stopping:
        progress.set(name, "stopped")
        return Outcome(task.chapter, "stopped", seconds=seconds)
    if proc.returncode != 0:
        progress.set(name, "FAILED", f"see {task.log}")
        return Outcome(
            task.chapter, "failed", seconds=seconds, error=_failure(task.log, proc.returncode)
        )
    try:
        fields = task.collect()
        records = [file_record(task.parts, n) for n in task.files(fields)]
    except (OSError, ValueError, ExportError) as exc:  # a render that wrote no usable output
        progress.set(name, "FAILED", str(exc))
        return Outcome(task.chapter, "failed", seconds=seconds, error=f"{exc}; log: {task.log}")
    manifest = {"fingerprint": task.fingerprint, "render_seconds": round(seconds, 2), **fields,
                "files": records}  # fmt: skip
    write_json(task.manifest, manifest)
    progress.set(name, "done", f"{seconds:.1f} s")
    return Outcome(task.chapter, "rendered", manifest, seconds)


def build_parts(
    tasks: Sequence[Task],
    jobs: int,
    cwd: Path,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Every task's part, rendered ``jobs`` at a time unless a current one exists.

    If this is interrupted (``KeyboardInterrupt``, which ``Interrupted`` is, or any
    other exception in the waiting thread), the running renders are ended with
    their process groups and waited for, no other starts, and the exception goes on.
    """
    progress = progress or Progress([t.chapter.name for t in tasks])
    outcomes: dict[str, Outcome] = {}
    todo = []
    for task in tasks:
        manifest = None if force else cached(task)
        if manifest is not None:
            outcomes[task.chapter.name] = Outcome(task.chapter, "cached", manifest)
            progress.set(task.chapter.name, "cached", "unchanged since the last render")
        else:
            todo.append(task)
    groups = ProcessGroups()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = [pool.submit(_run, task, progress, cwd, groups) for task in todo]
        for future in futures:
            outcome = future.result()
            outcomes[outcome.chapter.name] = outcome
    except BaseException:
        with signals_held():  # a second Ctrl-C must not cut the clean-up short
            groups.stop_all()
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return [outcomes[t.chapter.name] for t in tasks]


def render_all(
    tasks: Sequence[Task], options: ExportOptions, cwd: Path, kept: str
) -> list[Outcome]:
    """``build_parts`` with a progress table; every part, or an error.

    Raises
    ------
    ExportError
        Naming each failed chapter with the end of its log; ``kept`` tells the
        user what was kept and what was left untouched.
    """
    progress = Progress([t.chapter.name for t in tasks], options.messages)
    outcomes = build_parts(tasks, options.jobs, cwd, options.force, progress)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        details = "\n".join(f"  {o.chapter.name}: {o.error}" for o in failed)
        raise ExportError(f"{len(failed)} scene(s) failed to render; {kept}:\n{details}")
    return outcomes
