"""make lecture after an edit: a step whose words did not change keeps its clip, and the
lecture equals one rendered from scratch with the edited words (frames, sound, subtitles)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from export_helpers import TWO_STEPS, fixture_words
from fixtures.export_scenes import STEPS

from scenes.export.lecture import LectureResult, make_lecture
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.narration.audio import decoded

LOW = quality("l")
MOVED = STEPS[1][1]
EDITED = "The square slid all the way over to the left"


def _export(out: Path, force: bool = False) -> LectureResult:
    return make_lecture([TWO_STEPS], ExportOptions(LOW, out, jobs=1, stream=io.StringIO(),
                                                   force=force))  # fmt: skip


def _clips(out: Path) -> list[tuple[str, int, Path]]:
    """Each step of the chapter: its step id, its clip's inode and path."""
    parts = out / "parts" / LOW.folder
    manifest = json.loads((parts / "two.json").read_text())
    folder = parts / manifest["steps_folder"]
    return [
        (s["section"], os.stat(folder / s["clip"]).st_ino, folder / s["clip"])
        for s in manifest["steps"]
    ]


def _frames(video: Path) -> list[np.ndarray]:
    with av.open(str(video)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory):
    """The lecture rendered, its second step's narration edited, rendered again; and the
    edited lecture rendered from scratch in another folder."""
    folder = tmp_path_factory.mktemp("reuse")
    with fixture_words(folder) as script, pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_NARRATION", "voice")
        kept = folder / "kept"
        _export(kept)
        before = _clips(kept)
        text = script.read_text(encoding="utf-8")
        old = f"narration = {json.dumps(MOVED)}"
        assert text.count(old) == 1
        script.write_text(text.replace(old, f"narration = {json.dumps(EDITED)}"), "utf-8")
        again = _export(kept)
        after = _clips(kept)
        fresh = _export(folder / "fresh")
        forced = _export(kept, force=True)
        after_force = _clips(kept)
    return before, again, after, fresh, forced, after_force


def test_only_the_edited_step_is_drawn_again(edited) -> None:
    before, again, after, *_ = edited
    assert [o.status for o in again.outcomes] == ["rendered"]
    assert [s for s, _, _ in after] == [s for s, _, _ in before]
    (_, first_before, _), (_, second_before, _) = before
    (_, first_after, _), (_, second_after, _) = after
    assert first_after == first_before  # the same file, linked: not drawn again
    assert second_after != second_before


def test_force_draws_every_step(edited) -> None:
    _, _, after, _, _, after_force = edited
    assert all(a != b for (_, a, _), (_, b, _) in zip(after, after_force, strict=True))


def test_the_lecture_equals_one_rendered_from_scratch(edited) -> None:
    _, again, _, fresh, _, _ = edited
    kept_frames, fresh_frames = _frames(again.video), _frames(fresh.video)
    assert len(kept_frames) == len(fresh_frames)
    for number, (a, b) in enumerate(zip(kept_frames, fresh_frames, strict=True)):
        assert np.array_equal(a, b), f"frame {number}"
    np.testing.assert_array_equal(decoded(again.video), decoded(fresh.video))
    kept_captions = list(srt.parse(again.subtitles.read_text(encoding="utf-8")))
    fresh_captions = list(srt.parse(fresh.subtitles.read_text(encoding="utf-8")))
    assert [(c.start, c.end, c.content) for c in kept_captions] == [
        (c.start, c.end, c.content) for c in fresh_captions
    ]
    said = " ".join(" ".join(c.content for c in kept_captions).split())
    assert EDITED in said and MOVED not in said


def test_the_kept_step_sounds_where_it_did(edited) -> None:
    """The first step was kept; its narration is where it was before the edit."""
    before, again, _, _, _, _ = edited
    first_clip = before[0][2]
    assert first_clip.exists()
    with av.open(str(first_clip)) as container:
        assert not container.streams.audio  # a step's clip is silent: sound comes from the step
    assert np.abs(decoded(again.video)[:4800]).max() > 0  # speech from the first step's start
