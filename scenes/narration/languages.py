"""Languages by the codes the lecture meets them in.

A script names its language as num2words does (``[meta] language = "de"``, ``"pt_BR"``),
a Piper voice as a locale (``"en_US"``) or an eSpeak voice (``"en-us"``); a video's
subtitle track wants ISO 639-2 (``"deu"``), a document a BCP 47 tag (``"pt-BR"``). The
ISO 639 tables are pycountry's (its copy of Debian's iso-codes), so any language a
script or a voice may use is known, with its English name for a message and its own
name for a track's title.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass

import pycountry

__all__ = ["Language", "language"]

#: num2words codes that are not ISO 639's (num2words 0.5.14 has one: Kazakh).
_ALIASES = {"kz": "kk"}
_CODE = re.compile(r"(?P<base>[A-Za-z]{2,3})(?:[_-](?P<rest>[A-Za-z0-9_-]+))?")


@dataclass(frozen=True)
class Language:
    """A language as the lecture names it: ``code`` as written, ``base`` its ISO 639
    language ("de"), ``region`` the rest of the code ("BR"; "" if none)."""

    code: str
    base: str
    region: str = ""
    alpha_3: str | None = None  # ISO 639-2/T ("deu"); None for a code ISO 639 lacks
    english: str = ""  # "German"; the code when ISO 639 lacks it
    iso_name: str = ""  # the name as ISO 639 lists it ("Modern Greek (1453-)")

    def speaks_as(self, other: Language) -> bool:
        """Whether ``other`` is the same language (its region aside: en_US reads "en")."""
        return self.base == other.base

    @property
    def tag(self) -> str:
        """BCP 47, as HTML's ``lang`` and a PDF's ``/Lang`` take it: "de", "pt-BR"."""
        return f"{self.base}-{self.region}" if self.region else self.base

    @property
    def iso639_2(self) -> str:
        """The ISO 639-2 code a media container's language field holds; "und" (undetermined)
        for a code ISO 639 lacks."""
        return self.alpha_3 or "und"

    @property
    def own_name(self) -> str:
        """The language's name in itself ("Deutsch"), from iso-codes' translations; its
        English name where they have none."""
        if not self.iso_name:
            return self.english
        translation = gettext.translation(
            "iso639-3", pycountry.LOCALES_DIR, languages=[self.base], fallback=True
        )
        own = translation.gettext(self.iso_name)
        return self.english if own == self.iso_name else own

    def __str__(self) -> str:
        """For a message: "German (de)"."""
        return f"{self.english} ({self.code})"


@functools.cache
def language(code: str) -> Language:
    """The language of ``code`` (a num2words code, a locale, an eSpeak voice, a BCP 47 tag).

    A code ISO 639 does not list is kept as it is (its base lower-cased), so two such
    codes still compare; only the names and the ISO 639-2 code are then unknown.
    """
    match = _CODE.fullmatch(code.strip())
    if match is None:
        return Language(code, code.strip().lower(), english=code)
    base = _ALIASES.get(match["base"].lower(), match["base"].lower())
    region = (match["rest"] or "").replace("_", "-")
    region = region.upper() if len(region) == 2 else region
    if len(base) == 2:
        record = pycountry.languages.get(alpha_2=base)
    else:  # ISO 639-2/T or /B ("deu", "ger"), or 639-3 ("tet")
        record = pycountry.languages.get(alpha_3=base) or pycountry.languages.get(
            bibliographic=base
        )
    if record is None:
        return Language(code, base, region, english=code)
    base = getattr(record, "alpha_2", None) or record.alpha_3  # "ger" and "de" compare
    english = re.sub(r"\s*\(.*\)$", "", record.name)  # "Modern Greek (1453-)"
    return Language(code, base, region, record.alpha_3, english, record.name)
