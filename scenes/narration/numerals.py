"""Numbers written the way the script's language writes them: 13,002 and 0.77 in
English, 13.002 and 0,77 in German, 13 002 and 0,77 in French.

The lecture formats every number in Python's one notation (``{x:.2f}``, ``{n:,}``,
``{p:.1%}``); here that notation is turned into the language's, with the symbols
the Unicode CLDR gives it (through Babel), and back again where a numeral must be
read (a voice spelling it out). English, and any language Babel does not know, keep
Python's notation unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

__all__ = ["PYTHON", "Numerals", "numerals"]

#: A numeral in Python's notation: optional sign, digits with optional thousands commas,
#: an optional decimal part, an optional percent sign.
_PYTHON_NUMERAL = re.compile(r"(?<![\w.,])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)(?![\w])")


@dataclass(frozen=True)
class Numerals:
    """How a language writes numbers: its decimal mark, thousands separator and what
    stands between a number and its percent sign."""

    decimal: str = "."
    group: str = ","
    before_percent: str = ""

    @property
    def is_python(self) -> bool:
        return (self.decimal, self.group, self.before_percent) == (".", ",", "")

    def written(self, text: str) -> str:
        """``text`` with every numeral in Python's notation written this language's way."""
        if self.is_python:
            return text

        def local(match: re.Match[str]) -> str:
            sign, whole, fraction, percent = match.groups()
            whole = whole.replace(",", self.group)
            fraction = (self.decimal + fraction[1:]) if fraction else ""
            return f"{sign}{whole}{fraction}{self.before_percent + percent if percent else ''}"

        return _PYTHON_NUMERAL.sub(local, text)

    def read(self, text: str) -> str:
        """``text`` with this language's numerals back in Python's notation (for a voice
        that spells numbers out): the inverse of :meth:`written` on what it wrote."""
        if self.is_python:
            return text
        return self._local_numeral.sub(self._python, text)

    @property
    def _local_numeral(self) -> re.Pattern[str]:
        return _local_pattern(self.decimal, self.group, self.before_percent)

    def _python(self, match: re.Match[str]) -> str:
        sign, whole, fraction, percent = match.groups()
        whole = whole.replace(self.group, ",")
        fraction = ("." + fraction[len(self.decimal) :]) if fraction else ""
        return f"{sign}{whole}{fraction}{'%' if percent else ''}"


@cache
def _local_pattern(decimal: str, group: str, before_percent: str) -> re.Pattern[str]:
    d, g, p = (re.escape(s) for s in (decimal, group, before_percent))
    return re.compile(
        rf"(?<![\w{d}{g}])([-−]?)(\d{{1,3}}(?:{g}\d{{3}})+|\d+)({d}\d+)?((?:{p}|\s)?%)?(?![\w])"
    )


PYTHON = Numerals()


@cache
def numerals(language: str) -> Numerals:
    """How ``language`` (a code such as ``"de"`` or ``"pt_BR"``) writes numbers; Python's
    notation for English and for a language Babel does not know."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return PYTHON
    percent = format_percent(0.5, locale=locale)
    before = percent[percent.index("%") - 1] if "%" in percent and percent.index("%") else ""
    numerals = Numerals(
        get_decimal_symbol(locale),
        get_group_symbol(locale),
        before if before in ("\xa0", "\u202f", " ") else "",
    )
    return PYTHON if numerals.decimal == numerals.group else numerals
