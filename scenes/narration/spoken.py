"""Written text into the words a voice should say: numerals, signs and symbols.

The script writes numbers the way the screen and the subtitles show them
(``0.77``, ``13,002``, ``93.8%``, ``−10``, ``28 × 28``); a speech synthesiser reads
digits one by one or guesses. Here every number is spelled out by num2words in
the script's language, so "0.77" is said "zero point seven seven".
"""

from __future__ import annotations

import re
from functools import cache

from num2words import num2words

from .numerals import numerals

__all__ = [
    "NUM2WORDS_ERRORS",
    "NUMBER",
    "SHAPE",
    "Unspeakable",
    "collapsed",
    "say",
    "sentences",
    "speakable",
    "spoken_number",
]

#: What num2words raises for a number or a conversion a language does not implement (or
#: implements with a bug): each is a value that cannot be said, not a failure of ours.
NUM2WORDS_ERRORS = (
    NotImplementedError,
    ValueError,
    TypeError,
    LookupError,
    ArithmeticError,
    AttributeError,
)


class Unspeakable(ValueError):
    """A number num2words cannot say in a language; ``value`` is the number as written."""

    def __init__(self, value: str, language: str, reason: str) -> None:
        super().__init__(f"num2words cannot say {value} in language {language!r} ({reason})")
        self.value, self.language, self.reason = value, language, reason


def say(value: object, language: str, **options: str) -> str:
    """``num2words(value, lang=language, **options)``, or :class:`Unspeakable` naming
    ``value`` when num2words cannot say it in that language."""
    try:
        return str(num2words(value, lang=language, **options))
    except NUM2WORDS_ERRORS as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise Unspeakable(str(value), language, reason) from None


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

    Raises
    ------
    Unspeakable
        If num2words cannot say this kind of number in ``language`` (Polish has no
        negative numbers in num2words 0.5.14, say), naming the number as written.
    """
    written = f"{sign}{whole}{fraction or ''}{percent}"
    try:
        words = say(int(whole.replace(",", "")), language)
        if fraction:
            digits = " ".join(say(int(d), language) for d in fraction[1:])
            words = f"{words} {_point_word(language)} {digits}"
        if sign:
            words = f"{_minus_word(language)} {words}"
    except Unspeakable as exc:
        raise Unspeakable(written, language, exc.reason) from None
    if percent:
        words = f"{words} {_percent_word(language)}"
    return words


@cache
def _point_word(language: str) -> str:
    """The language's word for the decimal point: what num2words says between "zero" and
    "five" in 0.5 (or, where it reads the decimals otherwise, the word after "zero").

    Derived, not listed, so every language num2words knows gets its own word; one whose
    0.5 does not start with its zero (Arabic, Persian) or glues the words together
    (Turkish) has none to take, and is refused rather than given a wrong word.
    """
    zero, five, half = (say(v, language) for v in (0, 5, 0.5))
    rest = half[len(zero) :].strip() if half.startswith(zero) else ""
    if rest.endswith(five) and rest != five:
        words = rest[: -len(five)].split()
    else:
        words = rest.split()[:1] if len(rest.split()) > 1 else []
    if len(words) != 1:
        raise Unspeakable("0.5", language, f"no word for the decimal point in {half!r}")
    return words[0]


@cache
def _minus_word(language: str) -> str:
    """The language's word for a minus sign: num2words' −1 without its 1."""
    one, minus_one = say(1, language), say(-1, language)
    word = minus_one[: -len(one)].strip() if minus_one.endswith(one) else ""
    if not word:
        raise Unspeakable("-1", language, f"no word for the minus sign in {minus_one!r}")
    return word


def _percent_word(language: str) -> str:
    return {"en": "percent", "fr": "pour cent", "de": "Prozent", "es": "por ciento"}.get(
        language, "%"
    )


def speakable(text: str, language: str = "en", symbols: dict[str, str] | None = None) -> str:
    """``text`` with every number spelled out and every symbol put into words; its
    numerals are read in ``language``'s notation (0,77 in German)."""
    text = numerals(language).read(text)
    for symbol, words in (SYMBOLS if symbols is None else symbols).items():
        text = text.replace(symbol, words)
    text = SHAPE.sub(lambda m: m[0].replace("-", ", "), text)
    text = NUMBER.sub(lambda m: spoken_number(m[1], m[2], m[3], m[4], language=language), text)
    return re.sub(r"[ \t]+", " ", text).strip()


#: Runs of spaces, tabs and line breaks; a no-break space (12,5 % in German) is kept.
_BREAKABLE_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def collapsed(text: str) -> str:
    """``text`` with each run of ordinary whitespace made one space, ends stripped; a
    no-break space stays, binding what it binds (a number to its percent sign)."""
    return _BREAKABLE_SPACE.sub(" ", text).strip()


def sentences(text: str) -> list[str]:
    """``text`` cut after each full stop, question or exclamation mark that ends a sentence.

    A number's decimal point is not an end ("0.77"), nor is a stop followed by a
    lower-case word. Joining the pieces with single spaces gives back the text
    with its whitespace collapsed.
    """
    flat = collapsed(text)
    return [part for part in _SENTENCE_END.split(flat) if part]
