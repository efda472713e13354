"""SIGTERM or SIGINT stops the export and every render process it started, keeps the
previous outputs whole, and exits with 128 + the signal's number; after SIGKILL, which
the export cannot act on, its renders end themselves."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import ONE_STEP, SLOW, descendants, fixture_words, running, snapshot
from fixtures.export_scenes import SLOW_MARKER

from scenes.export.__main__ import main
from scenes.export.catalogue import PROJECT_ROOT
from scenes.export.lecture import make_lecture
from scenes.export.lock import LOCK_FILE
from scenes.export.options import ExportOptions
from scenes.export.processes import ProcessGroups
from scenes.export.publish import STAGING
from scenes.export.quality import quality

TESTS = Path(__file__).resolve().parent
#: ``python -m scenes.export``, on the fixture scenes instead of the lecture's.
EXPORT = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); "
    "from export_helpers import SLOW; from scenes.export.__main__ import main; "
    "sys.exit(main(sys.argv[1:], [SLOW]))"
)
START_SECONDS = 120  # for the export and its render to get going, on a busy machine
STOP_SECONDS = 30
KILLED_SECONDS = 1.0  # for the renders of an export killed outright to end themselves


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        yield script


def _start(what: str, out: Path) -> subprocess.Popen:
    args = [what, "--quality", "l", "--scenes", "slow", "--jobs", "1", "--out", str(out)]
    return subprocess.Popen(
        [sys.executable, "-c", EXPORT, *args], cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _rendering(export: subprocess.Popen, log: Path) -> tuple[int, int]:
    """Once the slow scene is running: its pid and its helper's (it prints them to its log)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if export.poll() is not None:
            pytest.fail(f"the export ended before it was stopped: {export.communicate()}")
        found = re.search(rf"{SLOW_MARKER} (\d+) (\d+)", log.read_text() if log.exists() else "")
        if found:
            return int(found[1]), int(found[2])
        time.sleep(0.1)
    export.kill()
    pytest.fail(f"the slow scene did not start within {START_SECONDS} s")


def _stop(export: subprocess.Popen, signum: int) -> tuple[str, str]:
    export.send_signal(signum)
    try:
        return export.communicate(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        export.kill()
        pytest.fail(f"the export did not stop within {STOP_SECONDS} s of {signum}")


def _assert_stopped_cleanly(out: Path, export: subprocess.Popen, stderr: str, name: str) -> None:
    assert export.returncode == 128 + signal.Signals[name].value
    assert stderr.splitlines() == [
        f"error: interrupted by {name}; renders stopped, previous outputs in {out} kept"
    ]
    assert (out / LOCK_FILE).read_bytes() == b""  # released as it ended
    assert not (out / STAGING).exists()
    assert not (out / "parts" / "480p15" / "slow.json").exists()


def test_sigterm_ends_the_lecture_export_its_renders_and_their_helpers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lecture"
    make_lecture([ONE_STEP], ExportOptions(quality("l"), out, jobs=1, stream=io.StringIO()))
    before = snapshot(out)
    export = _start("lecture", out)
    scene, helper = _rendering(export, out / "logs" / "slow.log")
    started = descendants(export.pid)
    assert {scene, helper} <= started

    # Meanwhile, a second export into the same folder is refused at once.
    assert main(["lecture", "--quality", "l", "--out", str(out)], [SLOW]) == 2
    refused = capsys.readouterr().err
    assert f"{out} is in use by another export (pid {export.pid}, started " in refused

    _, stderr = _stop(export, signal.SIGTERM)
    _assert_stopped_cleanly(out, export, stderr, "SIGTERM")
    assert not [pid for pid in started if running(pid)]
    assert snapshot(out) == before  # lecture.mp4 and lecture.srt byte for byte


def test_sigkill_of_the_export_ends_its_renders_and_their_helpers(tmp_path: Path) -> None:
    """``kill -9`` gives the export no chance to stop anything: each render watches its
    export and ends itself, with its process group, within a second."""
    out = tmp_path / "lecture"
    export = _start("lecture", out)
    scene, helper = _rendering(export, out / "logs" / "slow.log")
    started = descendants(export.pid)
    assert {scene, helper} <= started
    try:
        export.kill()
        export.communicate(timeout=STOP_SECONDS)
        deadline = time.monotonic() + KILLED_SECONDS
        while [pid for pid in started if running(pid)] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [pid for pid in started if running(pid)]
    finally:  # whatever the verdict, leave nothing of this test running
        for pid in started:
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_render_outlives_the_thread_that_started_it(tmp_path: Path) -> None:
    """Renders are started by the export's pool threads; while the export lives, a
    render must not end with its starting thread (as ``PR_SET_PDEATHSIG`` would have
    it: that signal follows the thread that forked, not the process)."""
    groups = ProcessGroups()
    started: list[subprocess.Popen] = []
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    with (tmp_path / "render.log").open("w") as log:
        thread = threading.Thread(target=lambda: started.append(groups.start(sleeper, TESTS, log)))
        thread.start()
        thread.join()
    try:
        time.sleep(KILLED_SECONDS)
        assert started[0].poll() is None
    finally:
        assert groups.stop_all(grace=0.5) == [started[0].pid]


def test_sigint_ends_the_slides_export_and_keeps_the_previous_slides(tmp_path: Path) -> None:
    out = tmp_path / "slides"
    out.mkdir()
    previous = {"01-old-step.png": b"a still", "lecture.pdf": b"%PDF", "lecture.pptx": b"PK"}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    (out / "slides.json").write_text(json.dumps({"files": ["01-old-step.png"]}))
    before = snapshot(out)
    export = _start("slides", out)
    scene, helper = _rendering(export, out / "logs" / "slow.log")
    started = descendants(export.pid)
    assert {scene, helper} <= started
    _, stderr = _stop(export, signal.SIGINT)
    _assert_stopped_cleanly(out, export, stderr, "SIGINT")
    assert not [pid for pid in started if running(pid)]
    assert snapshot(out) == before
