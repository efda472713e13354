"""Every translation of the lecture's words (``scenes/script/<language>.toml``, any file
there but ``en.toml``) says what the English says, step for step.

Parity with ``en.toml``: the same tables and fields (steps, notes, chapter titles,
pages, descriptions), in each field the same placeholders with the same conversions
and format specs, in each narration the same cue marks, each once; ``[meta] language``
is the file's name, ``[meta] and`` is set and ``[meta] symbols`` says every symbol the
English names. The words are about as long as the English (a headline must fit on one
line, subtitles are paced by their length).

Filled: every template fills with a sample value (a ``!w`` count of one, the value that
is hardest to say), and every chapter, planned on the shipped inputs and on a digit the
network misreads and a user's image, fills each of its steps, notes and descriptions
with real values, its headlines fitting the screen. No rendering.
"""

from __future__ import annotations

import dataclasses
import importlib
import string
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lecture.catalogue import CATALOGUE
from lecture.inputs import Digit, Inputs, load_inputs
from lecture.step import Note
from scenes.narration.script import MARK, Script, load_script

SCRIPTS = Path(__file__).resolve().parent.parent / "scenes" / "script"
ENGLISH = SCRIPTS / "en.toml"
TRANSLATIONS = sorted(p for p in SCRIPTS.glob("*.toml") if p.name != ENGLISH.name)
#: ``[meta] and`` of the languages whose word for it is known here.
CONJUNCTIONS = {"de": "und"}
#: How much longer than the English a translation's words may be (templates as written,
#: marks left out): a headline must fit one line; subtitles show at most 17 characters
#: a second, so long-winded words rush them.
LONGER = {"headline": 1.25, "narration": 1.25}

Key = tuple[str, ...]


def test_there_is_a_translation() -> None:
    assert any(p.stem == "de" for p in TRANSLATIONS), f"no de.toml in {SCRIPTS}"


