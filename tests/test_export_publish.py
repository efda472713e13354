"""Deliverables published together or not at all: staging, the journal, roll-forward."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from scenes.export import publish as publishing
from scenes.export.catalogue import ExportError
from scenes.export.interrupt import Interrupted, raise_on_signals
from scenes.export.publish import JOURNAL, STAGING, publish, recover, staged

OLD = {"lecture.mp4": b"old video", "lecture.srt": b"old captions", "03-gone.png": b"old still"}
NEW = {"lecture.mp4": b"new video", "lecture.srt": b"new captions"}


def _folder(tmp_path: Path) -> Path:
    for name, data in OLD.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _stage(out: Path) -> None:
    for name, data in NEW.items():
        (out / STAGING / name).write_bytes(data)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_publish_replaces_the_set_and_deletes_what_it_no_longer_has(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    with staged(out):
        _stage(out)
        publish(out, list(NEW), obsolete=["03-gone.png", "lecture.mp4"])
    assert _files(out) == NEW
    assert not (out / STAGING).exists()


def test_a_failure_before_publishing_leaves_the_previous_set_and_no_staging(
    tmp_path: Path,
) -> None:
    out = _folder(tmp_path)
    with pytest.raises(RuntimeError), staged(out):
        _stage(out)
        raise RuntimeError("the PPTX could not be written")
    assert _files(out) == OLD
    assert not (out / STAGING).exists()


def test_a_crash_mid_publish_is_rolled_forward_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _folder(tmp_path)
    moved = []

    def die_after_one(source: Path, target: Path) -> None:
        if moved:
            raise SystemExit("killed")  # not an OSError: nothing in publish handles it
        os.replace(source, target)
        moved.append(target.name)

    monkeypatch.setattr(publishing, "_move", die_after_one)
    with pytest.raises(SystemExit), staged(out):
        _stage(out)
        publish(out, list(NEW), obsolete=["03-gone.png"])
    assert (out / JOURNAL).is_file()
    assert (out / "lecture.mp4").read_bytes() == NEW["lecture.mp4"]
    assert (out / "lecture.srt").read_bytes() == OLD["lecture.srt"]  # half published
    monkeypatch.undo()
    assert "finished publishing" in (recover(out) or "")
    assert _files(out) == NEW
    assert not (out / STAGING).exists()
    assert recover(out) is None


def test_a_staging_folder_without_a_journal_is_thrown_away(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    (out / STAGING).mkdir()
    _stage(out)
    assert "threw away" in (recover(out) or "")
    assert _files(out) == OLD
    assert not (out / STAGING).exists()


def test_a_garbled_journal_is_not_followed(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    (out / STAGING).mkdir()
    _stage(out)
    (out / JOURNAL).write_text('{"publish": ["../../etc/passwd"], "delete": [7]}')
    assert "threw away" in (recover(out) or "")
    assert _files(out) == OLD


def test_a_signal_while_publishing_waits_for_it_to_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _folder(tmp_path)

    def move_and_get_terminated(source: Path, target: Path) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        os.replace(source, target)

    monkeypatch.setattr(publishing, "_move", move_and_get_terminated)
    with raise_on_signals(), pytest.raises(Interrupted) as stop, staged(out):
        _stage(out)
        publish(out, list(NEW), obsolete=["03-gone.png"])
    assert stop.value.signum == signal.SIGTERM and stop.value.published
    assert _files(out) == NEW


def test_a_failing_move_keeps_the_journal_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _folder(tmp_path)

    def full_disk(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publishing, "_move", full_disk)
    with pytest.raises(ExportError, match="the next export into it finishes"), staged(out):
        _stage(out)
        publish(out, list(NEW))
    assert (out / JOURNAL).is_file() and (out / STAGING).is_dir()
    monkeypatch.undo()
    recover(out)
    assert _files(out) == {**OLD, **NEW}


def test_only_plain_staged_names_are_published(tmp_path: Path) -> None:
    out = _folder(tmp_path)
    with staged(out):
        with pytest.raises(ValueError, match="plain file names"):
            publish(out, ["../lecture.mp4"])
        with pytest.raises(ValueError, match="not staged"):
            publish(out, ["lecture.mp4"])
    assert _files(out) == OLD
