"""Render chapters in parallel, each in its own process, reusing what has not changed.

A *part* is what one chapter contributes (a video and its subtitles, or its stills).
It lives in a parts folder next to a small JSON manifest written last, which
records the fingerprint it was rendered for and each part file's size and SHA-256.
A part is reused only when its manifest reads back with every field of the right
type, its fingerprint matches, and every file still matches its record; anything
else (a truncated video, an edited caption file, a garbled manifest) is rendered
again. A failing chapter leaves the others' parts in place for the next run; an
interrupted export ends the renders that are running (see ``processes``).

A render that runs out of disk space is reported as such, naming the folder and how
much it had written (the least it needs), and its partial files are removed so that
the space is free again. Its log may say nothing (it is on the same full disk), so a
render that failed on a disk left with under ``LOW_SPACE`` free counts as one too.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
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

__all__ = [
    "LOW_SPACE",
    "MANIFEST_SHAPE",
    "Outcome",
    "Task",
    "build_parts",
    "cached",
    "free_space",
    "no_space",
    "render_all",
    "size_text",
]

LOG_TAIL = 12  # lines of a failed render's log quoted in the error
POLL_SECONDS = 0.5
#: A render that fails with less than this free beside it failed for lack of space:
#: Manim's working files for one scene take tens of megabytes (8–157 MB a scene for
#: the lecture), so a disk that low is full for a render.
LOW_SPACE = 16 << 20
NO_SPACE = os.strerror(errno.ENOSPC)  # "No space left on device", as tracebacks say it
#: Where a render was writing when the disk filled, as a Python traceback names it (Manim's
#: wraps long lines: the file may start on the next line, or run over several).
_NO_SPACE_AT = re.compile(rf"\[Errno {errno.ENOSPC}\] {re.escape(NO_SPACE)}:\s*'([^']+)'")

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

    @property
    def build(self) -> Path:
        """The render's own working folder (Manim's media folder): scratch, not the part."""
        return self.out / "build" / self.chapter.name

    def partial_files(self) -> list[Path]:
        """What an unfinished render leaves: its build folder, and any ``.partial`` file
        or folder of its own in the parts folder (see ``whole``)."""
        return [self.build, *self.parts.glob(f"{self.chapter.name}.*partial")]


@dataclass
class Outcome:
    chapter: Chapter
    status: str  # "cached", "rendered", "failed" or "stopped"
    manifest: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""
    full_disk: bool = False  # it failed for lack of disk space


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


def _log_text(log: Path) -> str:
    try:
        return log.read_text(errors="replace")
    except OSError:
        return ""


def _tail(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()][-LOG_TAIL:]
    return "\n".join("      " + line for line in lines)


def no_space(exc: BaseException) -> OSError | None:
    """The "no space left on device" error behind ``exc``, if that is what it comes from
    (a video library's error, say, wrapped in an ``ExportError`` on the way up)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def free_space(path: Path) -> int | None:
    """Bytes this user may still write on the disk that holds ``path`` (or the nearest
    folder above it that exists); ``None`` if that cannot be told."""
    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except FileNotFoundError:
            continue
        except OSError:
            return None
    return None


def _size(path: Path) -> int:
    """Bytes in the files at or under ``path`` (what can be read of them)."""
    files = [path] if path.is_file() else path.rglob("*")
    total = 0
    for file in files:
        try:
            total += file.stat().st_size if file.is_file() else 0
        except OSError:
            continue
    return total


def size_text(size: int) -> str:
    """``size`` bytes for people: ``52.0 KB``, ``3.4 GB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _out_of_space(task: Task, text: str, where: Path | None = None) -> str | None:
    """If the render failed for lack of disk space: what to tell the user, once its
    partial files are gone; ``None`` if it did not.

    ``text`` is what the render said (its log, or the error in this process);
    ``where`` the file it could not write, if known.
    """
    named = _NO_SPACE_AT.search(text)
    if where is None and named:
        where = Path(re.sub(r"\s*\n\s*", "", named[1]))
    where = where or task.out
    free = free_space(where)
    if NO_SPACE not in text and (free is None or free >= LOW_SPACE):
        return None
    partial = task.partial_files()
    written = sum(_size(p) for p in partial)
    for path in partial:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    space = "an unknown amount" if free is None else size_text(free)
    return (
        f"out of disk space writing to {where} ({space} free on its disk); the render had "
        f"written {size_text(written)} when it stopped, so it needs more than that free; "
        f"its partial files were removed ({task.build}); full log: {task.log}"
    )


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
        text = _log_text(task.log)
        full = _out_of_space(task, text)
        progress.set(name, "FAILED", "out of disk space" if full else f"see {task.log}")
        # The log's tail says no more than ``full`` when it names the full disk; when the
        # low free space alone said so, it may tell another story (or nothing, cut short).
        tail = "" if full and NO_SPACE in text else _tail(text)
        error = full or f"exit status {proc.returncode}; full log: {task.log}"
        error = f"{error}\n{tail}" if tail else error
        return Outcome(task.chapter, "failed", seconds=seconds, error=error, full_disk=bool(full))
    try:
        fields = task.collect()
        records = [file_record(task.parts, n) for n in task.files(fields)]
        manifest = {"fingerprint": task.fingerprint, "render_seconds": round(seconds, 2),
                    **fields, "files": records}  # fmt: skip
        write_json(task.manifest, manifest)
    except (OSError, ValueError, ExportError) as exc:  # a render that wrote no usable output
        full, cause = None, no_space(exc)
        if cause is not None:  # in this process, putting the part together
            where = Path(os.fsdecode(cause.filename)) if cause.filename else None
            full = _out_of_space(task, NO_SPACE, where)
        progress.set(name, "FAILED", "out of disk space" if full else str(exc))
        error = full or f"{exc}; log: {task.log}"
        return Outcome(task.chapter, "failed", seconds=seconds, error=error, full_disk=bool(full))
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
        why = " (out of disk space)" if any(o.full_disk for o in failed) else ""
        raise ExportError(f"{len(failed)} scene(s) failed to render{why}; {kept}:\n{details}")
    return outcomes
