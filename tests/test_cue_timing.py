"""A marked word and its picture together: in a narrated render, what a scene plays after
``self.cue(name)`` starts as the narration reaches ``@name`` (here a lecturer's recording,
shared among its sentences by their length), and without the mark it starts at once; what
it plays with ``run_time=self.fill(...)`` lasts until the next mark or the end of speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from manim import FadeIn, Square, tempconfig

from lecture.inputs import Inputs
from lecture.step import Chapter, Step
from scenes.kit.scene import LectureScene
from scenes.narration.audio import SAMPLE_RATE, write_wav

FIRST, SECOND = "The square comes in first.", "Then it is named."


class Cued(LectureScene):
    """One step: a square, then (as the second sentence starts) another."""

    @staticmethod
    def PLAN(inputs: Inputs) -> Chapter[None]:
        keys = frozenset({"say"})
        return Chapter("test_cue_timing", (Step("say", "say", cues=("later",)),), None, keys)

    def say(self, step: Step[None]) -> None:
        self.play(FadeIn(Square(1.0)), run_time=0.4)
        self.cue("later")
        self.cued_at = self.renderer.time - self._step_start
        self.play(FadeIn(Square(2.0)), run_time=0.4)


class Filled(Cued):
    """The same step, each square filling the time its words take."""

    def say(self, step: Step[None]) -> None:
        start = self.renderer.time
        self.play(FadeIn(Square(1.0)), run_time=self.fill(1.0))
        self.first_lasted = self.renderer.time - start
        self.cue("later")
        start = self.renderer.time
        self.play(FadeIn(Square(2.0)), run_time=self.fill(0.6))
        self.second_lasted = self.renderer.time - start


SECONDS = 4.0


def narrated(scene_class: type[Cued], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             marked: bool, narration: str = "recordings") -> Cued:  # fmt: skip
    """``scene_class`` rendered at 480p with a recorded narration of ``SECONDS`` (or
    ``narration="off"``)."""
    mark = "@later " if marked else ""
    script = tmp_path / "words.toml"
    script.write_text(
        '[meta]\nlanguage = "en"\n\n[test_cue_timing.say]\nheadline = "A square, then another"\n'
        f'narration = "{FIRST} {mark}{SECOND}"\n',
        encoding="utf-8",
    )
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    t = np.arange(int(SECONDS * SAMPLE_RATE)) / SAMPLE_RATE
    write_wav(recordings / "test_cue_timing.say.wav", 0.3 * np.sin(2 * np.pi * 220 * t))
    for key, value in {
        "SCRIPT": script,
        "NARRATION": narration,
        "RECORDINGS": recordings,
    }.items():
        monkeypatch.setenv(f"LECTURE_{key}", str(value))
    with tempconfig({"quality": "low_quality", "media_dir": str(tmp_path / "media"),
                     "disable_caching": True, "progress_bar": "none"}):  # fmt: skip
        scene = scene_class()
        scene.render()
    return scene


# The recording is shared by sentence length: the second sentence starts after the first.
SECOND_STARTS = SECONDS * len(FIRST) / (len(FIRST) + len(SECOND))
FRAME = 1 / 15


@pytest.mark.parametrize("marked", [True, False])
def test_the_cued_animation_starts_with_its_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: bool
) -> None:
    scene = narrated(Cued, tmp_path, monkeypatch, marked)
    second_starts, frame = SECOND_STARTS, FRAME
    if marked:
        assert abs(scene.cued_at - second_starts) <= frame + 1e-9
    else:
        assert scene.cued_at == pytest.approx(0.4, abs=frame)


@pytest.mark.parametrize("marked", [True, False])
def test_a_filled_animation_lasts_while_its_words_are_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: bool
) -> None:
    """Up to the next mark, else to the end of the speech; never slower than three times
    its own run time."""
    scene = narrated(Filled, tmp_path, monkeypatch, marked)
    if marked:
        assert abs(scene.first_lasted - SECOND_STARTS) <= FRAME + 1e-9
        assert abs(scene.second_lasted - (SECONDS - SECOND_STARTS)) <= FRAME + 1e-9
    else:
        assert scene.first_lasted == pytest.approx(3.0, abs=FRAME)  # 3 × 1.0, before 4 s
        assert scene.second_lasted == pytest.approx(SECONDS - 3.0, abs=FRAME)


def test_without_a_voice_fill_is_the_run_time_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = narrated(Filled, tmp_path, monkeypatch, marked=True, narration="off")
    assert scene.first_lasted == pytest.approx(1.0)
    assert scene.second_lasted == pytest.approx(0.6)