@cache
def _data(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _texts(table: Mapping[str, Any], prefix: Key = ()) -> Iterator[tuple[Key, str]]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from _texts(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def texts(path: Path) -> dict[Key, str]:
    """Every text of a script but ``[meta]``, by its path: ("layers", "answer",
    "headline"), ("chapters", "three"), ("describe", "layers", "answer")…"""
    return {k: v for k, v in _texts(_data(path)) if k[0] != "meta"}


def placeholders(text: str) -> set[tuple[str, str | None, str | None]]:
    """Each placeholder of ``text``: (field, conversion, format spec)."""
    return {
        (name, conversion, spec)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def dotted(key: Key) -> str:
    return ".".join(key)


translations = pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)


@translations
def test_it_loads(path: Path) -> None:
    load_script(path)


@translations
def test_meta_names_the_language_its_and_and_its_symbols(path: Path) -> None:
    meta = _data(path)["meta"]
    assert meta["language"] == path.stem
    assert isinstance(meta.get("and"), str) and meta["and"].strip(), (
        f"{path.name}: [meta] needs and = the language's word for 'and'"
    )
    if path.stem in CONJUNCTIONS:
        assert meta["and"] == CONJUNCTIONS[path.stem]
    said = set(meta.get("symbols", {}))
    missing = sorted(set(_data(ENGLISH)["meta"].get("symbols", {})) - said)
    assert not missing, f"{path.name}: [meta] symbols does not say {' '.join(missing)}"


@translations
def test_the_same_tables_and_fields_as_the_english(path: Path) -> None:
    english, translated = set(texts(ENGLISH)), set(texts(path))
    missing = sorted(dotted(k) for k in english - translated)
    extra = sorted(dotted(k) for k in translated - english)
    assert not missing, f"{path.name} lacks: {', '.join(missing)}"
    assert not extra, f"{path.name} has what en.toml has not: {', '.join(extra)}"


@translations
def test_each_field_has_the_english_placeholders(path: Path) -> None:
    english, translated = texts(ENGLISH), texts(path)
    differ = [
        f"{dotted(k)}: {sorted(placeholders(english[k]), key=str)} in English, "
        f"{sorted(placeholders(translated[k]), key=str)} here"
        for k in sorted(english.keys() & translated.keys())
        if placeholders(english[k]) != placeholders(translated[k])
    ]
    assert not differ, "\n".join(differ)


@translations
def test_each_narration_has_the_english_marks_once(path: Path) -> None:
    english, translated = texts(ENGLISH), texts(path)
    problems = []
    for key in sorted(english.keys() & translated.keys()):
        if key[-1] != "narration":
            continue
        marks = Counter(MARK.findall(translated[key]))
        if set(marks) != set(MARK.findall(english[key])):
            problems.append(
                f"{dotted(key)}: marks {sorted(marks)}, English "
                f"{sorted(set(MARK.findall(english[key])))}"
            )
        problems += [f"{dotted(key)}: @{m} {n} times" for m, n in marks.items() if n > 1]
    assert not problems, "\n".join(problems)


@translations
def test_the_words_are_about_as_long_as_the_english(path: Path) -> None:
    english, translated = texts(ENGLISH), texts(path)

    def length(text: str) -> int:
        return len(" ".join(MARK.sub("", text).split()))

    long = [
        f"{dotted(k)}: {length(translated[k])} characters, English {length(english[k])}"
        for k in sorted(english.keys() & translated.keys())
        if k[-1] in LONGER and length(translated[k]) > LONGER[k[-1]] * length(english[k])
    ]
    assert not long, "longer than the English allows:\n" + "\n".join(long)


# -- filled -------------------------------------------------------------------------------


def samples(*templates: str) -> dict[str, Any]:
    """A value for each placeholder of ``templates``: one (a count said "eins", an
    ordinal "erste", 1.00 as a decimal), or a list for a list or an indexed one."""
    values: dict[str, Any] = {}
    for template in templates:
        for _, name, _, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            base = name.split("[")[0].split(".")[0]
            listed = conversion == "l" or "[" in name
            values[base] = [1, 7, 9] if listed or isinstance(values.get(base), list) else 1
    return values


@translations
def test_every_template_fills_with_a_count_of_one(path: Path) -> None:
    script = load_script(path)
    for scene, table in script.steps.items():
        for key, entry in table.items():
            script.words(scene, key, samples(entry["headline"], entry["narration"]))
            for field, text in entry.items():
                if field.startswith("note"):
                    script.note(scene, key, field.removeprefix("note").lstrip("-"), samples(text))
    for chapter in script.titles:
        script.title(chapter)
    for page, words in script.pages.items():
        for key, text in words.items():
            script.page(page, key, **samples(text))
    for scene, words in script.descriptions.items():
        for beat, text in words.items():
            script.description(scene, beat, samples(text))


def _notes_in(shows: object, seen: set[int]) -> Iterator[Note]:
    """The notes a step's picture carries (a layer's count, a ladder's rungs…)."""
    if id(shows) in seen or shows is None or isinstance(shows, (str, bytes, np.ndarray)):
        return
    seen.add(id(shows))
    if isinstance(shows, Note):
        yield shows
    elif dataclasses.is_dataclass(shows) and not isinstance(shows, type):
        for field in dataclasses.fields(shows):
            yield from _notes_in(getattr(shows, field.name), seen)
    elif isinstance(shows, (tuple, list)):
        for item in shows:
            yield from _notes_in(item, seen)
    elif isinstance(shows, Mapping):
        for item in shows.values():
            yield from _notes_in(item, seen)


def _with_digit(inputs: Inputs, pixels: np.ndarray, label: int | None, source: str) -> Inputs:
    digit = Digit(pixels, label, source, inputs.network.forward(pixels), False)
    return dataclasses.replace(inputs, digit=digit)


def lectures(script: Script) -> Iterator[tuple[str, Inputs]]:
    """The shipped lecture in ``script``'s words, then with a validation digit the
    network misreads, then with a user's image (unlabelled)."""
    shipped = dataclasses.replace(load_inputs(), script=script)
    yield "as configured", shipped
    validation = shipped.validation()
    wrong = np.flatnonzero(shipped.network.predict(validation.images) != validation.labels)
    row = int(wrong[0])
    yield (
        f"validation digit {row}, misread",
        _with_digit(shipped, validation.images[row], int(validation.labels[row]), "misread"),
    )
    image = np.roll(validation.images[40].reshape(28, 28), 1, axis=1).reshape(-1)
    yield "a user's image", _with_digit(shipped, image, None, "mine.png")


@translations
def test_every_chapter_fills_its_words_with_real_values(path: Path) -> None:
    from scenes.kit.scene import CAPTION_WIDTH
    from scenes.kit.stage import HEADLINE_SIZE
    from scenes.kit.text import label

    script = load_script(path)
    wide: dict[str, str] = {}
    for case, inputs in lectures(script):
        for entry in CATALOGUE:
            chapter = importlib.import_module(f"lecture.chapters.{entry.name}").plan(inputs)
            script.check_scene(entry.name, chapter.keys)
            for step in chapter.steps:
                script.check_marks(entry.name, step.key, step.cues)
                words = script.words(entry.name, step.key, step.values, step.part)
                if words.headline not in wide:
                    width = label(words.headline, HEADLINE_SIZE, "#FFFFFF").width
                    wide[words.headline] = "" if width <= CAPTION_WIDTH else words.step_id
                for note in [*step.notes.values(), *_notes_in(step.shows, set())]:
                    script.note(entry.name, note.key, note.name, note.values)
            if script.descriptions:
                from lecture.descriptions import describe

                describe(entry.name, inputs)
            assert script.title(entry.name), case
    too_wide = {h: s for h, s in wide.items() if s}
    assert not too_wide, f"headlines wider than the screen: {too_wide}"
