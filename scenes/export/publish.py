"""An export's deliverables appear together or not at all.

Everything one run delivers (``lecture.mp4`` with ``lecture.srt``; the stills with
``lecture.pdf``, ``lecture.pptx`` and ``slides.json``) is first built in full in a
staging folder inside the output folder. Publishing then writes a journal naming
the files to move into place and the previous run's files to delete, does that with
SIGINT and SIGTERM held back, and deletes the journal. If the process dies even
then, the next export into the folder finds the journal and finishes the job (the
staged files were complete before the journal was written); a staging folder
without a journal is an unfinished build, and is thrown away. Until publishing,
the previous deliverables are not touched.

This holds against the process being killed at any point; files are not fsync'ed,
so a power cut may still lose the last run's data.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .catalogue import ExportError
from .interrupt import deliver_after_publishing, signals_held
from .jsonfile import read_json, write_json

__all__ = ["JOURNAL", "STAGING", "publish", "recover", "staged"]

STAGING = ".staging"
JOURNAL = ".publish.json"
_JOURNAL_SHAPE = {"publish": [str], "delete": [str]}


def _plain(name: str) -> bool:
    """A file name with no folder in it: the journal may only touch the output folder."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name


def _move(source: Path, target: Path) -> None:
    """One staged file into place (atomic: the target is the old file or the new one)."""
    os.replace(source, target)


def _apply(out: Path, journal: dict) -> None:
    """Carry out ``journal``; safe to repeat after it was cut short at any point."""
    staging = out / STAGING
    for name in journal["publish"]:
        if (staging / name).exists():  # else moved already, before a crash
            _move(staging / name, out / name)
    for name in journal["delete"]:
        (out / name).unlink(missing_ok=True)
    (out / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def recover(out: Path) -> str | None:
    """Finish publishing, or throw away a build, that a killed export left in ``out``.

    Called at the start of every export, holding the folder's lock. Returns a
    one-line note for the user when there was something to do.

    Raises
    ------
    ExportError
        If the interrupted publishing cannot be finished (the files stay for a retry).
    """
    journal_path, staging = out / JOURNAL, out / STAGING
    journal = read_json(journal_path, _JOURNAL_SHAPE)
    if journal is not None and all(map(_plain, journal["publish"] + journal["delete"])):
        try:
            _apply(out, journal)
        except OSError as exc:
            raise ExportError(
                f"cannot finish publishing the outputs an interrupted export left in {out} ({exc})"
            ) from exc
        return f"note: {out}: finished publishing what an interrupted export had built"
    if journal_path.exists() or staging.exists():
        journal_path.unlink(missing_ok=True)  # unreadable: written by no finished publish
        shutil.rmtree(staging, ignore_errors=True)
        return f"note: {out}: threw away the unfinished build of an interrupted export"
    return None


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh, empty staging folder in ``out`` for one run's deliverables.

    Removed again if the body fails before ``publish`` wrote its journal.
    """
    folder = out / STAGING
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        yield folder
    except BaseException:
        if not (out / JOURNAL).exists():
            shutil.rmtree(folder, ignore_errors=True)
        raise


def publish(out: Path, names: Sequence[str], obsolete: Iterable[str] = ()) -> None:
    """Move the staged ``names`` into ``out`` and delete ``obsolete`` files, as one step.

    Parameters
    ----------
    out
        The output folder; the files are in its staging folder, complete.
    names
        File names to move from the staging folder into ``out``, replacing any there.
    obsolete
        File names in ``out`` from the previous run that this one does not replace.

    Raises
    ------
    ExportError
        If moving fails part way (a retry by the next export is set up).
    Interrupted
        If SIGINT or SIGTERM arrived meanwhile: after publishing, with ``published``.
    """
    kept = set(names)
    journal = {"publish": list(names), "delete": [n for n in obsolete if n not in kept]}
    bad = [n for n in journal["publish"] + journal["delete"] if not _plain(n)]
    if bad:
        raise ValueError(f"publish takes plain file names, not {bad}")
    missing = [n for n in names if not (out / STAGING / n).is_file()]
    if missing:
        raise ValueError(f"publish: not staged: {missing}")
    with signals_held() as arrived:
        write_json(out / JOURNAL, journal)  # from here on, the new set is the one
        try:
            _apply(out, journal)
        except OSError as exc:
            raise ExportError(
                f"publishing into {out} failed part way ({exc}); the next export into it "
                "finishes the job"
            ) from exc
    deliver_after_publishing(arrived)
