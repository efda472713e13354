"""Numbers for the ear and for the eye: how near zero or one an activation is, how many
places show it honestly, and a sum rounded so it can be said.

An activation such as σ(12.84) = 0.9999974 is not "one point zero zero zero zero":
said, it is "almost exactly one"; shown, it needs enough places to show it is not one,
and an "≈" because it is rounded. These rules live here, once, so that every chapter
says and shows the same neuron the same way.
"""

from __future__ import annotations

import math

from lecture.inputs import Inputs

__all__ = [
    "ALMOST",
    "MOST_PLACES",
    "NEAR",
    "for_the_ear",
    "nearness",
    "places",
    "said_activation",
    "shown",
]

#: "Almost exactly" zero or one: within this of it.
ALMOST = 1e-3
#: "Close to" zero or one: within this of it.
NEAR = 0.05
#: The most decimal places a value is written with; nearer to one (or zero) than that,
#: it is written as its distance from it in powers of ten.
MOST_PLACES = 7

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def nearness(a: float) -> str:
    """How an activation in [0, 1] is said: ``"almost-one"``, ``"near-one"``,
    ``"middle"``, ``"near-zero"`` or ``"almost-zero"`` (each a phrase in the script;
    only ``"middle"`` says the number)."""
    if a >= 1 - ALMOST:
        return "almost-one"
    if a >= 1 - NEAR:
        return "near-one"
    if a <= ALMOST:
        return "almost-zero"
    if a <= NEAR:
        return "near-zero"
    return "middle"


def places(a: float, least: int = 2, most: int = 10) -> int:
    """Decimal places that show an activation honestly: the first two significant digits
    of its distance to the nearer of zero and one (0.9999974, 0.9970, 0.945, 0.62), at
    least ``least`` and at most ``most``."""
    gap = min(a, 1 - a)
    if gap <= 0:
        return most
    return max(least, min(most, -math.floor(math.log10(gap)) + 1))


def for_the_ear(x: float) -> float:
    """``x`` rounded to two significant figures, as a lecture says it: 12.84 → 13,
    5.07 → 5.1, 0.7342 → 0.73, −9 → −9. A whole number comes back as a float whose
    ``:g`` format has no decimal point."""
    if x == 0 or not math.isfinite(x):
        return 0.0 if x == 0 else x
    digits = 1 - math.floor(math.log10(abs(x)))
    rounded = round(x, digits)
    return float(rounded) + 0.0  # no "-0"


def shown(a: float) -> str:
    """An activation written in plain text (a headline) honestly: enough places to see
    how far it is from zero or one ("0.9999974", not "1.00"), and closer than
    ``MOST_PLACES`` places, its distance in powers of ten ("1 − 1.0 × 10⁻¹¹")."""
    needed = places(a, most=99)
    if needed <= MOST_PLACES or a in (0.0, 1.0):
        return f"{a:.{min(needed, MOST_PLACES)}f}" if 0 < a < 1 else f"{a:g}"
    mantissa, exponent = f"{(1 - a) if a > 0.5 else a:.1e}".split("e")
    power = f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return f"1 − {power}" if a > 0.5 else power


def said_activation(inputs: Inputs, a: float) -> str:
    """An activation as the narration says it, from the script's words for how near it
    is to zero or one (``[sigmoid_bias.sigmoid]`` ``note-<nearness>``); only in the
    middle is the number said, to two places. Every chapter speaking of an activation
    says it with these words, so one neuron always sounds the same."""
    kind = nearness(a)
    values = {"value": round(a, 2)} if kind == "middle" else {}
    return inputs.script.note("sigmoid_bias", "sigmoid", kind, values)
