"""A script whose every text is a marker: what a scene draws with it shows which words
come from the script and which were typed in code.

Each headline, note, chapter title, page text and shared word (``[words.<kind>]``)
becomes ``MARKER``; the values a text uses stay as plain placeholders (digits, no number
words), so the chapters fill it as they fill the real one. The narration is never
drawn: it keeps every placeholder of its step (a step must use every value its chapter
gives) and no marks, so each moment draws at once.
"""

from __future__ import annotations

import json
import re
import string
import tomllib
from pathlib import Path

from scenes.narration.script import CHAPTERS, DESCRIBE, MARK, PAGES, REQUIRED, WORDS

__all__ = ["FORMULA_NAMES", "MARKER", "marker_script", "words_not_from"]

MARKER = "QQ"
#: A word: two or more letters of any script (a single letter is a symbol: x, W, σ).
_WORD = re.compile(r"[^\W\d_]{2,}")
#: LaTeX that is not words: a command, an environment's name, a length (``0.5em``).
_TEX_COMMAND = re.compile(r"\\(?:begin|end)\{[A-Za-z*]+\}|\\[A-Za-z]+|[0-9.]+(?:em|ex|pt|mu)\b")
#: Names a formula writes as symbols in every language.
FORMULA_NAMES = frozenset({"ReLU"})


def _placeholders(template: str) -> str:
    """``template``'s placeholders as plain fields (no ``!w``/``!o``: number words are
    the language's, not the code's), joined by spaces."""
    fields = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        keep = "!l" if conversion == "l" else ""  # a list joined by [meta] and (the marker)
        fields.append("{" + name + keep + (f":{spec}" if spec else "") + "}")
    return " ".join(fields)


def _marked(template: str) -> str:
    used = _placeholders(template)
    return f"{MARKER} {used}".strip()


def marker_script(source: Path, target: Path) -> Path:
    """``source`` with every text replaced by the marker (see the module), at ``target``."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    lines = ["[meta]", f"language = {json.dumps(data['meta']['language'])}", f'and = "{MARKER}"']
    lines += [f"[{CHAPTERS}]"] + [f"{k} = {json.dumps(MARKER)}" for k in data.get(CHAPTERS, {})]
    for kind in (PAGES, DESCRIBE, WORDS):
        for page, table in data.get(kind, {}).items():
            lines.append(f"[{kind}.{page}]")
            lines += [f"{k} = {json.dumps(_marked(v))}" for k, v in table.items()]
    for scene, steps in data.items():
        if scene in ("meta", CHAPTERS, PAGES, DESCRIBE, WORDS):
            continue
        for key, entry in steps.items():
            lines.append(f"[{scene}.{key}]")
            spoken = " ".join(MARK.sub("", entry[f]) for f in REQUIRED)
            lines.append(f"headline = {json.dumps(MARKER)}")
            lines.append(f"narration = {json.dumps(_marked(spoken) + '.')}")
            notes = {f: t for f, t in entry.items() if f not in REQUIRED}
            lines += [f"{f} = {json.dumps(_marked(t))}" for f, t in notes.items()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def words_not_from(text: str, formula: bool = False) -> list[str]:
    """The words in a drawn ``text`` that are not the marker: a word typed in code.

    Numbers, symbols and single letters are not words; in a formula (LaTeX), its
    commands (``\\frac``, ``\\sigma``) are not either, but words inside ``\\text{…}`` are.
    """
    if formula:
        text = _TEX_COMMAND.sub(" ", text)
    words = _WORD.findall(text.replace(MARKER, " "))
    return [w for w in words if not (formula and w in FORMULA_NAMES)]
