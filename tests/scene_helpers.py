"""What scene tests share: render a scene without writing anything, read its text."""

from __future__ import annotations

from manim import Scene, tempconfig


def dry_render(scene_class: type[Scene]) -> Scene:
    """Run a whole scene (every step jumps to its end state, no frames) for inspection."""
    with tempconfig({"dry_run": True, "quality": "low_quality", "disable_caching": True}):
        scene = scene_class(skip_animations=True)
        scene.render()
    return scene


def says(mobject, text: str) -> bool:
    """Whether a Text mobject contains ``text`` (Manim keeps its text without spaces)."""
    return text.replace(" ", "") in mobject.text
