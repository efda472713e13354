"""The narration's inputs, end to end: a recording's name, ``recordings_fallback``, a
damaged voice, a translation num2words cannot say, a character no font draws.

Bad input is one ``error:`` line, status 2, no traceback and nothing written, from
``manim render`` and ``make script``; what the lecturer should know of their recordings
(a step spoken by the synthetic voice, a file no step uses) reaches the console of
``make lecture``, not only its logs.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import FIXTURE, TWO_STEPS, fixture_words
from test_recordings import encode

from scenes.export.catalogue import PROJECT_ROOT
from scenes.export.lecture import make_lecture, summary
from scenes.export.options import ExportOptions
from scenes.export.quality import quality
from scenes.kit.text import missing_glyphs
from scenes.narration.voice import packaged_voice_model

MANIM = Path(sys.executable).with_name("manim")
ONE = "export_scenes.only"  # the step of the fixture scene OneStep


def run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=PROJECT_ROOT, env={**os.environ, **env}, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The run's one stderr line, checked to be an ``error:`` with status 2."""
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert len(errors) == 1 and errors[0].startswith("error: "), errors
    return errors[0]


def corrupt_voice(folder: Path) -> Path:
    """A voice whose .onnx.json is Piper's own but whose .onnx is cut short."""
    model = packaged_voice_model()
    bad = folder / "damaged.onnx"
    bad.write_bytes(model.read_bytes()[:100_000])
    shutil.copy(model.with_name(model.name + ".json"), bad.with_name(bad.name + ".json"))
    return bad


def polish_script(folder: Path, script: Path) -> Path:
    """The fixture script in Polish, whose numbers num2words 0.5.14 cannot make negative."""
    polish = folder / "pl.toml"
    polish.write_text(
        script.read_text(encoding="utf-8").replace('language = "en"', 'language = "pl"', 1),
        encoding="utf-8",
    )
    return polish


@pytest.mark.parametrize(
    ("case", "named"),
    [
        ("fallback error, no recordings", [ONE, "recordings_fallback = error"]),
        ("fallback error, a misspelt recording", [ONE, "export_scenes.onyl"]),
        ("unknown fallback", ["LECTURE_RECORDINGS_FALLBACK = 'maybe'", "voice, error"]),
        ("damaged voice", ["damaged.onnx", "not a voice Piper can load"]),
        ("a language without negative numbers", ["pl.toml", "'pl'", "−10"]),
    ],
)
def test_bad_narration_input_is_one_line_from_manim_render(
    tmp_path: Path, case: str, named: list[str]
) -> None:
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    with fixture_words(tmp_path) as script:
        env = {
            "LECTURE_NARRATION": "recordings",
            "LECTURE_RECORDINGS": str(recordings),
            "LECTURE_RECORDINGS_FALLBACK": "error",
        }
        if case == "fallback error, a misspelt recording":
            encode(recordings / "export_scenes.onyl.wav", "pcm_s16le", 0.5, 0.3)
        elif case == "unknown fallback":
            env["LECTURE_RECORDINGS_FALLBACK"] = "maybe"
        elif case == "damaged voice":
            env = {"LECTURE_NARRATION": "voice", "LECTURE_VOICE": str(corrupt_voice(tmp_path))}
        elif case == "a language without negative numbers":
            env = {"LECTURE_SCRIPT": str(polish_script(tmp_path, script))}
        media = tmp_path / "media"
        command = [str(MANIM), "render", "-ql", "--media_dir", str(media), str(FIXTURE)]
        done = run([*command, "OneStep"], **env)
    line = one_error_line(done)
    for part in named:
        assert part in line, line
    if case.startswith("fallback error"):
        assert str(recordings) in line
    videos = media / "videos"
    assert not videos.exists() or not any(p.is_file() for p in videos.rglob("*"))


