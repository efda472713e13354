"""The lecturer's own voice: one recorded audio file per step, decoded with PyAV.

A folder holds ``<step id>.<ext>`` for any of ``SUFFIXES``, in any case (recorders
write ``.WAV`` as often as ``.wav``); ``make script`` prints the id and file name to
record beside each step's words. A file that is not audio, holds only silence or runs
absurdly long is refused, naming it. A recording whose name matches no step (a
misspelt step id) would be silently unused, so it is named, with the step it most
resembles (:func:`unmatched_recordings`), and so is every step that had to fall back
to the synthetic voice (:func:`fallback_warning`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import av
import numpy as np

from .audio import decoded, trimmed

__all__ = [
    "MAX_SECONDS",
    "SUFFIXES",
    "RecordingError",
    "closest_step",
    "fallback_warning",
    "find_recording",
    "missing_recording",
    "read_recording",
    "recording_files",
    "unmatched_recordings",
    "unmatched_warning",
]

SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".m4a")
MAX_SECONDS = 180.0  # one step's narration; anything longer is surely the wrong file
SILENT_PEAK = 10 ** (-50 / 20)  # −50 dBFS: quieter than any real voice recording
#: How alike a file's name and a step id must be (difflib's ratio) to suggest the step.
CLOSE = 0.6


class RecordingError(ValueError):
    """A recording that cannot be used; the message names the file and why."""


def recording_files(folder: Path) -> dict[str, list[Path]]:
    """The audio files in ``folder`` by the step id their name gives (the name without
    its suffix), the suffix matched in any case; an unreadable folder holds none."""
    found: dict[str, list[Path]] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        if path.suffix.lower() in SUFFIXES and path.is_file():
            found.setdefault(path.name[: -len(path.suffix)], []).append(path)
    return found


def find_recording(folder: Path, step_id: str) -> Path | None:
    """The recording for ``step_id`` in ``folder`` (any known suffix, in any case), if any."""
    found = recording_files(folder).get(step_id, [])
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise RecordingError(f"{folder}: more than one recording for step {step_id}: {names}")
    return found[0] if found else None


def closest_step(name: str, step_ids: Iterable[str]) -> str | None:
    """The step id ``name`` most resembles (difflib), or None if none is close."""
    close = difflib.get_close_matches(name, sorted(set(step_ids)), n=1, cutoff=CLOSE)
    return close[0] if close else None


def unmatched_recordings(
    folder: Path, is_step: Callable[[str], bool], step_ids: Iterable[str]
) -> list[tuple[Path, str | None]]:
    """Each audio file in ``folder`` whose name is no step's (``is_step`` says which names
    are), with the step id of ``step_ids`` it most resembles (None if none is close).

    Such a file is never played: its step, if it has one, falls back to the synthetic
    voice. ``is_step`` should accept every step the script could say in any
    configuration (a variant recorded for another digit is not a mistake).
    """
    candidates = sorted(set(step_ids))
    return [
        (path, closest_step(name, candidates))
        for name, paths in recording_files(folder).items()
        if not is_step(name)
        for path in paths
    ]


def unmatched_warning(path: Path, closest: str | None) -> str:
    """One line naming a recording that matches no step, and the step it resembles."""
    hint = (
        f"closest step: {closest}; name it {closest}{path.suffix.lower()} if it is that one"
        if closest
        else "no step has a name like it"
    )
    return f"warning: {path}: matches no step, so it is not used ({hint})"


def fallback_warning(folder: Path, steps: Sequence[str]) -> str:
    """One line naming every step that the synthetic voice spoke for want of a recording."""
    return (
        f"warning: no recording in {folder} for {len(steps)} step(s), the synthetic voice "
        f"speaks them instead: {', '.join(steps)} (record <step id>.wav; "
        "[lecture] recordings_fallback = error refuses to render without them)"
    )


def missing_recording(
    folder: Path, step_ids: Sequence[str], steps: Iterable[str] = ()
) -> RecordingError:
    """The refusal when ``recordings_fallback = error`` and ``step_ids`` have no recording:
    the steps, the folder, and a file whose name is close to one of theirs, if any (not a
    file of another of the render's ``steps``: that one is no misspelling)."""
    known = {*step_ids, *steps}
    others = [name for name in recording_files(folder) if name not in known]
    near = next(
        (
            f"is the file named {n} meant for {s}?"
            for n in others
            if (s := closest_step(n, step_ids))
        ),
        "",
    )
    return RecordingError(
        f"{folder}: no recording for step(s) {', '.join(step_ids)} (record <step id>.wav, or "
        f".flac, .mp3, .ogg, .m4a{'; ' + near if near else ''}); [lecture] "
        "recordings_fallback = error asks for one for every step (voice lets the synthetic "
        "voice speak them)"
    )


def read_recording(path: Path) -> np.ndarray:
    """The recording at ``path`` as mono float32 at ``SAMPLE_RATE``, silent edges trimmed."""
    try:
        with av.open(str(path)) as container:
            has_audio = bool(container.streams.audio)
        samples = decoded(path, MAX_SECONDS) if has_audio else None
    except OverflowError:
        raise RecordingError(
            f"{path}: longer than {MAX_SECONDS:.0f} s; one step's narration "
            "should take well under that (is it the whole lecture?)"
        ) from None
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise RecordingError(f"{path}: not an audio file PyAV can decode ({exc})") from exc
    if samples is None:  # a video or a picture saved under an audio suffix, say
        raise RecordingError(f"{path}: has no audio stream (a recording needs its sound)")
    if not len(samples) or float(np.max(np.abs(samples))) < SILENT_PEAK:
        raise RecordingError(f"{path}: silent (no sound above −50 dBFS)")
    return trimmed(samples)
