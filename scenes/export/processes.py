"""The render processes of one export: started in their own process groups, so that
an interrupted export can end each of them with everything it started.

Each render (Manim, or the stills worker) runs in a new session: Ctrl-C on the
terminal reaches the export only, and the export, not the terminal, decides how
the renders end: SIGTERM to each whole group (LaTeX and any other helper too),
SIGKILL to what is left after a short grace, and a wait, so none outlives it.

An export killed outright (``kill -9``, the OOM killer) runs none of that, so each
render also watches its export: it holds the read end of a pipe whose write end
only the export holds (its *lifeline*). However the export ends, the kernel closes
that end; the render reads end-of-file and ends its own process group at once, so
no render goes on beside the next export's. The render runs as
``python -m scenes.export.processes FD -m MODULE ARGS…``: this module, which starts
that watch in a thread and runs ``MODULE`` as ``python -m MODULE ARGS…`` would, in
the same process. (Linux's ``PR_SET_PDEATHSIG`` would end the render when the
*thread* that started it ends, a pool thread of the export, and only the render,
not its helpers; the pipe follows the whole export, on any POSIX system.)
"""

from __future__ import annotations

import builtins
import os
import runpy
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

__all__ = ["GRACE_SECONDS", "GUARD", "ProcessGroups", "Stopped", "guarded", "lifeline"]

GRACE_SECONDS = 3.0  # from SIGTERM to SIGKILL
GUARD = "scenes.export.processes"  # this module, run around every render (see main)

_lifeline_lock = threading.Lock()
_lifeline: tuple[int, int] | None = None  # read end, write end


class Stopped(Exception):
    """A render was about to start after the export began stopping."""


def lifeline() -> int:
    """The read end of this process's lifeline (see the module's docstring).

    Made once per process and never closed: the write end must stay open for as
    long as this process lives, and be held by no other (``os.pipe`` makes both ends
    non-inheritable, a render is given the read end alone, and a forked child lets
    go of both: ``_forget_lifeline``).
    """
    global _lifeline
    with _lifeline_lock:
        if _lifeline is None:
            _lifeline = os.pipe()
        return _lifeline[0]


def _forget_lifeline() -> None:
    """In a child forked from this process: close the parent's lifeline, which would
    otherwise keep the parent's renders alive until this child ends too. (Another
    thread may have held the lock as the process forked: the child gets a new one.)"""
    global _lifeline, _lifeline_lock
    for fd in _lifeline or ():
        try:
            os.close(fd)
        except OSError:
            pass
    _lifeline, _lifeline_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_lifeline)


def guarded(command: Sequence[str], fd: int) -> list[str]:
    """``command`` (``python -m MODULE …`` or ``python -c CODE …``), watching ``fd``.

    Raises
    ------
    ValueError
        For any other command: only Python can run the watch in the render itself.
    """
    if len(command) < 3 or command[1] not in ("-m", "-c"):
        raise ValueError(f"a render runs `python -m MODULE` or `python -c CODE`, not {command}")
    return [command[0], "-m", GUARD, str(fd), *command[1:]]


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
        """Start ``command`` in its own session, its output going to ``log``, watching
        this process's lifeline (``guarded``): it ends with this process, however that
        ends, whichever thread started it.

        Raises
        ------
        Stopped
            If ``stop_all`` has begun: nothing new starts once the export is stopping.
        """
        with self._lock:
            if self.stopping:
                raise Stopped
            fd = lifeline()
            proc = subprocess.Popen(
                guarded(command, fd), cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True, pass_fds=(fd,),
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


def _watch(fd: int) -> None:
    """In a render: end its whole process group once ``fd`` reads end-of-file.

    Nothing is ever written to the pipe, so ``read`` returns only when every write
    end is closed: when the export has ended. A render that is not the leader of its
    group (run by hand) ends alone.
    """

    def wait() -> None:
        while os.read(fd, 1):
            pass
        leader = os.getpgrp() == os.getpid()
        (os.killpg if leader else os.kill)(os.getpid(), signal.SIGKILL)

    threading.Thread(target=wait, name="export-lifeline", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m scenes.export.processes FD -m MODULE ARGS…`` (or ``FD -c CODE ARGS…``):
    run the render as ``python -m MODULE ARGS…`` would, watching the lifeline ``FD``."""
    fd, how, target, *args = sys.argv[1:] if argv is None else argv
    _watch(int(fd))
    if how == "-m":
        sys.argv = [target, *args]  # run_module puts the module's file first, as -m does
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c", *args]
        code = compile(target, "<string>", "exec")
        exec(code, {"__name__": "__main__", "__builtins__": builtins})


if __name__ == "__main__":
    main()
