"""A marked word and its picture together: in a narrated render, what a scene plays after
``self.cue(name)`` starts as the narration reaches ``@name`` (here a lecturer's recording,
shared among its sentences by their length), and without the mark it starts at once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from manim import FadeIn, Square, tempconfig

from lecture.inputs import Inputs, load_inputs
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


@pytest.mark.parametrize("marked", [True, False])
def test_the_cued_animation_starts_with_its_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marked: bool
) -> None:
    mark = "@later " if marked else ""
    script = tmp_path / "words.toml"
    script.write_text(
        '[meta]\nlanguage = "en"\n\n[test_cue_timing.say]\nheadline = "A square, then another"\n'
        f'narration = "{FIRST} {mark}{SECOND}"\n',
        encoding="utf-8",
    )
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    seconds = 4.0
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    write_wav(recordings / "test_cue_timing.say.wav", 0.3 * np.sin(2 * np.pi * 220 * t))
    for key, value in {
        "SCRIPT": script,
        "NARRATION": "recordings",
        "RECORDINGS": recordings,
    }.items():
        monkeypatch.setenv(f"LECTURE_{key}", str(value))
    load_inputs.cache_clear()
    try:
        with tempconfig({"quality": "low_quality", "media_dir": str(tmp_path / "media"),
                         "disable_caching": True, "progress_bar": "none"}):  # fmt: skip
            scene = Cued()
            scene.render()
    finally:
        load_inputs.cache_clear()
    # The recording is shared by sentence length: the second sentence starts after the first.
    second_starts = seconds * len(FIRST) / (len(FIRST) + len(SECOND))
    frame = 1 / 15
    if marked:
        assert abs(scene.cued_at - second_starts) <= frame + 1e-9
    else:
        assert scene.cued_at == pytest.approx(0.4, abs=frame)
