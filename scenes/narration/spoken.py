"""Written text into the words a voice should say: numerals, signs and symbols.

The script writes numbers the way the screen and the subtitles show them
(``0.77``, ``13,002``, ``93.8%``, ``−10``, ``28 × 28``); a speech synthesiser reads
digits one by one or guesses. Here every number is spelled out by num2words in
the script's language, so "0.77" is said "zero point seven seven".
"""

from __future__ import annotations

import re

from num2words import num2words

__all__ = ["NUMBER", "SHAPE", "sentences", "speakable", "spoken_number"]

#: A written number: optional sign, digits with optional thousands commas, an
#: optional decimal part, an optional percent sign.
NUMBER = re.compile(r"(?<![\w.])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)(?![\w])")

#: Symbols a voice would skip or misread, as words (English; a script in another
#: language names its own in ``[meta] symbols``).
SYMBOLS = {"×": " by ", "→": " to ", "≈": " about ", "σ": " sigma ", "…": "..."}

#: A network's shape written with hyphens, "784-16-16-10": said as a list of numbers,
#: not as one long hyphenated word ("seven hundred and eighty-four-sixteen-…").
SHAPE = re.compile(r"(?<![\w.−-])\d+(?:-\d+){2,}(?![\w-])")

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]*[A-Z0-9])")


def spoken_number(sign: str, whole: str, fraction: str | None, percent: str, language: str) -> str:
    """One written number as words, e.g. ("", "0", ".77", "", "en") → "zero point seven seven".

    ``fraction`` is None or empty for a whole number (an unmatched group of ``NUMBER``).

    Decimals are read digit by digit after the point, as people read measured
    values, not as "seventy-seven hundredths".
    """
    words = num2words(int(whole.replace(",", "")), lang=language)
    if fraction:
        point = num2words(0.5, lang=language).split()[1]  # the language's word for "point"
        digits = " ".join(num2words(int(d), lang=language) for d in fraction[1:])
        words = f"{words} {point} {digits}"
    if sign:
        words = f"{num2words(-1, lang=language).split()[0]} {words}"  # "minus"
    if percent:
        words = f"{words} {_percent_word(language)}"
    return words


def _percent_word(language: str) -> str:
    return {"en": "percent", "fr": "pour cent", "de": "Prozent", "es": "por ciento"}.get(
        language, "%"
    )


def speakable(text: str, language: str = "en", symbols: dict[str, str] | None = None) -> str:
    """``text`` with every number spelled out and every symbol put into words."""
    for symbol, words in (SYMBOLS if symbols is None else symbols).items():
        text = text.replace(symbol, words)
    text = SHAPE.sub(lambda m: m[0].replace("-", ", "), text)
    text = NUMBER.sub(lambda m: spoken_number(m[1], m[2], m[3], m[4], language=language), text)
    return re.sub(r"[ \t]+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """``text`` cut after each full stop, question or exclamation mark that ends a sentence.

    A number's decimal point is not an end ("0.77"), nor is a stop followed by a
    lower-case word. Joining the pieces with single spaces gives back the text
    with its whitespace collapsed.
    """
    flat = " ".join(text.split())
    return [part for part in _SENTENCE_END.split(flat) if part]
