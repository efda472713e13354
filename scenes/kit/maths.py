"""Equations and graphs: LaTeX checked up front, numbers formatted one way, activation plots.

Every number written into an equation goes through :func:`tex_number`, so tests can
format the network's value the same way and compare the equation's TeX with it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from manim import DOWN, Axes, MathTex, ParametricFunction, VGroup
from manim.utils.color import ParsableManimColor

from lecture.nearness import MOST_PLACES, places
from lecture.palette import Palette
from scenes.kit.text import label, lighten, written
from scenes.kit.type_scale import TYPE

__all__ = [
    "LATEX_PACKAGES",
    "LatexMissingError",
    "Readout",
    "activation_axes",
    "column_vector",
    "plot_function",
    "require_latex",
    "slot",
    "tex",
    "tex_activation",
    "tex_count",
    "tex_escape",
    "tex_number",
    "tex_numerals",
    "tex_scientific",
    "tex_words",
]

#: What Debian/Ubuntu need for Manim's MathTex (tools/system-deps.sh installs them).
LATEX_PACKAGES = ("texlive-latex-base", "texlive-latex-extra", "dvisvgm")
_STYLES = ("amsmath.sty", "amssymb.sty")


class LatexMissingError(RuntimeError):
    """LaTeX, dvisvgm or a LaTeX package the equations need is not installed."""


def require_latex() -> None:
    """Stop before rendering, with the packages to install, if LaTeX cannot run."""
    advice = (
        f"install the Debian/Ubuntu packages {' '.join(LATEX_PACKAGES)} "
        "(`make setup` does this via tools/system-deps.sh)"
    )
    for program in ("latex", "dvisvgm"):
        if shutil.which(program) is None:
            raise LatexMissingError(
                f"`{program}` was not found: equations and numbers are typeset with LaTeX; "
                + advice
            )
    if shutil.which("kpsewhich") is None:
        return
    for style in _STYLES:
        found = subprocess.run(["kpsewhich", style], capture_output=True, text=True, check=False)
        if not found.stdout.strip():
            raise LatexMissingError(f"the LaTeX package file {style} was not found; " + advice)


def tex_number(value: float, places: int = 2) -> str:
    """A number as it appears inside an equation: fixed places, a true minus sign, in
    the scene language's numerals (:func:`tex_numerals`)."""
    text = f"{value:.{places}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]  # no "−0.00"
    return tex_numerals(text)


def tex_numerals(text: str) -> str:
    """Numerals (Python's notation) for LaTeX's maths mode in the scene's language: a
    comma braced, ``{,}``, so that it is not spaced as punctuation (13{,}002 in English,
    0{,}77 in German), a narrow space as ``\\,``."""
    return written(text).replace(",", "{,}").replace("\u202f", r"\,").replace("\xa0", r"\,")


def tex_scientific(value: float, digits: int = 2) -> str:
    """A number of any size for an equation: 9.5 × 10⁻⁷ when tiny or huge, else fixed."""
    if value == 0 or 1e-2 <= abs(value) < 1e4:
        return tex_number(value)
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{tex_numerals(mantissa)} \times 10^{{{int(exponent)}}}"


def tex_count(n: int) -> str:
    """13002 as 13{,}002 (13.002 in German): a thousands mark LaTeX does not space out."""
    return tex_numerals(f"{n:,}")


#: LaTeX's special characters, each as TeX that typesets it as itself in text.
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def tex_escape(words: str) -> str:
    r"""``words`` (the script's text) as TeX that typesets them as written inside
    ``\text{…}``: LaTeX's special characters escaped, everything else kept."""
    return "".join(_TEX_SPECIALS.get(char, char) for char in words)


#: Stands for a value in a note that a formula typesets itself (:func:`slot`): not
#: whitespace, so filling the note keeps it, and never in a script's words.
_SLOT = "\x00"


def slot(name: str) -> str:
    """What a note is filled with in place of value ``name``, for :func:`tex_words` to
    put the formula's own TeX of the value there."""
    return f"{_SLOT}{name}{_SLOT}"


