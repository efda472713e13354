"""The lecture's words: one TOML file per language, keyed by scene and step.

TOML, read with the standard library, holds long multi-line text without
escaping and lets a lecturer edit the words in any text editor; gettext
catalogues would suit translating short interface strings, but here each entry
is a paragraph written for its picture, and a translation is simply another file.

Layout::

    [meta]
    language = "en"              # num2words' language code, for numbers in speech

    [layers.answer]              # [<scene file>.<step>]
    headline = "The brightest output is {answer}"
    narration = '''
    The network's answer is {answer}, with an activation of {activation:.2f}.
    '''

A narration may carry cue marks, ``@name`` before a word: the picture's moment of
that name (a box drawn, a value pointed at) happens as that word is said. The mark
is not spoken nor shown; a step accepts the marks its chapter names for it, and
words without a mark simply draw that moment at once.

Placeholders are Python format fields filled with values the chapter gets from
``network/``; ``{n!w}`` writes a number as a word ("three"), ``{n!o}`` as an
ordinal ("first"), and ``{sizes!l}`` a list as "16, 32 and 8" (the word joining
the last two is ``[meta] and``, "and" unless the script says otherwise). A step may carry
extra on-screen texts in fields named ``note`` or ``note-<name>``. Two tables are not
scenes: ``[chapters]`` holds each chapter's title (``three = "This is a three"``), and
``[pages.<page>]`` the words of the pages, decks and documents the export writes
(``[pages.deck] start = "…"``), ``[describe.<scene>]`` a description of each
beat's picture for those who cannot see it (``answer = "…"``; the text alternative of
its stills and clips, the transcript's and the descriptions track's words), and
``[words.<kind>]`` words several chapters say, whatever their values
(``[words.colours] green = "green"``: the palette's colours by name). Numbers are
never written into the words themselves: every number comes from a placeholder,
so changing the digit or the network changes what is said.
"""

from __future__ import annotations

import dataclasses
import numbers
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .numerals import numerals
from .spoken import Unspeakable, collapsed, say, sentences, speakable

__all__ = [
    "CHAPTERS",
    "DESCRIBE",
    "MARK",
    "PAGES",
    "REQUIRED",
    "WORDS",
    "Script",
    "ScriptError",
    "Words",
    "joined",
    "load_script",
    "step_id_of",
    "without_marks",
]

REQUIRED = ("headline", "narration")
#: The tables that hold no scene: chapter titles, the words of each written page, the
#: pictures described, and words several chapters say (a colour's name).
CHAPTERS, PAGES, DESCRIBE, WORDS = "chapters", "pages", "describe", "words"
_NOTE = re.compile(r"note(-[a-z0-9-]+)?")
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")  # a chapter's or a page text's key
#: A cue mark in a narration: ``@name`` at the start of a word.
MARK = re.compile(r"(?<!\S)@([a-z][a-z0-9-]*)\s*")
#: A step id with its part number, "plan.more-2": the words of step "plan.more".
_PART = re.compile(r"(?P<key>.+)-[0-9]+")

#: Numbers as the words write them, one of each kind the narration speaks (whole,
#: grouped, negative, decimal, percentage, a network's shape): a script's language must
#: say them all, checked when it is read, before anything renders.
SPOKEN_SAMPLES = (
    "0", "7", "12", "784", "13,002", "1,000,000", "−10", "-0.5", "0.77", "93.8%", "100%",
    "784-16-16-10",
)  # fmt: skip
#: Values the ``!w`` and ``!o`` conversions are checked with: the counts a chapter gives.
CONVERSION_SAMPLES = {"w": (0, 1, 3, 10, 16, 784, 13002), "o": (1, 2, 3, 10, 16)}


class ScriptError(ValueError):
    """A script file the lecture cannot use; the message names the file, key and problem."""


