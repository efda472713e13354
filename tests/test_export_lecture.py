"""make lecture: parts rendered in parallel and cached, joined with chapters and subtitles."""

from __future__ import annotations

import io
import itertools
import json
import os
from collections.abc import Iterator
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import av
import pytest
import srt
from export_helpers import BROKEN, ONE_STEP, TWO_STEPS, copy_export, fixture_words, snapshot
from fixtures.export_scenes import STEPS

from scenes.export import publish as publishing
from scenes.export.catalogue import ExportError
from scenes.export.join import SubtitleTrack, join_videos, video_duration
from scenes.export.lecture import make_lecture, video_task
from scenes.export.options import ExportOptions
from scenes.export.parts import cached
from scenes.export.publish import JOURNAL, STAGING
from scenes.export.quality import quality

LOW = quality("l")
FRAME = 1 / LOW.fps


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        yield script


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


def _ms(moment: timedelta | Fraction) -> int:
    if isinstance(moment, timedelta):
        return round(moment.total_seconds() * 1000)
    return round(moment * 1000)


def subtitle_track(video: Path) -> tuple[dict[str, str], list[tuple[int, int, str]]]:
    """The video's one subtitle stream, decoded by PyAV: its metadata, and each cue's
    start and end (milliseconds) and text."""
    with av.open(str(video)) as container:
        (stream,) = container.streams.subtitles
        assert stream.codec_context.name == "mov_text"
        cues = []
        for packet in container.demux(stream):
            if packet.pts is None or packet.time_base is None:
                continue
            start = packet.pts * packet.time_base
            end = start + (packet.duration or 0) * packet.time_base
            for subtitle in stream.decode(packet):  # none for the empty samples of a gap
                fields = subtitle.ass.decode("utf-8").split(",", 8)  # ReadOrder,Layer,…,Text
                cues.append((_ms(start), _ms(end), fields[8].replace("\\N", "\n")))
        return dict(stream.metadata), cues


def srt_cues(path: Path) -> list[tuple[int, int, str]]:
    return [
        (_ms(c.start), _ms(c.end), c.content) for c in srt.parse(path.read_text(encoding="utf-8"))
    ]


def test_the_mp4_carries_the_subtitles_as_a_track_in_the_script_language(built) -> None:
    """One mov_text stream, in the script's language (ISO 639-2) and titled with its
    name, whose cues are lecture.srt's: the same texts at the same milliseconds."""
    _, result = built
    metadata, cues = subtitle_track(result.video)
    assert metadata["language"] == "eng"
    assert metadata["handler_name"] == "English"
    assert cues == srt_cues(result.subtitles)
    assert len(cues) == len(STEPS) + 1


def test_a_subtitle_track_keeps_line_breaks_and_any_text(built, tmp_path: Path) -> None:
    """Two-line cues, non-ASCII letters and braces come back as written; a German track
    says so. Each part's cues move to its chapter's start, as in the SRT."""
    out = built[0]
    parts = out / "parts" / LOW.folder
    videos = [parts / "two.mp4", parts / "one.mp4"]
    first, second = tmp_path / "first.srt", tmp_path / "second.srt"
    first.write_text(
        "1\n00:00:00,250 --> 00:00:01,125\nDie Ausgabe {answer} ist\nam hellsten: größer\n\n"
        "2\n00:00:01,500 --> 00:00:01,900\nZweiter Satz.\n",
        encoding="utf-8",
    )
    second.write_text("1\n00:00:00,000 --> 00:00:00,400\nÜbrigens: ½ · σ(z)\n", encoding="utf-8")
    target = tmp_path / "joined.mp4"
    marks = join_videos(
        videos,
        ["Eins", "Zwei"],
        target,
        subtitles=SubtitleTrack([first, second], "deu", "Deutsch"),
    )
    metadata, cues = subtitle_track(target)
    assert metadata["language"] == "deu" and metadata["handler_name"] == "Deutsch"
    offset = timedelta(seconds=marks[1].start) // timedelta(milliseconds=1)  # as SRT: cut
    assert [text for _, _, text in cues] == [
        "Die Ausgabe {answer} ist\nam hellsten: größer",
        "Zweiter Satz.",
        "Übrigens: ½ · σ(z)",
    ]
    assert [(start, end) for start, end, _ in cues] == [
        (250, 1125),
        (1500, 1900),
        (offset, offset + 400),
    ]
    assert not list(tmp_path.glob("*.partial"))


def test_no_subtitles_no_subtitle_track(built, tmp_path: Path) -> None:
    parts = built[0] / "parts" / LOW.folder
    target = tmp_path / "joined.mp4"
    join_videos([parts / "one.mp4"], ["One"], target, subtitles=SubtitleTrack([None], "eng", "x"))
    with av.open(str(target)) as container:
        assert not container.streams.subtitles


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


