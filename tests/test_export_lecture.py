"""make lecture: parts rendered in parallel and cached, joined with chapters and subtitles."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import av
import pytest
import srt
from export_helpers import BROKEN, ONE_STEP, TWO_STEPS
from fixtures.export_scenes import STEPS

from scenes.export.catalogue import ExportError
from scenes.export.join import video_duration
from scenes.export.lecture import make_lecture
from scenes.export.options import ExportOptions
from scenes.export.quality import quality

LOW = quality("l")
FRAME = 1 / LOW.fps


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("lecture")
    result = make_lecture(
        [TWO_STEPS, ONE_STEP], ExportOptions(LOW, out, jobs=2, stream=io.StringIO())
    )
    return out, result


def test_every_part_is_rendered_the_first_time(built) -> None:
    _, result = built
    assert [o.status for o in result.outcomes] == ["rendered", "rendered"]


def test_chapters_are_in_the_mp4_with_titles_and_offsets(built) -> None:
    out, result = built
    parts = [out / "parts" / LOW.folder / f"{n}.mp4" for n in ("two", "one")]
    durations = [video_duration(p) for p in parts]
    with av.open(str(result.video)) as container:
        chapters = container.chapters()
    assert [c["metadata"]["title"] for c in chapters] == ["Two steps", "One step"]
    starts = [float(c["start"] * c["time_base"]) for c in chapters]
    assert starts[0] == 0
    assert starts[1] == pytest.approx(durations[0], abs=FRAME)


def test_lecture_lasts_as_long_as_its_scenes_together(built) -> None:
    out, result = built
    parts = [out / "parts" / LOW.folder / f"{n}.mp4" for n in ("two", "one")]
    total = sum(video_duration(p) for p in parts)
    assert video_duration(result.video) == pytest.approx(total, abs=FRAME)
    assert result.duration == pytest.approx(total, abs=FRAME)
    with av.open(str(result.video)) as container:
        frames = sum(1 for _ in container.decode(video=0))
    assert frames == pytest.approx(total * LOW.fps, abs=1)


def test_subtitles_follow_the_scenes_at_their_offsets(built) -> None:
    _, result = built
    captions = list(srt.parse(result.subtitles.read_text(encoding="utf-8")))
    assert [c.content for c in captions] == [caption for _, caption in STEPS] + ["A single step"]
    starts = [c.start.total_seconds() for c in captions]
    assert starts == sorted(starts)
    assert all(c.end > c.start for c in captions)
    for before, after in itertools.pairwise(captions):
        assert before.end <= after.start
    second_chapter = result.marks[1]
    assert starts[-1] == pytest.approx(second_chapter.start, abs=FRAME)
    assert captions[-1].end.total_seconds() == pytest.approx(second_chapter.end, abs=FRAME)


def test_unchanged_scenes_are_not_rendered_again(built) -> None:
    out, first = built
    again = make_lecture(
        [TWO_STEPS, ONE_STEP], ExportOptions(LOW, out, jobs=2, stream=io.StringIO())
    )
    assert [o.status for o in again.outcomes] == ["cached", "cached"]
    assert again.duration == pytest.approx(first.duration)


def test_a_failing_scene_is_named_and_the_rest_kept(built) -> None:
    out, _ = built
    before = (out / "lecture.mp4").read_bytes()
    with pytest.raises(ExportError) as error:
        make_lecture([TWO_STEPS, BROKEN], ExportOptions(LOW, out, jobs=2, stream=io.StringIO()))
    message = str(error.value)
    assert "broken" in message and "deliberately broken scene" in message
    assert "was not updated" in message
    assert (out / "lecture.mp4").read_bytes() == before
    assert (out / "parts" / LOW.folder / "two.json").is_file()
    assert not (out / "parts" / LOW.folder / "broken.json").exists()
    assert not list(out.glob("*.partial"))


def test_an_output_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write to the output folder"):
        make_lecture([ONE_STEP], ExportOptions(LOW, blocker / "out", jobs=1, stream=io.StringIO()))
