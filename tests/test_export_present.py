"""make present: every step a slide playing its clip, from the lecture's cached parts.

The HTML is checked in a real browser: Debian's headless chromium, driven by
Selenium through chromium-driver, opening the files from disk with every network
request blocked.
"""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from browser import axe_violations, headless_chromium, until
from export_helpers import BROKEN, ONE_STEP, TWO_STEPS, fixture_words, snapshot
from fixtures.export_scenes import STEPS, WORDS
from german_script import german_script, lecture_script
from pptx import Presentation
from selenium.webdriver.common.keys import Keys

from lecture.inputs import load_inputs
from lecture.palette import CLASSIC
from scenes.export import present as present_export
from scenes.export.__main__ import BAD_INPUT, main
from scenes.export.catalogue import ExportError, ExportInputError
from scenes.export.draw_page import DrawPage
from scenes.export.options import ExportOptions
from scenes.export.present import (
    DECK_WORDS,
    HTML,
    INDEX,
    PPTX,
    SELF_RUNNING,
    Deck,
    make_present,
    step_captions,
    write_html,
)
from scenes.export.quality import quality
from scenes.narration.script import load_script

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


#: The fixture's second step said in two sentences: two captions, each timed to its own.
MOVED = ("The square moves to the left.", "There it stays.")


