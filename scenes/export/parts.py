"""Render chapters in parallel, each in its own process, reusing what has not changed.

A *part* is what one chapter contributes (a video and its subtitles, or its stills).
It lives in a parts folder next to a small JSON manifest written last: a manifest
whose fingerprint matches means the part is complete and current, so it is reused.
A failing chapter leaves the others' parts in place for the next run.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Chapter, ExportError
from .options import ExportOptions
from .progress import Progress

__all__ = ["Outcome", "Task", "build_parts", "read_manifest", "render_all", "write_json"]

LOG_TAIL = 12  # lines of a failed render's log quoted in the error


@dataclass
class Task:
    """How to make one chapter's part, and how to tell how far along it is."""

    chapter: Chapter
    fingerprint: str
    parts: Path  # where the part and its manifest go
    out: Path  # the export's output folder (Manim's logs go in its logs/)
    command: list[str]
    done_units: Callable[[float], int]  # animations or stills finished since a time.time()
    unit: str
    collect: Callable[[], dict[str, Any]]  # moves the outputs into place; returns the manifest
    is_complete: Callable[[dict[str, Any]], bool] = lambda manifest: True

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
    status: str  # "cached", "rendered" or "failed"
    manifest: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` all at once (a reader never sees half a file)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, path)


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _cached(task: Task) -> dict[str, Any] | None:
    manifest = read_manifest(task.manifest)
    if manifest and manifest.get("fingerprint") == task.fingerprint and task.is_complete(manifest):
        return manifest
    return None


def _failure(log: Path, returncode: int) -> str:
    try:
        lines = [line.rstrip() for line in log.read_text(errors="replace").splitlines()]
    except OSError:
        lines = []
    lines = [line for line in lines if line.strip()][-LOG_TAIL:]
    tail = "\n".join("      " + line for line in lines)
    return f"exit status {returncode}; full log: {log}\n{tail}"


def _run(task: Task, progress: Progress, cwd: Path) -> Outcome:
    start, wall_start = time.perf_counter(), time.time()
    progress.set(task.chapter.name, "rendering")
    task.manifest.unlink(missing_ok=True)  # from here on the old part is not current
    task.log.parent.mkdir(parents=True, exist_ok=True)
    with task.log.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            task.command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        while proc.poll() is None:
            progress.set(
                task.chapter.name, "rendering", f"{task.done_units(wall_start)} {task.unit}"
            )
            time.sleep(0.5)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        progress.set(task.chapter.name, "FAILED", f"see {task.log}")
        return Outcome(
            task.chapter, "failed", seconds=seconds, error=_failure(task.log, proc.returncode)
        )
    try:
        manifest = task.collect()
    except (OSError, ValueError, ExportError) as exc:  # a render that wrote no usable output
        progress.set(task.chapter.name, "FAILED", str(exc))
        return Outcome(task.chapter, "failed", seconds=seconds, error=str(exc))
    manifest = {"fingerprint": task.fingerprint, "render_seconds": round(seconds, 2), **manifest}
    write_json(task.manifest, manifest)
    progress.set(task.chapter.name, "done", f"{seconds:.1f} s")
    return Outcome(task.chapter, "rendered", manifest, seconds)


def build_parts(
    tasks: Sequence[Task],
    jobs: int,
    cwd: Path,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Every task's part, rendered ``jobs`` at a time unless a current one exists."""
    progress = progress or Progress([t.chapter.name for t in tasks])
    outcomes: dict[str, Outcome] = {}
    todo = []
    for task in tasks:
        manifest = None if force else _cached(task)
        if manifest is not None:
            outcomes[task.chapter.name] = Outcome(task.chapter, "cached", manifest)
            progress.set(task.chapter.name, "cached", "unchanged since the last render")
        else:
            todo.append(task)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for outcome in pool.map(lambda t: _run(t, progress, cwd), todo):
            outcomes[outcome.chapter.name] = outcome
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
