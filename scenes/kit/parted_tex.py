"""An equation built from named TeX parts, so a matrix row can be lifted out later, and
formulas and groups whose parts are picked by name rather than by position."""

from __future__ import annotations

from collections.abc import Mapping

from manim import MathTex, VGroup, VMobject

from lecture.palette import Palette
from scenes.kit.text import lighten

__all__ = ["NamedGroup", "NamedTex", "PartedTex"]


class PartedTex:
    """The TeX parts of one equation, with matrices kept one part per line.

    Manim's MathTex keeps each part it is given as its own submobject, so a matrix
    written line by line can later have one row lifted out of it, or one entry
    replaced, without parsing glyphs. ``block(name)`` and ``line(name, k)`` give the
    part indices of a named matrix and of its k-th line; ``part(name, tex)`` adds a
    single named part.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: dict[str, tuple[int, int]] = {}

    @classmethod
    def named(cls, parts: Mapping[str, str]) -> PartedTex:
        """One named part per entry of ``parts``, in order."""
        layout = cls()
        for name, tex in parts.items():
            layout.part(name, tex)
        return layout

    def add(self, *parts: str) -> PartedTex:
        self.parts.extend(parts)
        return self

    def part(self, name: str, tex: str) -> PartedTex:
        """Add ``tex`` as one part, named ``name``."""
        self.blocks[name] = (len(self.parts), len(self.parts) + 1)
        self.parts.append(tex)
        return self

    def matrix(self, name: str, lines: list[str]) -> PartedTex:
        start = len(self.parts)
        self.parts.append(r"\begin{bmatrix}")
        for i, line in enumerate(lines):
            if i:
                self.parts.append(r"\\")
            self.parts.append(line)
        self.parts.append(r"\end{bmatrix}")
        self.blocks[name] = (start, len(self.parts))
        return self

    def block(self, name: str) -> range:
        return range(*self.blocks[name])

    def line(self, name: str, k: int) -> int:
        return self.blocks[name][0] + 1 + 2 * k


class NamedTex(MathTex):
    """A formula typeset from a :class:`PartedTex` (as ``maths.tex`` typesets, in the
    lecture's text colour, lightened), whose parts are picked by name.

    ``part(name)`` is a named part (a named matrix: its parts as a group),
    ``line(name, k)`` the k-th line of a named matrix, ``parts(*names)`` several
    parts as a group, in the order named. The parts are the ones typeset, wherever
    they sit later: a formula that an animation transforms into another may have
    invisible copies of its parts inserted among them, which shift every position.
    """

    def __init__(self, layout: PartedTex, *, font_size: float, palette: Palette) -> None:
        super().__init__(*layout.parts, font_size=font_size, color=palette.text)
        lighten(self)
        self.layout = layout
        self.typeset: tuple[VMobject, ...] = tuple(self.submobjects)

    def part(self, name: str) -> VMobject:
        block = self.layout.block(name)
        if len(block) == 1:
            return self.typeset[block[0]]
        return VGroup(*(self.typeset[i] for i in block))

    def line(self, name: str, k: int) -> VMobject:
        return self.typeset[self.layout.line(name, k)]

    def parts(self, *names: str) -> VGroup:
        return VGroup(*(self.part(name) for name in names))


class NamedGroup(VGroup):
    """A group of separately built mobjects, in the order given, each known by a name
    (the mobject given, wherever it sits later, as in :class:`NamedTex`)."""

    def __init__(self, members: Mapping[str, VMobject]) -> None:
        super().__init__(*members.values())
        self.members = dict(members)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.members)

    def part(self, name: str) -> VMobject:
        return self.members[name]

    def parts(self, *names: str) -> VGroup:
        return VGroup(*(self.part(name) for name in names))
