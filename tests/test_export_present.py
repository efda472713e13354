"""make present: every step a slide playing its clip, from the lecture's cached parts.

The HTML is checked in a real browser: Debian's headless chromium, driven by
Selenium through chromium-driver, opening the files from disk with every network
request blocked.
"""

from __future__ import annotations

import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from browser import headless_chromium, until
from export_helpers import BROKEN, ONE_STEP, TWO_STEPS, fixture_words, snapshot
from fixtures.export_scenes import STEPS, WORDS
from pptx import Presentation

from scenes.export import present as present_export
from scenes.export.__main__ import BAD_INPUT, main
from scenes.export.catalogue import ExportError, ExportInputError
from scenes.export.options import ExportOptions
from scenes.export.present import HTML, INDEX, PPTX, SELF_RUNNING, make_present
from scenes.export.quality import quality

LOW = quality("l")
CHAPTERS = [TWO_STEPS, ONE_STEP]


@pytest.fixture(scope="module", autouse=True)
def _fixture_words(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with fixture_words(tmp_path_factory.mktemp("words")) as script:
        yield script


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory):
    """A presentation of the fixture scenes, their parts rendered into a lecture folder."""
    root = tmp_path_factory.mktemp("present")
    lecture, out = root / "lecture", root / "present"
    result = make_present(CHAPTERS, _options(out), lecture)
    return lecture, out, result


def _options(out: Path, jobs: int = 2) -> ExportOptions:
    return ExportOptions(LOW, out, jobs=jobs, stream=io.StringIO())


