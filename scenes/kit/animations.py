"""``mobject.animate…`` as an Animation, where Manim's types want one.

Manim types ``mobject.animate.set_fill(...)`` as ``_AnimationBuilder | Self`` (so that
chained calls type-check), while ``AnimationGroup`` and ``Succession`` are typed to take
Animations only. At run time they build each builder themselves, through
``prepare_animation``, which calls its ``build()``: :func:`built` does that one step
early, so the checker sees an Animation and the animation played is the same.
"""

from __future__ import annotations

from manim import Animation, Mobject
from manim.mobject.mobject import _AnimationBuilder
from manim.mobject.opengl.opengl_mobject import _AnimationBuilder as _OpenGLAnimationBuilder

__all__ = ["built"]


def built(step: _AnimationBuilder | _OpenGLAnimationBuilder | Mobject) -> Animation:
    """The animation that a ``mobject.animate.method(...)`` chain stands for.

    Parameters
    ----------
    step
        What ``mobject.animate.method(...)`` returned: at run time always a builder;
        a mobject is in the type only because Manim's annotation includes one.

    Returns
    -------
    Animation
        ``step.build()``, what ``AnimationGroup`` would have built from ``step``.

    Raises
    ------
    TypeError
        If ``step`` is a mobject, not a builder (``.animate`` was left out).
    """
    if not isinstance(step, _AnimationBuilder | _OpenGLAnimationBuilder):
        raise TypeError(f"expected mobject.animate..., got a {type(step).__name__}")
    return step.build()
