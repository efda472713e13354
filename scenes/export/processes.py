"""The render processes of one export: started in their own process groups, so that
an interrupted export can end each of them with everything it started.

Each render (Manim, or the stills worker) runs in a new session: Ctrl-C on the
terminal reaches the export only, and the export, not the terminal, decides how
the renders end: SIGTERM to each whole group (LaTeX and any other helper too),
SIGKILL to what is left after a short grace, and a wait, so none outlives it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

__all__ = ["GRACE_SECONDS", "ProcessGroups", "Stopped"]

GRACE_SECONDS = 3.0  # from SIGTERM to SIGKILL


class Stopped(Exception):
    """A render was about to start after the export began stopping."""


def _signal_group(proc: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(proc.pid, signum)  # the child leads its group: its pid is the group's id
    except (ProcessLookupError, PermissionError):
        pass  # the whole group is gone already


class ProcessGroups:
    """Starts render processes, and ends all of the running ones on request (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self.stopping = False

    def start(self, command: list[str], cwd: Path, log: IO[str]) -> subprocess.Popen:
        """Start ``command`` in its own session, its output going to ``log``.

        Raises
        ------
        Stopped
            If ``stop_all`` has begun: nothing new starts once the export is stopping.
        """
        with self._lock:
            if self.stopping:
                raise Stopped
            proc = subprocess.Popen(
                command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            self._running.add(proc)
            return proc

    def finished(self, proc: subprocess.Popen) -> None:
        """``proc`` has ended by itself; ``stop_all`` need not wait for it."""
        with self._lock:
            self._running.discard(proc)

    def stop_all(self, grace: float = GRACE_SECONDS) -> list[int]:
        """End every running render and its group, and wait for them; return their pids.

        SIGTERM first (a Python process ends on it at once), SIGKILL after ``grace``
        seconds for anything still there, including helpers left in a group whose
        leader has gone.
        """
        with self._lock:
            self.stopping = True
            procs = list(self._running)
        for proc in procs:
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in procs:
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for proc in procs:
            _signal_group(proc, signal.SIGKILL)
        for proc in procs:
            proc.wait()
        return [proc.pid for proc in procs]
