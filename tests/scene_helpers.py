"""What scene tests share: render a scene without writing anything, read its text,
and compare golden frames drawn by the camera that ships."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from manim import DL, UR, DecimalNumber, ImageMobject, MathTex, Scene, Text, config, tempconfig
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.kit.renderer import LectureRenderer
from scenes.kit.type_scale import MIN_READABLE


def dry_render(scene_class: type[Scene], **kwargs: Any) -> Scene:
    """Run a whole scene (every step jumps to its end state, no frames) for inspection."""
    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = scene_class(skip_animations=True, **kwargs)
        scene.render()
    return scene


def render_words(scene_class: type[Scene]) -> tuple[Scene, dict[str, Any]]:
    """The scene after a dry render, and each step's words (``Words``) by step id."""
    words: dict[str, Any] = {}
    scene = dry_render(scene_class, step_recorder=lambda w, _: words.setdefault(w.step_id, w))
    return scene, words


def golden(scene_class: type[Scene]) -> Callable:
    """Manim's ``frames_comparison`` through ``LectureRenderer``: the shipped camera.

    Manim gives every golden test an empty LaTeX and Pango cache of its own; they share
    the project's instead (entries are named by a hash of what they draw), so a formula
    is typeset once a run, not once a test.
    """
    return frames_comparison(
        base_scene=scene_class,
        renderer_class=LectureRenderer,
        tex_dir=str(Path(config.get_dir("tex_dir")).resolve()),
        text_dir=str(Path(config.get_dir("text_dir")).resolve()),
    )


def build_up_to(scene: Any, beat: str, part: int | None = None) -> None:
    """Play a lecture scene's steps in its chapter's order, through ``beat`` (its first
    part unless ``part`` is given): the state a golden frame of that step shows."""
    for step in scene.chapter.up_to(beat, part):
        scene.play_step(step)


def step_ids(chapter: Any) -> list[str]:
    """The step ids the scene's words are recorded under, in the chapter's order."""
    return [
        f"{chapter.name}.{s.key}" + ("" if s.part is None else f"-{s.part}") for s in chapter.steps
    ]


def says(mobject, text: str) -> bool:
    """Whether a Text mobject contains ``text`` (Manim keeps its text without spaces)."""
    return text.replace(" ", "") in mobject.text


def outside_frame(scene: Scene, margin: float = 1e-3) -> list[str]:
    """Every mobject on screen that reaches beyond the frame, described for a message.

    Only what can be seen counts: a mobject whose family draws nothing (no points,
    or fully transparent stroke and fill) is skipped.
    """
    half_w, half_h = config.frame_width / 2 + margin, config.frame_height / 2 + margin
    found = []
    for top in scene.mobjects:
        for mob in top.get_family():
            if not _visible(mob):
                continue
            (x0, y0, _), (x1, y1, _) = mob.get_critical_point(DL), mob.get_critical_point(UR)
            if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
                found.append(
                    f"{type(mob).__name__} in {type(top).__name__} spans x {x0:.2f}…{x1:.2f}, "
                    f"y {y0:.2f}…{y1:.2f}"
                )
    return found


def _visible(mob) -> bool:
    if isinstance(mob, ImageMobject):
        return True  # drawn whatever its children
    if mob.submobjects or not mob.has_points():
        return False
    stroke = mob.get_stroke_opacity() if hasattr(mob, "get_stroke_opacity") else 1
    fill = mob.get_fill_opacity() if hasattr(mob, "get_fill_opacity") else 1
    width = mob.get_stroke_width() if hasattr(mob, "get_stroke_width") else 1
    return fill > 0 or (stroke > 0 and width > 0)


def too_small(scene: Scene, least: float = MIN_READABLE) -> list[str]:
    """Every text on screen drawn smaller than ``least`` (a Manim font size, after any
    scaling), described for a message."""
    found = []
    for top in scene.mobjects:
        for mob in top.get_family():
            if not isinstance(mob, (Text, MathTex, DecimalNumber)):
                continue
            if not any(part.has_points() for part in mob.get_family()):
                continue
            size = float(mob.font_size)
            if size < least - 1e-6:
                words = getattr(mob, "text", None) or getattr(mob, "tex_string", "")
                found.append(f"{type(mob).__name__} {str(words)[:40]!r} at {size:.1f}")
    return found


_RENDERED: dict[tuple, tuple[Scene, dict[str, Any]]] = {}


def render_in_frame(scene_class: type[Scene], cached: bool = True) -> tuple[Scene, dict[str, Any]]:
    """``render_words``, asserting at the end of every step that nothing left the frame
    and that every text is drawn at a readable size.

    A scene depends only on its class and the ``LECTURE_*`` configuration, so with
    ``cached`` the tests that inspect the same scene under the same configuration share
    one render (treat the scene as read-only). A test that changes anything else, such
    as a module constant, passes ``cached=False``.
    """
    key = (
        scene_class,
        tuple(sorted(kv for kv in os.environ.items() if kv[0].startswith("LECTURE_"))),
    )
    if cached and key in _RENDERED:
        return _RENDERED[key]
    words: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}

    def record(step_words, scene) -> None:
        words.setdefault(step_words.step_id, step_words)
        if found := outside_frame(scene) + too_small(scene):
            problems[step_words.step_id] = found

    scene = dry_render(scene_class, step_recorder=record)
    assert not problems, f"off the frame or too small at the end of steps: {problems}"
    if cached:
        _RENDERED[key] = (scene, words)
    return scene, words
