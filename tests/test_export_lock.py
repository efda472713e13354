"""One export per output folder at a time; a lock left by a dead export is taken over."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from export_helpers import ONE_STEP

from scenes.export.catalogue import ExportInputError
from scenes.export.lecture import make_lecture
from scenes.export.lock import LOCK_FILE, FolderLock
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.export.slides import make_slides


def test_a_held_folder_is_refused_naming_the_holder(tmp_path: Path) -> None:
    with FolderLock(tmp_path, io.StringIO()):
        with pytest.raises(ExportInputError) as error, FolderLock(tmp_path, io.StringIO()):
            pass
    message = str(error.value)
    assert message.startswith(f"{tmp_path} is in use by another export (pid {os.getpid()}, ")
    assert re.search(r"started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\); wait for it or stop it$", message)


def test_the_lock_is_released_and_emptied_at_the_end(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), FolderLock(tmp_path, io.StringIO()):
        raise RuntimeError("a failed export")
    assert (tmp_path / LOCK_FILE).read_bytes() == b""
    notes = io.StringIO()
    with FolderLock(tmp_path, notes):
        pass
    assert notes.getvalue() == ""


def test_a_lock_left_by_an_export_that_died_is_taken_over_with_a_note(tmp_path: Path) -> None:
    # What a killed export leaves: its record in the file, and no flock (the kernel
    # dropped it with the process).
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": 999999, "started": "yesterday"}))
    notes = io.StringIO()
    with FolderLock(tmp_path, notes):
        pass
    assert notes.getvalue() == (
        f"note: {tmp_path}: taking over from an export that did not finish "
        "(pid 999999, started yesterday)\n"
    )


def test_lecture_and_slides_folders_are_locked_apart(tmp_path: Path) -> None:
    lecture, slides = tmp_path / "lecture", tmp_path / "slides"
    lecture.mkdir()
    slides.mkdir()
    with FolderLock(lecture, io.StringIO()), FolderLock(slides, io.StringIO()):
        pass  # both held at once: make lecture and make slides may run together


@pytest.mark.parametrize("make", [make_lecture, make_slides])
def test_an_export_into_a_folder_in_use_stops_before_rendering(make, tmp_path: Path) -> None:
    with FolderLock(tmp_path, io.StringIO()):
        options = ExportOptions(quality("l"), tmp_path, jobs=1, stream=io.StringIO())
        with pytest.raises(ExportInputError, match="in use by another export"):
            make([ONE_STEP], options)
    assert not (tmp_path / "logs").exists() and not (tmp_path / "parts").exists()
