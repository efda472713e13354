"""One export per output folder at a time.

Two exports writing into one folder (``make lecture`` twice, or with another
``LECTURE_PALETTE``) would mix their parts and deliverables silently. Each export
holds an ``flock`` on a lock file in its folder: the kernel releases it when the
process ends, however it ends, so a crashed run never blocks the next one. The
file also says who holds it (pid, start time), for the message the next one gets.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .catalogue import ExportInputError

__all__ = ["LOCK_FILE", "FolderLock"]

LOCK_FILE = ".export.lock"


def _describe(holder: dict) -> str:
    pid = holder.get("pid", "unknown")
    started = holder.get("started")
    return f"pid {pid}, started {started}" if started else f"pid {pid}"


def _read(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 65536).decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class FolderLock:
    """Held for the whole of one export into ``folder``; refused while another holds it.

    Parameters
    ----------
    folder
        The output folder (it must exist).
    notes
        Where to say that a lock left by an export that did not finish was taken over.

    Raises
    ------
    ExportInputError
        On entry, when another export holds the folder: naming its pid and start time.
    """

    def __init__(self, folder: Path, notes: TextIO | None = None) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self.notes = notes if notes is not None else sys.stdout
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise ExportInputError(
                f"{self.folder} is in use by another export ({_describe(holder)}); "
                "wait for it or stop it"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        left = _read(fd)  # emptied on a clean exit: anything here was a run that died
        if left:
            print(
                f"note: {self.folder}: taking over from an export that did not finish "
                f"({_describe(left)})",
                file=self.notes,
            )
        me = {"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is None:
            return
        # Emptied, not deleted: deleting would let a waiting process lock an inode
        # that is no longer the file's, while a third one locks the new file.
        try:
            os.ftruncate(self._fd, 0)
        finally:
            os.close(self._fd)  # releases the flock
            self._fd = None