def _options(out: Path, jobs: int = 2, stream: io.StringIO | None = None) -> ExportOptions:
    return ExportOptions(LOW, out, jobs=jobs, stream=stream or io.StringIO())


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble(path: Path) -> None:
    path.write_bytes(b"1\n00:00:00,000 --> not a time\n\xff\xfe\n")


DAMAGE = {
    "truncated video": lambda parts: _truncate(parts / "one.mp4"),
    "garbled subtitles": lambda parts: _garble(parts / "one.srt"),
    "edited subtitles": lambda parts: (parts / "one.srt").write_text(
        (parts / "one.srt").read_text().replace("single", "double")
    ),
    "missing video": lambda parts: (parts / "one.mp4").unlink(),
    "nonsense manifest": lambda parts: (parts / "one.json").write_text("{nonsense"),
    "manifest of the wrong types": lambda parts: (parts / "one.json").write_text(
        json.dumps({**json.loads((parts / "one.json").read_text()), "files": "one.mp4"})
    ),
    "manifest pointing outside": lambda parts: (parts / "one.json").write_text(
        (parts / "one.json").read_text().replace('"one.srt"', '"../../lecture.srt"')
    ),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cached_part_is_not_reused(built, damage: str, tmp_path: Path) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    parts = out / "parts" / LOW.folder
    digest = json.loads((parts / "one.json").read_text())["fingerprint"]
    task = video_task(ONE_STEP, LOW, out, digest, "drawing")
    assert cached(task) is not None
    DAMAGE[damage](parts)
    assert cached(task) is None


def test_damaged_parts_are_rendered_again_and_the_lecture_made(built, tmp_path: Path) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    parts = out / "parts" / LOW.folder
    _truncate(parts / "two.mp4")
    _garble(parts / "one.srt")
    result = make_lecture([TWO_STEPS, ONE_STEP], _options(out))
    assert [o.status for o in result.outcomes] == ["rendered", "rendered"]
    assert result.captions == len(STEPS) + 1
    assert video_duration(result.video) == pytest.approx(built[1].duration, abs=FRAME)


def test_a_nonsense_manifest_is_rendered_again(built, tmp_path: Path) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    (out / "parts" / LOW.folder / "one.json").write_text("\x00 not JSON at all")
    result = make_lecture([TWO_STEPS, ONE_STEP], _options(out))
    assert [o.status for o in result.outcomes] == ["cached", "rendered"]


def test_nothing_is_published_when_the_subtitles_cannot_be_merged(
    built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    before = {n: (out / n).read_bytes() for n in ("lecture.mp4", "lecture.srt")}

    def no_subtitles(*args: object) -> int:
        raise ExportError("cannot read its subtitles")

    monkeypatch.setattr("scenes.export.lecture.merge_subtitles", no_subtitles)
    with pytest.raises(ExportError, match="subtitles"):
        make_lecture([ONE_STEP], _options(out))
    assert {n: (out / n).read_bytes() for n in before} == before
    assert not (out / STAGING).exists() and not (out / JOURNAL).exists()


def test_nothing_is_published_when_the_subtitle_track_cannot_be_written(
    built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    before = snapshot(out)

    def no_track(*args: object) -> None:
        raise ExportError("cannot encode the subtitle track")

    monkeypatch.setattr("scenes.export.join._write_subtitles", no_track)
    with pytest.raises(ExportError, match="subtitle track"):
        make_lecture([ONE_STEP], _options(out))
    assert snapshot(out) == before
    assert not (out / STAGING).exists() and not (out / JOURNAL).exists()
    assert not list(out.rglob("*.partial"))


def test_a_run_killed_while_publishing_is_finished_by_the_next(
    built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = copy_export(built[0], tmp_path / "copy")
    moved: list[str] = []

    def killed_after_one(source: Path, target: Path) -> None:
        if moved:
            raise SystemExit("killed")  # as far as this process is concerned, it died here
        os.replace(source, target)
        moved.append(target.name)

    monkeypatch.setattr(publishing, "_move", killed_after_one)
    with pytest.raises(SystemExit):
        make_lecture([ONE_STEP], _options(out))  # cached: straight to the join
    assert moved == ["lecture.mp4"] and (out / JOURNAL).is_file()
    monkeypatch.undo()
    messages = io.StringIO()
    with pytest.raises(ExportError, match="deliberately broken scene"):
        make_lecture([BROKEN], _options(out, stream=messages))  # the next run fails, even
    assert f"note: {out}: finished publishing" in messages.getvalue()
    captions = list(srt.parse((out / "lecture.srt").read_text(encoding="utf-8")))
    assert [c.content for c in captions] == ["A single step"]
    with av.open(str(out / "lecture.mp4")) as container:
        assert [c["metadata"]["title"] for c in container.chapters()] == ["One step"]
    assert not (out / JOURNAL).exists() and not (out / STAGING).exists()