@dataclass(frozen=True)
class Words:
    """One step's words with the real values filled in."""

    step_id: str  # "<scene>.<step>", or "<scene>.<step>-<part>" for a repeated step
    headline: str
    narration: str  # as shown (numerals), for subtitles and speaker notes; no marks
    language: str
    #: Each cue mark of the narration: (the sentence it stands in, how far into that
    #: sentence it stands, as a fraction of its characters).
    marks: Mapping[str, tuple[int, float]] = dataclasses.field(default_factory=dict)
    #: Symbols a voice would misread, as the language says them (``[meta] symbols``);
    #: None: the English ones (``spoken.SYMBOLS``).
    symbols: Mapping[str, str] | None = None

    def sentences(self) -> list[tuple[str, str]]:
        """(as shown, as spoken) for each sentence of the narration."""
        symbols = None if self.symbols is None else dict(self.symbols)
        return [(s, speakable(s, self.language, symbols)) for s in sentences(self.narration)]


def step_id_of(scene: str, key: str, part: int | None = None) -> str:
    """A step's id: "<scene>.<key>", or "<scene>.<key>-<part>" for a step that repeats
    (the name of its recording, its slide, its clip)."""
    return f"{scene}.{key}" if part is None else f"{scene}.{key}-{part}"


def without_marks(text: str) -> tuple[str, dict[str, tuple[int, float]]]:
    """``text`` (whitespace collapsed) without its cue marks, and where each mark stood:
    its sentence's index and the fraction of that sentence's characters before it.

    A word's time within a sentence is not known (a voice gives each sentence's
    length), so a mark's moment is placed by its share of the sentence's characters.
    """
    flat = collapsed(text)
    clean, at, spots = [], 0, {}
    position = 0
    for match in MARK.finditer(flat):
        clean.append(flat[at : match.start()])
        position += match.start() - at
        spots[match.group(1)] = position
        at = match.end()
    clean.append(flat[at:])
    plain = collapsed("".join(clean))
    marks: dict[str, tuple[int, float]] = {}
    start = 0
    pieces = sentences(plain)
    for index, piece in enumerate(pieces):
        end = start + len(piece)
        for name, spot in spots.items():
            last = index == len(pieces) - 1
            if name not in marks and (start <= spot < end + 1 or last):
                marks[name] = (index, min(max(spot - start, 0) / max(len(piece), 1), 1.0))
        start = end + 1  # the space joining two sentences
    return plain, marks


class _Unsaid(ValueError):
    """A value a placeholder's conversion cannot say (the message names the placeholder);
    ``spoken`` is num2words' refusal, when it was num2words that could not say it."""

    def __init__(self, message: str, spoken: Unspeakable | None = None) -> None:
        super().__init__(message)
        self.spoken = spoken