def test_a_slide_per_step_in_lecture_order_with_clip_poster_and_words(shown) -> None:
    _, out, result = shown
    names = [s.name for s in result.steps]
    assert names == ["01-two-square", "02-two-moved", "03-one-only"]
    assert [s.headline for s in result.steps] == [*(c for _, c in STEPS), WORDS["only"]]
    for step in result.steps:
        assert (out / f"{step.name}.mp4").stat().st_size > 0
        assert (out / f"{step.name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert not step.audio  # narration off: no sound to cut
    index = json.loads((out / INDEX).read_text())
    assert all((out / name).is_file() for name in index["files"])
    assert {"reveal.js", "reveal.css", "notes.js", HTML, SELF_RUNNING, PPTX} <= set(index["files"])


def test_pptx_slides_play_their_clip_with_its_last_frame_as_poster_and_notes(shown) -> None:
    _, out, result = shown
    deck = Presentation(str(out / PPTX))
    assert len(deck.slides) == len(result.steps)
    for slide, step in zip(deck.slides, result.steps, strict=True):
        movies = [s for s in slide.shapes if s._element.xpath(".//a:videoFile")]
        assert len(movies) == 1 and len(slide.shapes) == 1
        movie = movies[0]
        parts = {rel.reltype.rsplit("/", 1)[1]: rel.target_part for rel in slide.part.rels.values()
                 if not rel.is_external}  # fmt: skip
        assert parts["video"].blob == (out / f"{step.name}.mp4").read_bytes()
        poster = slide.part.related_part(movie._element.xpath(".//a:blip/@r:embed")[0])
        assert poster.blob == (out / f"{step.name}.png").read_bytes()
        assert slide.notes_slide.notes_text_frame.text == f"{step.headline}\n\n{step.narration}"
        assert (
            movie._element.getparent()
            .getparent()
            .getparent()
            .xpath('.//p:timing//p:cond[@delay="0"]')
        )  # plays as the slide appears
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_the_lecture_parts_keep_each_steps_clip_under_their_manifest(shown) -> None:
    lecture, _, _ = shown
    manifest = json.loads((lecture / "parts" / LOW.folder / "two.json").read_text())
    recorded = {r["name"] for r in manifest["files"]}
    clips = {f"two.steps/{s['clip']}" for s in manifest["steps"]}
    assert len(clips) == len(STEPS) and clips <= recorded
    assert [s["headline"] for s in manifest["steps"]] == [c for _, c in STEPS]
    assert sum(s["duration"] for s in manifest["steps"]) == pytest.approx(
        manifest["duration"], abs=0.1
    )


def test_a_second_build_renders_nothing_and_is_quick(shown) -> None:
    lecture, out, _ = shown
    start = time.perf_counter()
    again = make_present(CHAPTERS, _options(out), lecture)
    assert [o.status for o in again.outcomes] == ["cached", "cached"]
    assert time.perf_counter() - start < 10


def test_a_failing_scene_leaves_the_previous_presentation_whole(shown, tmp_path: Path) -> None:
    lecture, out, _ = shown
    before = snapshot(out)
    with pytest.raises(ExportError, match="deliberately broken scene"):
        make_present([*CHAPTERS, BROKEN], _options(out), lecture)
    assert snapshot(out) == before


def test_without_reveal_js_it_stops_before_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(present_export, "REVEAL", tmp_path / "nothing")
    with pytest.raises(ExportInputError, match="npm ci"):
        present_export.reveal_version(tmp_path / "nothing")
    status = main(["present", "--quality", "l", "--out", str(tmp_path / "out"),
                   "--lecture", str(tmp_path / "lecture")], CHAPTERS)  # fmt: skip
    assert status == BAD_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: reveal.js is not installed")
    assert not (tmp_path / "lecture").exists()


# -- in a real browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with headless_chromium(profile, "--autoplay-policy=no-user-gesture-required") as driver:
        yield driver


_WATCH = """
window.__seen = {};
for (const v of document.querySelectorAll("video.clip")) {
  const name = v.closest("section").dataset.step;
  const seen = window.__seen[name] = {ended: v.ended, time: v.currentTime, loaded: v.readyState};
  v.addEventListener("ended", () => { seen.ended = true; });
  v.addEventListener("timeupdate", () => { seen.time = Math.max(seen.time, v.currentTime); });
  v.addEventListener("loadeddata", () => { seen.loaded = 4; });
}
"""


def _open(driver, page: Path) -> None:
    driver.get(page.as_uri())
    _until(driver, "return typeof Reveal !== 'undefined' && Reveal.isReady()", 10)
    driver.execute_script(_WATCH)


def _until(driver, script: str, timeout: float):
    return until(driver, script, timeout, every=0.05)


def _current(driver) -> dict:
    return driver.execute_script(
        """const s = Reveal.getCurrentSlide(), v = s.querySelector("video.clip");
        const notes = [...s.querySelectorAll("aside.notes p")].map(p => p.textContent);
        return {name: s.dataset.step, notes: notes.join("\\n\\n"), paused: v.paused,
                time: v.currentTime, duration: v.duration, ended: v.ended,
                error: v.error && v.error.code, index: Reveal.getIndices().h};"""
    )


def _no_network(driver) -> None:
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    assert names and all(n.startswith("file://") for n in names), names


def test_html_steps_through_every_slide_with_the_keyboard_offline(shown, browser) -> None:
    from selenium.webdriver.common.keys import Keys

    _, out, result = shown
    _open(browser, out / HTML)
    body = browser.find_element("tag name", "body")
    for i, step in enumerate(result.steps):
        if i:
            body.send_keys(Keys.PAGE_DOWN)  # a clicker's "next"
        _until(browser, f"return Reveal.getIndices().h === {i}", 5)
        _until(browser, f"return window.__seen[{step.name!r}].ended", step.duration + 5)
        state, seen = _current(browser), browser.execute_script("return window.__seen")
        assert state["name"] == step.name and state["error"] is None
        assert seen[step.name]["time"] >= step.duration * 0.9  # it played to its end
        assert abs(state["time"] - state["duration"]) < 0.1  # and holds on its last frame
        assert state["notes"] == f"{step.headline}\n\n{step.narration}"
        notes = browser.execute_script("return Reveal.getSlideNotes()")
        assert step.headline in notes  # what reveal's speaker view shows
    body.send_keys(Keys.PAGE_UP)  # back: the previous step's end state, not replayed
    _until(browser, f"return Reveal.getIndices().h === {len(result.steps) - 2}", 5)
    time.sleep(0.3)
    state = _current(browser)
    assert state["paused"] and state["time"] >= state["duration"] - 0.1
    _no_network(browser)


def test_self_running_html_plays_every_slide_and_moves_on_by_itself(shown, browser) -> None:
    from selenium.webdriver.common.keys import Keys

    _, out, result = shown
    _open(browser, out / SELF_RUNNING)
    browser.find_element("tag name", "body").send_keys(Keys.SPACE)  # "press a key to start"
    total = sum(s.duration for s in result.steps)
    last = result.steps[-1].name
    _until(browser, f"return window.__seen[{last!r}].ended", total + 10)
    seen = browser.execute_script("return window.__seen")
    assert all(seen[s.name]["ended"] for s in result.steps)
    assert _current(browser)["index"] == len(result.steps) - 1
    _no_network(browser)


def test_the_folder_works_when_copied_elsewhere(shown, browser, tmp_path: Path) -> None:
    _, out, result = shown
    copy = tmp_path / "usb-stick"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns("cache", ".*"))
    _open(browser, copy / HTML)
    first = result.steps[0].name
    _until(browser, f"return window.__seen[{first!r}].ended", result.steps[0].duration + 5)
    _no_network(browser)


def test_narrated_steps_carry_their_own_narration_for_the_self_running_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTURE_NARRATION", "voice")
    result = make_present([ONE_STEP], _options(tmp_path / "present"), tmp_path / "lecture")
    (step,) = result.steps
    audio = tmp_path / "present" / f"{step.name}.m4a"
    assert step.audio and audio.is_file()
    with av.open(str(audio)) as container:
        seconds = float(container.streams.audio[0].duration * container.streams.audio[0].time_base)
    with av.open(str(tmp_path / "present" / f"{step.name}.mp4")) as container:
        clip = container.streams.video[0]
        clip_seconds = float(clip.duration * clip.time_base)
    assert 0.5 < seconds <= clip_seconds + 0.05  # the step's words, within its clip
    page = (tmp_path / "present" / "self-running.html").read_text(encoding="utf-8")
    assert f'<audio src="{step.name}.m4a"' in page
    assert f"{step.name}.m4a" not in (tmp_path / "present" / "lecture.html").read_text()
