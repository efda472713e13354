"""The lecturer's own voice: one recorded audio file per step, decoded with PyAV.

A folder holds ``<step id>.<ext>`` for any of ``SUFFIXES``; ``make script`` prints
the id and file name to record beside each step's words. A file that is not audio,
holds only silence or runs absurdly long is refused, naming it.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from .audio import decoded, trimmed

__all__ = ["MAX_SECONDS", "SUFFIXES", "RecordingError", "find_recording", "read_recording"]

SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".m4a")
MAX_SECONDS = 180.0  # one step's narration; anything longer is surely the wrong file
SILENT_PEAK = 10 ** (-50 / 20)  # −50 dBFS: quieter than any real voice recording


class RecordingError(ValueError):
    """A recording that cannot be used; the message names the file and why."""


def find_recording(folder: Path, step_id: str) -> Path | None:
    """The recording for ``step_id`` in ``folder`` (any known suffix), if there is one."""
    found = [folder / f"{step_id}{suffix}" for suffix in SUFFIXES]
    found = [path for path in found if path.is_file()]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise RecordingError(f"{folder}: more than one recording for step {step_id}: {names}")
    return found[0] if found else None


def read_recording(path: Path) -> np.ndarray:
    """The recording at ``path`` as mono float32 at ``SAMPLE_RATE``, silent edges trimmed."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise RecordingError(f"{path}: has no audio stream")
        samples = decoded(path, MAX_SECONDS)
    except OverflowError:
        raise RecordingError(
            f"{path}: longer than {MAX_SECONDS:.0f} s; one step's narration "
            "should take well under that (is it the whole lecture?)"
        ) from None
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise RecordingError(f"{path}: not an audio file PyAV can decode ({exc})") from exc
    if not len(samples) or float(np.max(np.abs(samples))) < SILENT_PEAK:
        raise RecordingError(f"{path}: silent (no sound above −50 dBFS)")
    return trimmed(samples)