class _Formatter(string.Formatter):
    """Python's formatting in the language's numerals, with ``!w`` (a whole number as a
    word), ``!o`` (an ordinal) and ``!l`` (a list joined with the script's ``and``)."""

    def __init__(self, language: str, conjunction: str) -> None:
        self.language = language
        self.conjunction = conjunction
        self.numerals = numerals(language)
        self.field = ""  # the placeholder being filled, for a message

    def format_field(self, value: Any, format_spec: str) -> str:
        """Python's formatting, its numerals then written the language's way (13.002 and
        0,77 in German; see :mod:`.numerals`)."""
        return self.numerals.written(super().format_field(value, format_spec))

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        self.field = field_name
        return super().get_field(field_name, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion in ("w", "o"):
            return self._said(value, conversion)
        if conversion == "l":
            return joined([str(item) for item in value], self.conjunction)
        return super().convert_field(value, conversion)

    def _said(self, value: Any, conversion: str) -> str:
        """A count as a word: only whole numbers. A decimal spelt out by num2words runs
        to every binary digit of the float ("zero point three zero zero … four"), and
        rounding it here would say another number than the screen shows: a decimal
        belongs in a format such as ``:.2f``, shown as numerals and spoken digit by digit.
        """
        placeholder = f"{{{self.field}!{conversion}}}"
        whole = isinstance(value, numbers.Integral) or (
            isinstance(value, float) and value.is_integer()
        )
        if isinstance(value, bool) or not whole:
            raise _Unsaid(
                f"placeholder {placeholder} says a whole number in words, but {self.field} "
                f"is {value!r}; write a decimal with a format such as {{{self.field}:.2f}}"
            )
        try:
            if conversion == "o":
                return say(int(value), self.language, to="ordinal")
            return say(int(value), self.language)
        except Unspeakable as exc:
            kind = "an ordinal" if conversion == "o" else "a word"
            spoken = Unspeakable(f"{int(value)} as {kind}", self.language, exc.reason)
            raise _Unsaid(f"placeholder {placeholder}: {spoken}", spoken) from None


def joined(items: Sequence[str], conjunction: str = "and") -> str:
    """``["16", "32", "8"]`` → ``"16, 32 and 8"``; one item alone, two joined by the word."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _fields(template: str) -> set[str]:
    """The value names a template uses (``{a.b:.2f}`` uses ``a``)."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            if not name or name.isdigit():
                raise ValueError("placeholders need a name, e.g. {answer}")
            names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


def _literal(template: str) -> str:
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


@dataclass(frozen=True)
class Script:
    path: Path
    language: str
    steps: Mapping[str, Mapping[str, Mapping[str, str]]]  # scene → step → field → text
    conjunction: str = "and"  # [meta] and: joins the last two items of a {list!l}
    #: [chapters]: each chapter's title, by chapter name.
    titles: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: [pages.<page>]: each page's words (templates), by key.
    pages: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    #: [meta] symbols: how the narration's symbols (×, →, ≈, σ) are said; None: English.
    symbols: Mapping[str, str] | None = None
    #: [describe.<scene>]: each beat's picture described (templates), by beat.
    descriptions: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    #: [words.<kind>]: words several chapters say (a colour's name), by kind and key.
    vocabulary: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    #: The scenes whose tables were read (by ``_entry``), and ``words.<kind>`` for each
    #: ``[words.<kind>]`` read (by :meth:`word`): see :meth:`scenes_read`.
    _read: set[str] = dataclasses.field(default_factory=set, compare=False, repr=False)

    def scenes_read(self, action: Callable[[], object]) -> frozenset[str]:
        """The scenes whose words ``action`` reads: a chapter's plan may borrow another
        chapter's words (how near to one an activation is, say), and the export's
        fingerprint must then count that chapter's table too. A ``[words.<kind>]`` table
        read counts as ``"words.<kind>"`` (never a scene's name: a scene has no dot)."""
        before = set(self._read)
        self._read.clear()
        try:
            action()
            return frozenset(self._read)
        finally:
            self._read.update(before)

    def step_ids(self) -> list[str]:
        """The id of every step the script has words for ("layers.answer"), whichever
        configuration says it: a recording is named after one of these."""
        return [f"{scene}.{key}" for scene, table in self.steps.items() for key in table]

    def has_step(self, step_id: str) -> bool:
        """Whether ``step_id`` is a step of this script: "<scene>.<key>", or a part of a
        step that repeats, "<scene>.<key>-<n>"."""
        scene, _, key = step_id.partition(".")
        table = self.steps.get(scene, {})
        part = _PART.fullmatch(key)
        return key in table or (part is not None and part["key"] in table)

    def table(self, scene: str) -> Mapping[str, Mapping[str, str]]:
        """The words of ``scene``'s steps as written (templates, not filled): step → field
        → text; empty for a scene the script has no words for."""
        return self.steps.get(scene, {})

    def _where(self, scene: str, key: str, field: str | None = None) -> str:
        return f"{self.path}: [{scene}.{key}]" + (f" {field}" if field else "")

    def check_scene(self, scene: str, keys: Iterable[str]) -> None:
        """Every step ``scene`` declares has words here, and no words are for other steps."""
        declared = set(keys)
        present = set(self.steps.get(scene, {}))
        missing = sorted(declared - present)
        if missing:
            raise ScriptError(
                f"{self.path}: no words for step(s) {', '.join(missing)} of scene {scene} "
                f"(add a [{scene}.{missing[0]}] table with headline and narration)"
            )
        unknown = sorted(present - declared)
        if unknown:
            raise ScriptError(
                f"{self.path}: [{scene}.{unknown[0]}] is not a step of scene {scene}; its "
                f"steps are: {', '.join(sorted(declared))}"
            )

    def _entry(self, scene: str, key: str) -> Mapping[str, str]:
        self._read.add(scene)
        try:
            return self.steps[scene][key]
        except KeyError:
            raise ScriptError(f"{self.path}: no [{scene}.{key}] step") from None

    def _fill(self, scene: str, key: str, field: str, values: Mapping[str, Any]) -> str:
        template = self._entry(scene, key).get(field)
        if template is None:
            raise ScriptError(f"{self._where(scene, key)} has no {field}")
        where = self._where(scene, key, field)
        return collapsed(self._filled(template, where, values, "the chapter gives"))

    def _check_used(
        self, scene: str, key: str, fields: Iterable[str], values: Mapping[str, Any]
    ) -> None:
        entry = self._entry(scene, key)
        used = set().union(*(_fields(entry[f]) for f in fields if f in entry))
        unused = sorted(set(values) - used)
        if unused:
            raise ScriptError(
                f"{self._where(scene, key)}: the chapter gives {unused[0]} but no placeholder "
                f"uses it (add {{{unused[0]}}} to the words, or the chapter is out of date)"
            )

    def words(
        self, scene: str, key: str, values: Mapping[str, Any], part: int | None = None
    ) -> Words:
        """The step's headline and narration filled with ``values``, its cue marks taken
        out of the narration and placed (``Words.marks``)."""
        self._check_used(scene, key, REQUIRED, values)
        step_id = step_id_of(scene, key, part)
        narration, marks = without_marks(self._fill(scene, key, "narration", values))
        return Words(
            step_id,
            self._fill(scene, key, "headline", values),
            narration,
            self.language,
            marks,
            self.symbols,
        )

    def check_marks(self, scene: str, key: str, cues: Iterable[str]) -> None:
        """The step's narration marks only moments its chapter draws (``cues``)."""
        allowed = set(cues)
        used = MARK.findall(self._entry(scene, key).get("narration", ""))
        unknown = sorted(set(used) - allowed)
        if unknown:
            choice = ", ".join(f"@{c}" for c in sorted(allowed)) or "none"
            raise ScriptError(
                f"{self._where(scene, key, 'narration')}: @{unknown[0]} marks no moment of "
                f"this step; its marks are: {choice}"
            )
        twice = sorted({m for m in used if used.count(m) > 1})
        if twice:
            raise ScriptError(
                f"{self._where(scene, key, 'narration')}: @{twice[0]} is marked twice"
            )

    def title(self, chapter: str) -> str:
        """The chapter's title (``[chapters]``): its chapter marker, slide titles, headings."""
        try:
            return self.titles[chapter]
        except KeyError:
            raise ScriptError(
                f'{self.path}: [chapters] has no title for {chapter} (add {chapter} = "…")'
            ) from None

    def page(self, page: str, key: str, **values: Any) -> str:
        """One text of a page the export writes (``[pages.<page>] <key>``), filled with
        ``values``; every placeholder it uses must be given, like a step's words."""
        template = self.pages.get(page, {}).get(key)
        where = f"{self.path}: [{PAGES}.{page}] {key}"
        if template is None:
            raise ScriptError(f'{where}: missing (add {key} = "…" to [{PAGES}.{page}])')
        return self._filled(template, where, values)

    def word(self, kind: str, key: str, **values: Any) -> str:
        """A word several chapters say (``[words.<kind>] <key>``: a colour's name, for
        ``kind`` "colours"), filled with ``values``; the read is recorded, as a step's
        (:meth:`scenes_read`), so a chapter saying it depends on it."""
        self._read.add(f"{WORDS}.{kind}")
        template = self.vocabulary.get(kind, {}).get(key)
        where = f"{self.path}: [{WORDS}.{kind}] {key}"
        if template is None:
            raise ScriptError(f'{where}: missing (add {key} = "…" to [{WORDS}.{kind}])')
        return collapsed(self._filled(template, where, values))

    def description(self, scene: str, beat: str, values: Mapping[str, Any]) -> str | None:
        """What ``beat``'s picture shows, in words (``[describe.<scene>] <beat>``), filled
        from ``values`` (it may use any of them); None when the script has none."""
        template = self.descriptions.get(scene, {}).get(beat)
        if template is None:
            return None
        where = f"{self.path}: [{DESCRIBE}.{scene}] {beat}"
        return collapsed(self._filled(template, where, values))

    def _filled(
        self,
        template: str,
        where: str,
        values: Mapping[str, Any],
        given: str = "the values given are",
    ) -> str:
        """``template`` filled with ``values``; ``where`` names it in a refusal, which
        lists the values ``given``."""
        missing = sorted(_fields(template) - set(values))
        if missing:
            raise ScriptError(
                f"{where}: placeholder {{{missing[0]}}} has no value; {given}: "
                f"{', '.join(sorted(values)) or 'none'}"
            )
        try:
            return _Formatter(self.language, self.conjunction).format(template, **values)
        except _Unsaid as exc:
            raise ScriptError(f"{where}: {exc}") from None
        except (
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            ArithmeticError,
        ) as exc:
            raise ScriptError(f"{where}: cannot fill it ({exc})") from exc

    def note(self, scene: str, key: str, name: str, values: Mapping[str, Any]) -> str:
        """An extra on-screen text of a step (field ``note`` or ``note-<name>``)."""
        field = "note" if not name else f"note-{name}"
        self._check_used(scene, key, [field], values)
        return self._fill(scene, key, field, values)


def _check_template(path: Path, where: str, field: str, template: object) -> set[str]:
    """Check one field's text; return the conversions (``w``, ``o``…) its placeholders use."""
    if not isinstance(template, str):
        raise ScriptError(f"{path}: {where} {field} must be text, not {type(template).__name__}")
    try:
        _fields(template)
        conversions = {c for _, _, _, c in string.Formatter().parse(template) if c}
    except ValueError as exc:
        raise ScriptError(f"{path}: {where} {field}: {exc}") from exc
    if field in REQUIRED and re.search(r"[0-9]", _literal(MARK.sub("", template))):
        raise ScriptError(
            f"{path}: {where} {field} has a number written into it; numbers come from the "
            "network through placeholders such as {answer} (write small counts as words)"
        )
    if field == "headline" and "\n" in template.strip():
        raise ScriptError(f"{path}: {where} headline must be one line")
    if field != "narration" and MARK.search(template):
        raise ScriptError(f"{path}: {where} {field}: cue marks (@name) go in the narration only")
    return conversions


def _check_language(path: Path, language: str, conversions: set[str]) -> None:
    """Every kind of number the narration may speak, and every ``!w``/``!o`` conversion
    the script uses, said in ``language`` through the code the narration uses.

    num2words implements each language separately and some lack a kind (Polish has no
    negative numbers, some languages no ordinals): found here, it is one line naming
    the value, before anything renders, rather than a traceback in the middle of a
    render. Conversions the script does not use are not asked for.
    """
    where = f"{path}: [meta] language = {language!r}"
    formatter = _Formatter(language, "and")
    try:
        for sample in SPOKEN_SAMPLES:  # as the language writes it, as the words will
            speakable(numerals(language).written(sample), language)
        for conversion in sorted(conversions & set(CONVERSION_SAMPLES)):
            for number in CONVERSION_SAMPLES[conversion]:
                formatter.format(f"{{n!{conversion}}}", n=number)
    except (Unspeakable, _Unsaid) as exc:
        reason = exc.spoken if isinstance(exc, _Unsaid) and exc.spoken else exc
        raise ScriptError(
            f"{where}: {reason}; the narration must say such numbers (pick a language "
            "num2words can say them in)"
        ) from None


def load_script(path: Path | str) -> Script:
    """Read and check a script file: its structure, fields and placeholders."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such script file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read it ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError(f"{path}: not valid TOML ({exc})") from exc
    meta = data.pop("meta", None)
    if not isinstance(meta, dict) or not isinstance(meta.get("language"), str):
        raise ScriptError(f'{path}: needs a [meta] table with language = "en" (or another code)')
    language = meta["language"]
    try:
        say(1, language)
    except Unspeakable:
        raise ScriptError(
            f"{path}: [meta] language = {language!r}: num2words cannot say it"
        ) from None
    unknown_meta = sorted(set(meta) - {"language", "and", "symbols"})
    if unknown_meta:
        raise ScriptError(f"{path}: [meta] has an unknown key {unknown_meta[0]!r}")
    symbols = meta.get("symbols")
    if symbols is not None and not (
        isinstance(symbols, dict) and all(isinstance(w, str) for w in symbols.values())
    ):
        raise ScriptError(
            f'{path}: [meta] symbols must be a table of words, e.g. {{ "×" = "by" }}'
        )
    if symbols is not None:  # a word stands apart from its neighbours; punctuation does not
        symbols = {k: f" {w.strip()} " if w.strip().isalpha() else w for k, w in symbols.items()}
    conjunction = meta.get("and", "and")
    if not isinstance(conjunction, str) or not conjunction.strip():
        raise ScriptError(f'{path}: [meta] and must be a word such as "and"')
    titles = _words_table(path, data.pop(CHAPTERS, {}), f"[{CHAPTERS}]", one_line=True)
    pages = _tables_of_words(path, data.pop(PAGES, {}), PAGES, "deck")
    descriptions = _tables_of_words(path, data.pop(DESCRIBE, {}), DESCRIBE, "layers")
    vocabulary = _tables_of_words(path, data.pop(WORDS, {}), WORDS, "colours")
    conversions: set[str] = set()
    for table in (titles, *pages.values(), *descriptions.values(), *vocabulary.values()):
        for text in table.values():
            conversions |= {c for _, _, _, c in string.Formatter().parse(text) if c}
    steps: dict[str, dict[str, dict[str, str]]] = {}
    for scene, table in data.items():
        if not isinstance(table, dict):
            raise ScriptError(f"{path}: {scene} must be a table of steps ([{scene}.<step>])")
        for key, entry in table.items():
            where = f"[{scene}.{key}]"
            if not _KEY.fullmatch(key) or not isinstance(entry, dict):
                raise ScriptError(
                    f"{path}: {where} is not a step: steps are tables named with lower-case "
                    "letters, digits and dashes"
                )
            for field in REQUIRED:
                if field not in entry:
                    raise ScriptError(f"{path}: {where} has no {field}")
            for field, template in entry.items():
                if field not in REQUIRED and not _NOTE.fullmatch(field):
                    raise ScriptError(
                        f"{path}: {where} has an unknown key {field!r}; a step has headline, "
                        "narration and optional note or note-<name>"
                    )
                conversions |= _check_template(path, where, field, template)
            steps.setdefault(scene, {})[key] = dict(entry)
    _check_language(path, language, conversions)
    return Script(
        path, language, steps, conjunction.strip(), titles=titles, pages=pages,
        symbols=symbols, descriptions=descriptions, vocabulary=vocabulary,
    )  # fmt: skip


def _tables_of_words(path: Path, tables: object, name: str, example: str) -> dict[str, dict]:
    """``[<name>.<part>]`` tables of texts (``[pages.deck]``, ``[describe.layers]``,
    ``[words.colours]``)."""
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ScriptError(f"{path}: [{name}] holds one table of texts each ([{name}.{example}] …)")
    return {
        part: _words_table(path, table, f"[{name}.{part}]", one_line=False)
        for part, table in tables.items()
    }


def _words_table(path: Path, table: object, where: str, one_line: bool) -> dict[str, str]:
    """A table of texts by key (``[chapters]``, ``[pages.<page>]``), checked."""
    if not isinstance(table, dict):
        raise ScriptError(f'{path}: {where} must be a table of texts (key = "…")')
    for key, text in table.items():
        if not _NAME.fullmatch(key) or not isinstance(text, str):
            raise ScriptError(
                f"{path}: {where} {key}: must be a text named with lower-case letters, "
                "digits, dashes and underscores"
            )
        try:
            _fields(text)
        except ValueError as exc:
            raise ScriptError(f"{path}: {where} {key}: {exc}") from exc
        if one_line and "\n" in text.strip():
            raise ScriptError(f"{path}: {where} {key} must be one line")
    return dict(table)