@pytest.fixture(scope="module")
def narrated(_fixture_words: Path, tmp_path_factory: pytest.TempPathFactory):
    """The fixture scenes presented with the synthetic voice (one step said in two
    sentences): the self-running page's narration, captions, pause."""
    root = tmp_path_factory.mktemp("narrated")
    script = root / "script.toml"
    said = f"narration = {json.dumps(STEPS[1][1])}\n"
    text = _fixture_words.read_text(encoding="utf-8")
    assert text.count(said) == 1
    script.write_text(text.replace(said, f"narration = {json.dumps(' '.join(MOVED))}\n"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_SCRIPT", str(script))
        patch.setenv("LECTURE_NARRATION", "voice")
        result = make_present(CHAPTERS, _options(root / "present"), root / "lecture")
    return root / "present", result


def test_narrated_steps_carry_their_own_narration_for_the_self_running_page(narrated) -> None:
    out, result = narrated
    page = (out / SELF_RUNNING).read_text(encoding="utf-8")
    for step in result.steps:
        audio = out / f"{step.name}.m4a"
        assert step.audio and audio.is_file()
        with av.open(str(audio)) as container:
            sound = container.streams.audio[0]
            seconds = float(sound.duration * sound.time_base)
        with av.open(str(out / f"{step.name}.mp4")) as container:
            clip = container.streams.video[0]
            clip_seconds = float(clip.duration * clip.time_base)
        assert 0.5 < seconds <= clip_seconds + 0.05  # the step's words, within its clip
        assert f'<audio src="{step.name}.m4a"' in page
        assert f"{step.name}.m4a" not in (out / HTML).read_text(encoding="utf-8")


def test_each_steps_captions_are_its_sentences_timed_within_it(narrated) -> None:
    _, result = narrated
    moved = result.steps[1]
    assert [text for _, _, text in moved.captions] == list(MOVED)
    for step in result.steps:
        times = [t for start, end, _ in step.captions for t in (start, end)]
        assert times == sorted(times) and 0 <= times[0] and times[-1] <= step.duration
    # a chapter's subtitles (SRT keeps milliseconds) shared among its steps
    cues = [(0.0, 1.866, "first"), (1.866, 4.5, "second")]
    assert step_captions(cues, 0.0, 1.866667) == ((0.0, 1.866, "first"),)
    assert step_captions(cues, 1.866667, 2.2) == ((0.0, 2.2, "second"),)  # none past its end


# -- accessible: axe-core, the keyboard, captions, reduced motion -----------------------


def _start(driver) -> None:
    """The self-running page started as a keyboard user would: Enter on its start button."""
    assert driver.switch_to.active_element.get_attribute("id") == "start"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    _until(driver, "return document.getElementById('start') === null", 5)


def _press(driver, key: str) -> dict:
    """``key`` pressed where the keyboard's focus is; then the page's state."""
    driver.switch_to.active_element.send_keys(key)
    time.sleep(0.2)
    return _controls(driver)


def _controls(driver) -> dict:
    return driver.execute_script(
        """const s = Reveal.getCurrentSlide(), v = s.querySelector("video.clip");
        const a = s.querySelector("audio"), box = document.getElementById("caption");
        const b = (id) => document.getElementById(id);
        return {index: Reveal.getIndices().h, focus: document.activeElement.id,
                pause: b("pause").getAttribute("aria-pressed"),
                captions: b("captions").getAttribute("aria-pressed"),
                video: v.paused, videoTime: v.currentTime, duration: v.duration,
                audio: a && a.paused, audioTime: a && a.currentTime,
                caption: box.hidden || !box.offsetHeight ? null : box.textContent};"""
    )


def test_axe_finds_no_violation_on_the_decks(shown, browser) -> None:
    _, out, _ = shown
    _open(browser, out / HTML)
    assert axe_violations(browser) == []
    _open(browser, out / SELF_RUNNING)
    assert axe_violations(browser) == []  # before it starts: its start button
    _start(browser)
    assert axe_violations(browser) == []  # playing
    browser.execute_script(
        "for (const id of ['pause', 'captions']) document.getElementById(id).click()"
    )
    _until(browser, "return !document.getElementById('caption').hidden", 5)
    assert axe_violations(browser) == []  # paused, its caption shown


def test_axe_reports_an_unnamed_button_and_faint_text(shown, browser, tmp_path: Path) -> None:
    """The check can fail: a page with a button without a name and text too faint to read,
    and the self-running page with its pause button's words taken out."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><title>Bad</title><main><button></button>'
        '<p style="color: #777; background: #888">Faint</p></main></html>',
        encoding="utf-8",
    )
    browser.get(bad.as_uri())
    found = axe_violations(browser)
    assert any(v.startswith('button-name (critical) at ["button"]') for v in found), found
    assert any(v.startswith('color-contrast (serious) at ["p"]') for v in found), found
    _, out, _ = shown
    copy = shutil.copytree(out, tmp_path / "copy", ignore=shutil.ignore_patterns("cache", ".*"))
    page = (copy / SELF_RUNNING).read_text(encoding="utf-8")
    (copy / SELF_RUNNING).write_text(page.replace("<span>Pause</span>", "<span></span>"))
    _open(browser, copy / SELF_RUNNING)
    _start(browser)
    found = axe_violations(browser)
    assert [v.split(":")[0] for v in found] == ['button-name (critical) at ["#pause"]'], found


def test_the_self_running_page_pauses_plays_and_captions_from_the_keyboard(
    narrated, browser
) -> None:
    out, result = narrated
    _open(browser, out / SELF_RUNNING)
    _start(browser)
    _until(browser, "return Reveal.getCurrentSlide().querySelector('audio').currentTime > 0.2", 5)
    assert _press(browser, Keys.TAB)["focus"] == "pause"  # the first stop of the Tab key
    focus = browser.execute_script(
        "const b = document.activeElement, s = getComputedStyle(b);"
        "return [b.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)]"
    )
    assert focus[0] and focus[1] == "solid" and focus[2] >= 2  # a visible focus ring
    paused = _press(browser, Keys.ENTER)
    assert paused["pause"] == "true" and paused["video"] and paused["audio"]
    first = result.steps[0]
    time.sleep(first.duration + 1)  # longer than the step had left, and its hold
    still = _controls(browser)
    assert still["index"] == 0  # no automatic advance while paused
    assert (still["videoTime"], still["audioTime"]) == (paused["videoTime"], paused["audioTime"])
    assert _press(browser, Keys.TAB)["focus"] == "captions"
    shown = _press(browser, Keys.SPACE)
    assert shown["captions"] == "true" and shown["index"] == 0  # Space pressed it, nothing else
    said = [text for a, b, text in first.captions if a <= shown["audioTime"] < b]
    assert said and shown["caption"] == said[0]  # the words being said, as they are said
    playing = _press(browser, "k")  # K plays it on from where it was
    assert playing["pause"] == "false" and not playing["video"] and not playing["audio"]
    assert paused["audioTime"] <= playing["audioTime"] < paused["audioTime"] + 1
    _until(browser, "return Reveal.getIndices().h === 1", first.duration + 3)  # it moves on
    moved = result.steps[1]
    paused = _press(browser, "k")
    assert paused["pause"] == "true" and paused["audio"] and paused["index"] == 1
    for start, end, text in moved.captions:  # each sentence's caption at its time in the audio
        browser.execute_script(
            "Reveal.getCurrentSlide().querySelector('audio').currentTime = arguments[0]",
            (start + end) / 2,
        )
        _until(
            browser,
            f"return document.getElementById('caption').textContent === {json.dumps(text)}",
            2,
        )
    hidden = _press(browser, "c")
    assert hidden["captions"] == "false" and hidden["caption"] is None
    browser.execute_script("document.activeElement.blur()")
    onwards = _press(browser, Keys.ARROW_RIGHT)  # reveal's own keys still move the slides
    assert onwards["index"] == 2 and onwards["pause"] == "true" and onwards["audio"]
    last = result.steps[2]
    _press(browser, "k")
    _until(
        browser,
        "const a = Reveal.getCurrentSlide().querySelector('audio'); return a.ended",
        last.duration + 3,
    )
    _no_network(browser)


def _reduce_motion(driver, on: bool) -> None:
    features = [{"name": "prefers-reduced-motion", "value": "reduce" if on else ""}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


@pytest.mark.parametrize("narration", [True, False])
def test_with_reduced_motion_each_step_shows_its_end_while_said_and_moves_on(
    narrated, shown, browser, narration: bool
) -> None:
    out, result = narrated if narration else shown[1:]
    _reduce_motion(browser, True)
    try:
        _open(browser, out / SELF_RUNNING)
        assert browser.execute_script(
            "return matchMedia('(prefers-reduced-motion: reduce)').matches"
        )
        _start(browser)
        for i, step in enumerate(result.steps):
            _until(browser, f"return Reveal.getIndices().h === {i}", step.duration + 3)
            _until(browser, "const v = Reveal.getCurrentSlide().querySelector('video.clip');"
                   "return v.readyState >= 1 && v.currentTime > v.duration - 0.05", 3)  # fmt: skip
            state = _controls(browser)
            assert state["video"]  # its last frame, still: the animation is not played
            if narration:  # while its narration is said (or has just been)
                assert not state["audio"] or state["audioTime"] >= step.duration - 0.05
        seen = browser.execute_script("return window.__seen")
        assert not any(seen[s.name]["ended"] for s in result.steps)  # no clip ran to its end
        if narration:
            _until(browser, "return Reveal.getCurrentSlide().querySelector('audio').ended", 5)
    finally:
        _reduce_motion(browser, False)


# -- the words: the script's, in its language -----------------------------------------


def test_the_decks_words_are_the_scripts_and_a_missing_one_is_named(tmp_path: Path) -> None:
    script = load_inputs().script
    deck = Deck.of(script, CLASSIC)
    assert deck.language == script.language and set(deck.words) == set(DECK_WORDS)
    assert deck.words["pause"] == script.page("deck", "pause")
    assert "K" in deck.words["keys"] and "C" in deck.words["keys"]  # the keys, filled in
    text = script.path.read_text(encoding="utf-8")
    bad = tmp_path / "script.toml"
    bad.write_text(text.replace('\npause = "Pause"\n', "\n"), encoding="utf-8")
    with pytest.raises(ExportInputError, match=r"\[pages\.deck\] pause: missing"):
        Deck.of(load_script(bad), CLASSIC)


@pytest.fixture(scope="module", params=["en", "de-fixture", "de"])
def decks(request, shown, _fixture_words: Path, tmp_path_factory: pytest.TempPathFactory):
    """Both decks of the presentation in a language: English (``shown``), German from the
    fixture script (the English one with the pages' words in German) and from
    ``scenes/script/de.toml`` once it has them."""
    _, out, result = shown
    if request.param == "en":
        return out, Deck.of(load_inputs().script, load_inputs().palette)
    folder = tmp_path_factory.mktemp(f"deck-{request.param}")
    if request.param == "de":
        path = lecture_script()
    else:
        path = german_script(_fixture_words, folder / "de.toml")
    inputs = dataclasses.replace(load_inputs(), script=load_script(path))
    deck = Deck.of(inputs.script, inputs.palette)
    copy = shutil.copytree(out, folder / "present", ignore=shutil.ignore_patterns("cache", ".*"))
    names = [s.name for s in result.steps]
    links = DrawPage.of(inputs).slides(names, LOW.height)
    write_html(result.steps, copy / HTML, LOW.width, LOW.height, False, links, deck)
    write_html(result.steps, copy / SELF_RUNNING, LOW.width, LOW.height, True, deck=deck)
    return copy, deck


def _said(driver) -> dict:
    """What the page open in ``driver`` shows and announces: its language, title, text
    (hidden text included, not its scripts) and every aria-label."""
    return driver.execute_script(
        """const all = (s) => [...document.querySelectorAll(s)];
        const body = document.body.cloneNode(true);
        for (const script of body.querySelectorAll("script")) script.remove();
        return {lang: document.documentElement.lang, title: document.title,
                text: body.textContent,
                labels: all("[aria-label]").map(e => e.getAttribute("aria-label"))};"""
    )


def test_the_decks_speak_the_scripts_language_with_no_violation(decks, browser) -> None:
    out, deck = decks
    english = Deck.of(load_inputs().script, CLASSIC)
    for page in (HTML, SELF_RUNNING):
        _open(browser, out / page)
        said = _said(browser)
        assert said["lang"] == deck.language and said["title"] == deck.words["title"]
        if page == SELF_RUNNING:
            assert deck.words["start"] in said["text"] and deck.words["keys"] in said["text"]
            _start(browser)
            browser.execute_script("document.getElementById('pause').click()")
            names = browser.execute_script(
                "return ['pause', 'captions'].map(id => document.getElementById(id).innerText"
                ".trim()).concat([document.getElementById('controls').getAttribute('aria-label')])"
            )
            assert names == [deck.words[k] for k in ("pause", "captions", "controls")]
            said = _said(browser)
        for key in ("previous", "next"):
            assert deck.words[key] in said["labels"]  # reveal's arrows, named in the language
        if deck.language != english.language:
            words = " | ".join([said["title"], said["text"], *said["labels"]])
            left = [w for k, w in english.words.items() if w != deck.words[k] and w in words]
            assert not left, f"English words left on the {deck.language} page: {left}"
        assert axe_violations(browser) == []
