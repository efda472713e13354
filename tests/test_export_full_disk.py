"""A full disk is named: a render that runs out of space says so, with where, how much
is free and how much it had written, and removes its partial files; never "exit status
1" and an empty log. Status 1, as for any failed render."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import BROKEN, ONE_STEP, fixture_words
from fixtures.full_disk_scenes import HALF_WRITTEN, HALF_WRITTEN_BYTES, WORDS

from scenes.export import lecture, parts
from scenes.export.__main__ import main
from scenes.export.catalogue import Chapter, ExportError
from scenes.export.publish import STAGING

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "full_disk_scenes.py"
DISK_FULL = Chapter("full", "DiskFull", "Disk full", FIXTURE)
CHAPTERS = [ONE_STEP, BROKEN, DISK_FULL]
UNITS = {"bytes": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9}


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture scenes' words, with the full-disk scene's added."""
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        with script.open("a", encoding="utf-8") as file:
            for key, text in WORDS.items():
                file.write(f"\n[{FIXTURE.stem}.{key}]\nheadline = {json.dumps(text)}\n"
                           f"narration = {json.dumps(text)}\n")  # fmt: skip
        yield script


def _export(what: str, out: Path, scene: str) -> int:
    return main([what, "--quality", "l", "--out", str(out), "--scenes", scene], CHAPTERS)


def _amount(text: str, before: str) -> float:
    """The amount (``52.0 KB``) the message gives right after ``before``, in bytes."""
    found = re.search(rf"{re.escape(before)} ?([0-9.]+) (bytes|KB|MB|GB)", text)
    assert found, f"no amount after {before!r} in {text!r}"
    return float(found[1]) * UNITS[found[2]]


def _assert_named(err: str, out: Path, chapter: str) -> str:
    """The console says the disk is full, for ``chapter``; returns its line."""
    first, detail, *_ = err.splitlines()
    assert first.startswith("error: 1 scene(s) failed to render (out of disk space); ")
    assert detail.startswith(f"  {chapter}: out of disk space writing to ")
    assert f"its partial files were removed ({out / 'build' / chapter})" in detail
    assert f"full log: {out / 'logs' / f'{chapter}.log'}" in detail
    return detail


@pytest.mark.parametrize("what", ["lecture", "slides"])
def test_a_render_that_runs_out_of_space_says_so_and_removes_its_partial_files(
    what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / what
    assert _export(what, out, "full") == 1
    err = capsys.readouterr().err
    detail = _assert_named(err, out, "full")
    assert len(err.splitlines()) == 2  # no traceback: the log's tail would say no more
    # where it could not write, as the render's error named it, and the space on that disk
    assert f"writing to {out / 'build' / 'full' / HALF_WRITTEN} (" in detail
    free = shutil.disk_usage(tmp_path).free
    assert _amount(detail, "(") == pytest.approx(free, rel=0.05, abs=50e6)
    # what it had written, at least the file it wrote: it needs more than that
    assert _amount(detail, "had written") >= HALF_WRITTEN_BYTES
    assert not (out / "build" / "full").exists()
    assert not list(out.rglob("*partial"))
    assert (out / "logs" / "full.log").is_file()  # the log stays, for the details


@pytest.mark.parametrize(("free", "full"), [(1_000_000, True), (10**12, False)])
def test_a_render_failing_on_a_nearly_full_disk_is_taken_for_one(
    free: int,
    full: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a full disk the render's log may be empty (it is on that disk): a render that
    fails with under ``LOW_SPACE`` free counts as out of space, still quoting its log."""
    monkeypatch.setattr(parts, "free_space", lambda path: free)
    out = tmp_path / "lecture"
    assert _export("lecture", out, "broken") == 1
    err = capsys.readouterr().err
    assert "deliberately broken scene" in err  # the log's tail, whatever the verdict
    if full:
        detail = _assert_named(err, out, "broken")
        assert _amount(detail, "(") == free
        assert not (out / "build" / "broken").exists()
    else:
        assert "out of disk space" not in err
        assert "  broken: exit status 1; full log: " in err
        assert (out / "build" / "broken").is_dir()  # a plain failure keeps its files


def test_a_full_disk_while_putting_the_lecture_together_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the renders the export writes too (joining, publishing), and a video library
    may wrap the error ("a part cannot be read"): still named as a full disk."""
    target = tmp_path / STAGING / "lecture.mp4.partial"

    def full(*args: object, **kwargs: object) -> None:
        cause = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        raise ExportError("a part cannot be read as a video") from cause

    monkeypatch.setattr(lecture, "make_lecture", full)
    assert _export("lecture", tmp_path, "one") == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: out of disk space writing {target} (")
    assert _amount(lines[0], "(") == pytest.approx(
        shutil.disk_usage(tmp_path).free, rel=0.05, abs=50e6
    )


# -- a real full disk: a small tmpfs, where it can be mounted --------------------------

#: Free space left for the export on the small disk: its lock and log fit, the
#: render (about 150 KB for the one-step scene at 480p) does not.
LEFT = 64 << 10


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs mounted for the test (root, where mounting is allowed), else skip."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_render_on_a_really_full_disk(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = small_disk / "lecture"
    out.mkdir()
    filler = small_disk / "filler"
    filler.write_bytes(bytes(shutil.disk_usage(small_disk).free - LEFT))
    assert _export("lecture", out, "one") == 1
    err = capsys.readouterr().err
    detail = _assert_named(err, out, "one")
    assert f"writing to {out}" in detail  # the disk's folder, or the file the render named
    assert _amount(detail, "(") < parts.LOW_SPACE
    assert not (out / "build" / "one").exists()
    assert shutil.disk_usage(small_disk).free >= LEFT - (16 << 10)  # its space is back
    assert not (out / "lecture.mp4").exists()
