"""An equation built from named TeX parts, so a matrix row can be lifted out later."""

from __future__ import annotations

__all__ = ["PartedTex"]


class PartedTex:
    """The TeX parts of one equation, with matrices kept one part per line.

    Manim's MathTex keeps each part it is given as its own submobject, so a matrix
    written line by line can later have one row lifted out of it, or one entry
    replaced, without parsing glyphs. ``block(name)`` and ``line(name, k)`` give the
    part indices of a named matrix and of its k-th line.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: dict[str, tuple[int, int]] = {}

    def add(self, *parts: str) -> PartedTex:
        """Append TeX ``parts``, each its own submobject of the MathTex; returns self."""
        self.parts.extend(parts)
        return self

    def matrix(self, name: str, lines: list[str]) -> PartedTex:
        """Append a bmatrix called ``name``, one part per line and per line break.

        Parameters
        ----------
        name
            How :meth:`block` and :meth:`line` find it again.
        lines
            Each line's TeX, entries already separated by ``&``.

        Returns
        -------
        PartedTex
            ``self``, to chain.
        """
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
        """The part indices of matrix ``name``, brackets included."""
        return range(*self.blocks[name])

    def line(self, name: str, k: int) -> int:
        """The part index of line ``k`` (from 0) of matrix ``name``."""
        return self.blocks[name][0] + 1 + 2 * k