def test_a_language_without_negative_numbers_stops_make_script(tmp_path: Path) -> None:
    out = tmp_path / "script"
    with fixture_words(tmp_path) as script:
        polish = polish_script(tmp_path, script)
        module = [sys.executable, "-m", "scenes.export.script_document", "--out", str(out)]
        done = run(module, LECTURE_SCRIPT=str(polish))
    line = one_error_line(done)
    assert "pl.toml" in line and "'pl'" in line and "−10" in line
    assert not out.exists()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory):
    """make lecture of the two-step fixture scene with the lecturer's recordings: the first
    step recorded as ``.WAV`` (capitals, as recorders write), the second misspelt; its
    headline carries a character no installed font has, if one can be found."""
    folder = tmp_path_factory.mktemp("recorded")
    recordings = folder / "recordings"
    recordings.mkdir()
    encode(recordings / "export_scenes.square.WAV", "pcm_s16le", 1.0, 0.3)
    encode(recordings / "export_scenes.moveed.wav", "pcm_s16le", 1.0, 0.3)
    unseen = next((c for c in "\U0001fae0\U0001f9e0\U000e0001\U0010fffd" if missing_glyphs(c)), "")
    with fixture_words(folder) as script, pytest.MonkeyPatch.context() as patch:
        moved = 'headline = "The square moved to the left"'
        text = script.read_text(encoding="utf-8")
        script.write_text(text.replace(moved, moved[:-1] + f' {unseen}"'), encoding="utf-8")
        patch.setenv("LECTURE_NARRATION", "recordings")
        patch.setenv("LECTURE_RECORDINGS", str(recordings))
        stream = io.StringIO()
        options = ExportOptions(quality("l"), folder / "out", jobs=1, stream=stream)
        result = make_lecture([TWO_STEPS], options)
    return result, recordings, unseen


def test_make_lecture_names_the_steps_the_voice_spoke_and_the_unused_recording(
    recorded,
) -> None:
    result, recordings, _ = recorded
    steps = result.outcomes[0].manifest["steps"]
    # .WAV is a recording like .wav: only the misspelt step fell back to the voice
    assert [(s["section"], s["fallback"]) for s in steps] == [
        ("export_scenes.square", False),
        ("export_scenes.moved", True),
    ]
    text = summary(result, 1.0)
    fell_back = [line for line in text.splitlines() if "synthetic voice" in line]
    assert len(fell_back) == 1
    assert "export_scenes.moved" in fell_back[0] and "export_scenes.square" not in fell_back[0]
    assert str(recordings) in fell_back[0]
    unused = [line for line in text.splitlines() if "matches no step" in line]
    assert len(unused) == 1
    assert str(recordings / "export_scenes.moveed.wav") in unused[0]
    assert "closest step: export_scenes.moved" in unused[0]


def test_the_render_itself_prints_them_and_names_a_character_no_font_has(recorded) -> None:
    """What ``manim render`` prints on its console (here the render's log, as make
    lecture keeps it): the same lines, and a warning naming the step and the character."""
    result, _, unseen = recorded
    log = (result.video.parent / "logs" / "two.log").read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if line.startswith("warning: ")]
    assert any("export_scenes.moved" in line and "synthetic voice" in line for line in lines)
    assert any("export_scenes.moveed.wav" in line for line in lines)
    if not unseen:
        pytest.skip("every candidate character has a glyph in an installed font here")
    glyph = [line for line in lines if "no installed font has" in line]
    assert len(glyph) == 1, lines
    assert "[export_scenes.moved] headline" in glyph[0] and unseen in glyph[0]


@pytest.mark.parametrize("what", ["lecture", "present"])
def test_recordings_fallback_error_stops_the_export_before_anything_renders(
    tmp_path: Path, what: str
) -> None:
    """One line naming every step of the chosen scenes still to record (the plan says
    which: the variant this digit takes), status 2, no render started, nothing written."""
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    encode(recordings / "function.function.WAV", "pcm_s16le", 0.5, 0.3)  # recorded
    encode(recordings / "function.chian.wav", "pcm_s16le", 0.5, 0.3)  # misspelt
    out, lecture = tmp_path / "out", tmp_path / "lecture"
    command = [sys.executable, "-m", "scenes.export", what, "--scenes", "function"]
    command += ["--quality", "l", "--out", str(out), "--lecture", str(lecture)]
    done = run(
        command[: -2 if what == "lecture" else None],
        LECTURE_NARRATION="recordings",
        LECTURE_RECORDINGS=str(recordings),
        LECTURE_RECORDINGS_FALLBACK="error",
    )
    line = one_error_line(done)
    assert line.startswith(f"error: {recordings}: no recording for step(s) function.chain, ")
    assert "function.real-values-" in line and "function.function," not in line
    assert "function.chian" in line
    assert "Rendering" not in done.stdout and "Presenting" not in done.stdout
    written = [p for folder in (out, lecture) if folder.exists() for p in folder.rglob("*")]
    assert not [p for p in written if p.is_file() and not p.name.startswith(".")], written
