"""``python -m scenes.export``: bad input is one ``error:`` line and status 2, before
anything renders; a failed render is status 1; never a traceback."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from export_helpers import BROKEN, ONE_STEP, fixture_words

from scenes.config import ConfigError, load_config
from scenes.export.__main__ import main
from scenes.export.catalogue import PROJECT_ROOT
from scenes.export.lock import FolderLock

CHAPTERS = [ONE_STEP, BROKEN]


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        yield script


def _run_module(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scenes.export", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _status(argv: list[str]) -> int:
    """``main``'s status, also when argparse ends it with ``SystemExit``."""
    try:
        return main(argv, CHAPTERS)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_an_unknown_scene_is_one_line_and_status_2() -> None:
    done = _run_module("lecture", "--scenes", "nosuch")
    assert done.returncode == 2
    assert _one_error_line(done.stderr).startswith("error: unknown scene(s): nosuch; ")
    assert done.stdout == ""


def test_a_duplicate_key_in_manim_cfg_is_one_line_not_manims_traceback(tmp_path: Path) -> None:
    # Manim parses ./manim.cfg as it is imported and raises a traceback on this;
    # the export reads it first. A copy of the project, as the file is found by path.
    for package in ("scenes", "network"):
        shutil.copytree(PROJECT_ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    config = (PROJECT_ROOT / "manim.cfg").read_text(encoding="utf-8")
    (tmp_path / "manim.cfg").write_text(config + "\n[lecture]\npalette = classic\n")
    done = _run_module("lecture", "--scenes", "one", cwd=tmp_path)
    assert done.returncode == 2
    line = _one_error_line(done.stderr)
    assert "manim.cfg: cannot parse" in line and "already exists" in line


@pytest.mark.parametrize(
    ("encode", "problem"),
    [
        (lambda text: text.encode("latin-1", errors="replace"), "is not UTF-8 text"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "byte-order mark"),
    ],
    ids=["latin-1", "utf-8 with a BOM"],
)
def test_a_manim_cfg_manim_cannot_read_is_one_line_not_a_traceback(
    tmp_path: Path, encode: Callable[[str], bytes], problem: str
) -> None:
    # Manim would stop on either with a traceback as it is imported; the export reads the
    # file first. A copy of the project, as the file is found by path.
    for package in ("scenes", "network"):
        shutil.copytree(PROJECT_ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    config = (PROJECT_ROOT / "manim.cfg").read_text(encoding="utf-8") + "# café\n"
    (tmp_path / "manim.cfg").write_bytes(encode(config))
    done = _run_module("lecture", "--scenes", "one", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    line = _one_error_line(done.stderr)
    assert line.startswith(f"error: {tmp_path / 'manim.cfg'}: ") and problem in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("what", "option", "value"),
    [("lecture", "--out", ""), ("slides", "--out", "  "), ("present", "--lecture", "")],
)
def test_an_empty_folder_option_is_refused_and_nothing_written(
    what: str,
    option: str,
    value: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An empty path would mean the current folder: the export, its parts, build files,
    logs and lock all among the user's own files."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    out = [] if option == "--out" else ["--out", str(tmp_path / "out")]
    assert _status([what, "--scenes", "one", "--quality", "l", *out, option, value]) == 2
    captured = capsys.readouterr()
    assert _one_error_line(captured.err).startswith(f"error: argument {option}: {value!r} ")
    assert captured.out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["here"] and not any(here.iterdir())


@pytest.mark.parametrize("option", ["--out", "--lecture"])
def test_a_folder_option_that_loops_is_refused(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "back")
    (tmp_path / "back").symlink_to(loop)
    out = [] if option == "--out" else ["--out", str(tmp_path / "out")]
    assert _status(["present", "--scenes", "one", *out, option, str(loop)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"error: argument {option}: {str(loop)!r} is a symbolic link")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["back", "loop"]


def test_load_config_refuses_a_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / "manim.cfg"
    path.write_text("[lecture]\ndigit = 1\ndigit = 2\n")
    with pytest.raises(ConfigError, match=r"cannot parse.*'digit'.*already exists"):
        load_config(path)


def test_the_command_line_imports_no_manim_before_reading_the_config() -> None:
    code = "import sys, scenes.export.__main__; print('manim' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--quality", "x"], "error: unknown quality 'x'; use one of "),
        (["--jobs", "0"], "error: --jobs must be at least 1, not 0"),
        (["--jobs", "two"], "error: argument --jobs: invalid int value: 'two'"),
        (["--scenes", "one nope"], "error: unknown scene(s): nope; the lecture's scenes are:"),
    ],
)
def test_bad_arguments(
    args: list[str], start: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _status(["lecture", "--out", str(tmp_path), *args]) == 2
    captured = capsys.readouterr()
    assert _one_error_line(captured.err).startswith(start)
    assert captured.out == ""


def test_an_output_folder_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["slides", "--out", str(blocker / "out"), "--scenes", "one"], CHAPTERS) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"error: cannot write to the output folder {blocker / 'out'}: ")


def test_a_bad_lecture_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTURE_PALETTE", "pink")
    assert main(["lecture", "--out", str(tmp_path)], CHAPTERS) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == "error: LECTURE_PALETTE = 'pink': expected one of classic, colorblind"


def test_a_folder_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FolderLock(tmp_path):
        assert main(["lecture", "--out", str(tmp_path), "--scenes", "one"], CHAPTERS) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith(f"error: {tmp_path} is in use by another export (pid {os.getpid()}")
    assert line.endswith("; wait for it or stop it")


def test_a_failed_render_is_status_1_with_the_log_tail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["lecture", "--quality", "l", "--out", str(tmp_path), "--scenes", "broken"],
                  CHAPTERS)  # fmt: skip
    assert status == 1
    first, *rest = capsys.readouterr().err.splitlines()
    assert first.startswith("error: 1 scene(s) failed to render; ")
    assert any("deliberately broken scene" in line for line in rest)