def tex_words(text: str, typeset: Mapping[str, str], inside: bool = False) -> str:
    r"""TeX for a note's ``text`` in a formula: its words as ``\text{…}`` (escaped by
    :func:`tex_escape`), each :func:`slot` in it replaced by the TeX ``typeset`` gives
    that value (``13{,}002``).

    The words around a value are separate ``\text{…}`` parts, the value set as
    mathematics between them, all joined by spaces:
    ``\text{with } 13{,}002 \text{ parameters}``. With ``inside``, the value stands
    within the one ``\text{…}`` (``\text{12{,}960 multiplications per digit}``).
    """
    parts: list[str] = []
    for index, piece in enumerate(text.split(_SLOT)):
        if index % 2:
            parts.append(typeset[piece])
        elif piece:
            parts.append(tex_escape(piece) if inside else rf"\text{{{tex_escape(piece)}}}")
    return rf"\text{{{''.join(parts)}}}" if inside else " ".join(parts)


def tex(*parts: str, font_size: float, palette: Palette) -> MathTex:
    """A formula in the lecture's text colour, lightened like every caption (its glyphs
    drop their parsed SVG paths, so animating a large matrix copies a third less)."""
    return lighten(MathTex(*parts, font_size=font_size, color=palette.text))


def column_vector(entries: Sequence[str]) -> str:
    """TeX for a column vector of already-formatted entries."""
    return r"\begin{bmatrix}" + r" \\ ".join(entries) + r"\end{bmatrix}"


def activation_axes(
    x_range: tuple[float, float, float],
    y_range: tuple[float, float, float],
    palette: Palette,
    width: float = 6.0,
    height: float = 3.5,
) -> Axes:
    """Axes for an activation function, with numbers on both axes.

    Parameters
    ----------
    x_range, y_range
        ``(min, max, step)`` of each axis; a number is written at every step.
    palette
        The lecture's colours (axes in its muted colour).
    width, height
        The axes' size in frame units.

    Returns
    -------
    Axes
        Axes without tips, numbered at the type scale's smallest readable size.
    """
    axes = Axes(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": palette.muted, "include_numbers": True, "font_size": TYPE.small},
    )
    return axes


def plot_function(
    axes: Axes,
    function: Callable[[np.ndarray], np.ndarray],
    color: ParsableManimColor,
    **kwargs: Any,
) -> ParametricFunction:
    """A curve of one of ``network.activations``' functions (evaluated point by point).

    The curve is drawn from the very function the network runs, so what the lecture
    plots is what the network computes.

    Parameters
    ----------
    axes
        The axes to plot on (see :func:`activation_axes`).
    function
        A NumPy activation; it is given one point at a time, as a 0-d array.
    color
        The curve's colour.
    **kwargs
        Passed on to ``Axes.plot`` (``x_range``, ``use_smoothing``…).

    Returns
    -------
    ParametricFunction
        The curve, not yet added to the axes.
    """
    return axes.plot(lambda x: float(function(np.asarray(x))), color=color, **kwargs)


class Readout(VGroup):
    """A value read out: its name above it, the value typeset and highlighted.

    Parameters
    ----------
    name
        What the value is ("weighted sum"), in the muted label style.
    value
        The number, written as :func:`tex_number` writes it.
    palette
        The lecture's colours.
    """

    def __init__(self, name: str, value: float, palette: Palette) -> None:
        title = label(name, TYPE.label, palette.muted)
        number = tex(tex_number(value), font_size=TYPE.formula, palette=palette)
        super().__init__(title, number)
        self.title, self.value = title, number
        self.arrange(DOWN, buff=0.2)
        self.value.set_color(palette.highlight)


def tex_activation(a: float) -> str:
    """An activation as the screen shows it, after an "≈": enough places to show how far
    it is from zero or one (0.9999974, not 1.0000), never "1" or "0" unless the float is;
    closer than ``MOST_PLACES`` places, its distance to one (or zero) in powers of ten."""
    needed = places(a, most=99)
    if needed <= MOST_PLACES or a in (0.0, 1.0):
        return tex_number(a, min(needed, MOST_PLACES)) if 0 < a < 1 else f"{a:g}"
    if a > 0.5:
        return rf"1 - {tex_scientific(1 - a)}"
    return tex_scientific(a)
