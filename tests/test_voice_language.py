"""The English voice never reads German: a Piper voice speaks the language its
``.onnx.json`` names, and when the script is in another one and the synthetic voice
would speak (``narration = voice``, or a step without a recording under
``recordings_fallback = voice``), the render is refused in one line before anything
renders, from ``manim render``, ``make lecture`` and ``make present``
(``scenes.narration.voices.check_narration``). A voice of the script's language passes;
so does narration off, whose German lecture is subtitled by its headlines.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import srt
from export_helpers import FIXTURE, ONE_STEP, TWO_STEPS, fixture_words
from fixtures.export_scenes import STEPS
from test_export_lecture import srt_cues, subtitle_track
from test_narration_errors import MANIM, one_error_line, run
from test_recordings import encode

from scenes.config import CONFIG_PATH, DEFAULTS, LectureConfig, load_config, pinned_environ
from scenes.export.catalogue import PROJECT_ROOT
from scenes.export.lecture import make_lecture
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.narration.languages import language
from scenes.narration.recordings import RecordingError
from scenes.narration.script import Script, load_script
from scenes.narration.voice import Voice, VoiceError, packaged_voice_model
from scenes.narration.voices import check_narration

STEP_IDS = ["demo.one", "demo.two"]


def german(script: Path, folder: Path) -> Path:
    """``script`` in German: the same words, ``[meta] language = "de"`` (numbers said by
    num2words in German; the check goes by that code, not by the words)."""
    target = folder / "de.toml"
    text = script.read_text(encoding="utf-8")
    assert 'language = "en"' in text
    target.write_text(text.replace('language = "en"', 'language = "de"', 1), encoding="utf-8")
    return target


def voice_speaking(folder: Path, code: str, espeak: str = "") -> Path:
    """A Piper voice that says it speaks ``code``: the packaged voice's model (a hard
    link, or a copy) beside a copy of its ``.onnx.json`` with ``language.code`` set.
    (A symbolic link would not do: the configured path is resolved, and the voice's
    ``.onnx.json`` is read beside the file it leads to.)"""
    model = packaged_voice_model()
    fake = folder / f"{code}-fake-medium.onnx"
    if not fake.exists():
        try:
            os.link(model, fake)  # never written to: the packaged voice is safe
        except OSError:
            shutil.copy(model, fake)
    settings = json.loads(model.with_name(model.name + ".json").read_text(encoding="utf-8"))
    settings["language"] = {"code": code, "family": code.split("_")[0]}
    if espeak:
        settings["espeak"] = {"voice": espeak}
    fake.with_name(fake.name + ".json").write_text(json.dumps(settings), encoding="utf-8")
    return fake


def config_with(**options: str) -> LectureConfig:
    """The shipped configuration with ``options`` (``[lecture]`` keys) set, as the
    environment sets them."""
    environ: Mapping[str, str] = {
        **pinned_environ({}),
        **{f"LECTURE_{key.upper()}": value for key, value in options.items()},
    }
    return load_config(CONFIG_PATH, environ)


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scripts")
    english = PROJECT_ROOT / DEFAULTS["script"]
    return {"en": english, "de": german(english, folder)}


def script_in(scripts: dict[str, Path], code: str) -> tuple[Path, Script]:
    return scripts[code], load_script(scripts[code])


# -- languages --------------------------------------------------------------------------


def test_languages_by_every_code_the_lecture_meets() -> None:
    de = language("de")
    assert (de.base, de.iso639_2, de.english, de.own_name, de.tag) == (
        "de", "deu", "German", "Deutsch", "de",
    )  # fmt: skip
    assert str(de) == "German (de)"
    assert language("en_US").speaks_as(language("en"))  # a Piper locale, num2words' code
    assert language("en-us").speaks_as(language("en_IN"))  # an eSpeak voice
    assert not language("en_US").speaks_as(de)
    assert language("ger").speaks_as(de)  # ISO 639-2/B
    assert language("pt_BR").tag == "pt-BR" and language("pt_BR").iso639_2 == "por"
    assert language("kz").iso639_2 == "kaz"  # num2words' own code for Kazakh
    assert language("en").own_name == "English"
    assert language("xx").iso639_2 == "und"  # a code ISO 639 lacks: undetermined


def test_a_voice_names_its_language(tmp_path: Path) -> None:
    assert Voice(packaged_voice_model(), tmp_path).language() == "en_US"
    assert Voice(voice_speaking(tmp_path, "de_DE"), tmp_path).language() == "de_DE"
    bare = voice_speaking(tmp_path, "fr_FR")
    config = bare.with_name(bare.name + ".json")
    settings = json.loads(config.read_text(encoding="utf-8"))
    del settings["language"]
    config.write_text(json.dumps({**settings, "espeak": {"voice": "fr-fr"}}), encoding="utf-8")
    assert Voice(bare, tmp_path).language() == "fr-fr"  # only eSpeak's voice: that one


# -- the check --------------------------------------------------------------------------


def test_the_english_voice_refuses_a_german_script(scripts: dict[str, Path]) -> None:
    path, script = script_in(scripts, "de")
    config = config_with(script=str(path))
    with pytest.raises(VoiceError) as refused:
        check_narration(config, script, STEP_IDS)
    message = str(refused.value)
    assert message.startswith("LECTURE_VOICE = 'joe' speaks English (en_US) but LECTURE_SCRIPT")
    assert f"{path}' is German (de): bring a Piper voice for German" in message
    assert "voice = path/to/de_….onnx" in message
    assert "narration = recordings; make script lists them" in message
    assert message.endswith("or set narration = off")
    assert "\n" not in message


def test_a_voice_of_the_script_language_passes(scripts: dict[str, Path], tmp_path: Path) -> None:
    path, script = script_in(scripts, "de")
    for code, espeak in (("de_DE", ""), ("de_AT", "de")):
        voice = voice_speaking(tmp_path, code, espeak)
        check_narration(config_with(script=str(path), voice=str(voice)), script, STEP_IDS)
    # and the other way round: a German voice refuses the English script
    english, words = script_in(scripts, "en")
    with pytest.raises(VoiceError, match=r"speaks German \(de_DE\) but .* is English \(en\)"):
        check_narration(
            config_with(script=str(english), voice=str(voice_speaking(tmp_path, "de_DE"))),
            words,
            STEP_IDS,
        )


def test_the_english_voice_reads_english_and_nothing_speaks_with_narration_off(
    scripts: dict[str, Path],
) -> None:
    english, words = script_in(scripts, "en")
    check_narration(config_with(script=str(english)), words, STEP_IDS)
    german_path, german_words = script_in(scripts, "de")
    check_narration(config_with(script=str(german_path), narration="off"), german_words, [])


@pytest.mark.parametrize("fallback", ["voice", "error"])
def test_recordings_of_every_step_need_no_voice(
    scripts: dict[str, Path], tmp_path: Path, fallback: str
) -> None:
    path, script = script_in(scripts, "de")
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    for step in STEP_IDS:
        (recordings / f"{step}.wav").write_bytes(b"")  # found by name; not read here
    config = config_with(
        script=str(path),
        narration="recordings",
        recordings=str(recordings),
        recordings_fallback=fallback,
    )
    check_narration(config, script, STEP_IDS)


def test_a_step_without_a_recording_would_be_read_by_the_english_voice(
    scripts: dict[str, Path], tmp_path: Path
) -> None:
    path, script = script_in(scripts, "de")
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    (recordings / "demo.one.wav").write_bytes(b"")
    many = [f"demo.step-{n}" for n in range(8)]
    config = config_with(script=str(path), narration="recordings", recordings=str(recordings))
    with pytest.raises(VoiceError) as refused:
        check_narration(config, script, ["demo.one", "demo.two", *many])
    message = str(refused.value)
    assert "speaks English (en_US) but" in message and "is German (de)" in message
    assert f"the 9 step(s) with no recording in {recordings} (demo.two, " in message
    assert "demo.one," not in message and "and 4 more" in message
    assert "record them (make script lists them)" in message
    # with recordings_fallback = error the voice never speaks: the missing step is named
    strict = config_with(
        script=str(path),
        narration="recordings",
        recordings=str(recordings),
        recordings_fallback="error",
    )
    with pytest.raises(RecordingError, match="no recording for step"):
        check_narration(strict, script, ["demo.one", "demo.two"])


def test_the_steps_are_planned_only_when_the_recordings_are_asked_for(
    scripts: dict[str, Path],
) -> None:
    path, script = script_in(scripts, "en")

    def never() -> Iterator[str]:
        raise AssertionError("the steps were read")
        yield ""

    check_narration(config_with(script=str(path)), script, never())


# -- every entry point: one line, status 2, nothing rendered ----------------------------


def test_manim_render_refuses_the_english_voice_for_a_german_script(tmp_path: Path) -> None:
    media = tmp_path / "media"
    with fixture_words(tmp_path) as script:
        words = german(script, tmp_path)
        command = [str(MANIM), "render", "-ql", "--media_dir", str(media), str(FIXTURE)]
        done = run([*command, "OneStep"], LECTURE_SCRIPT=str(words), LECTURE_NARRATION="voice")
    line = one_error_line(done)
    assert line.startswith("error: LECTURE_VOICE = 'joe' speaks English (en_US) but ")
    assert f"LECTURE_SCRIPT = '{words}' is German (de)" in line
    videos = media / "videos"
    assert not videos.exists() or not any(p.is_file() for p in videos.rglob("*"))


@pytest.mark.parametrize("what", ["lecture", "present"])
def test_make_lecture_and_present_refuse_before_anything_renders(
    tmp_path: Path, what: str
) -> None:
    words = german(PROJECT_ROOT / DEFAULTS["script"], tmp_path)
    out, lecture = tmp_path / "out", tmp_path / "lecture"
    command = [sys.executable, "-m", "scenes.export", what, "--scenes", "function"]
    command += ["--quality", "l", "--out", str(out), "--lecture", str(lecture)]
    done = run(command[: -2 if what == "lecture" else None], LECTURE_SCRIPT=str(words))
    line = one_error_line(done)
    assert line.startswith("error: LECTURE_VOICE = 'joe' speaks English (en_US) but ")
    assert "is German (de): bring a Piper voice for German" in line
    assert "Rendering" not in done.stdout and "Presenting" not in done.stdout
    written = [p for folder in (out, lecture) if folder.exists() for p in folder.rglob("*")]
    assert not [p for p in written if p.is_file() and not p.name.startswith(".")], written


def test_make_lecture_with_recordings_refuses_a_step_the_voice_would_read(
    tmp_path: Path,
) -> None:
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    encode(recordings / "function.function.wav", "pcm_s16le", 0.5, 0.3)
    words = german(PROJECT_ROOT / DEFAULTS["script"], tmp_path)
    command = [sys.executable, "-m", "scenes.export", "lecture", "--scenes", "function"]
    done = run(
        [*command, "--quality", "l", "--out", str(tmp_path / "out")],
        LECTURE_SCRIPT=str(words),
        LECTURE_NARRATION="recordings",
        LECTURE_RECORDINGS=str(recordings),
    )
    line = one_error_line(done)
    assert f"with no recording in {recordings} (function.chain" in line
    assert "function.function," not in line


# -- narration off: the German lecture renders, subtitled by its headlines --------------


def test_a_german_lecture_with_narration_off_renders_with_a_german_track(
    tmp_path: Path,
) -> None:
    # Set inside fixture_words' own patch and undone before it: a function's monkeypatch
    # would restore the fixture's values after the fixture had restored the real ones.
    with fixture_words(tmp_path) as script, pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_SCRIPT", str(german(script, tmp_path)))
        options = ExportOptions(quality("l"), tmp_path / "out", jobs=2, stream=io.StringIO())
        result = make_lecture([TWO_STEPS, ONE_STEP], options)
    captions = list(srt.parse(result.subtitles.read_text(encoding="utf-8")))
    assert [c.content for c in captions] == [text for _, text in STEPS] + ["A single step"]
    metadata, cues = subtitle_track(result.video)
    assert metadata["language"] == "deu" and metadata["handler_name"] == "Deutsch"
    assert cues == srt_cues(result.subtitles)
