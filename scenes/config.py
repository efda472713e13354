"""The lecture's own options: the ``[lecture]`` section of ``manim.cfg``.

Each key may be overridden by an environment variable ``LECTURE_<KEY>`` (for
example ``LECTURE_DIGIT=42 manim render scenes/layers.py``). Unknown keys and bad
values stop before anything renders, naming the key, the value and what is allowed.

This module only reads and checks the options (a value of the right kind, a file
that is there); it imports nothing that draws, so the export can read ``manim.cfg``
before Manim does. The files are loaded once, by ``lecture.inputs.load_inputs``,
which names the option (``origin``) when one cannot be used.
"""

from __future__ import annotations

import codecs
import configparser
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from network.data import BUNDLED_COUNT
from scenes.narration.voice import PACKAGED_VOICE, Voice, VoiceError

__all__ = [
    "CONFIG_PATH",
    "DEFAULTS",
    "ConfigError",
    "LectureConfig",
    "load_config",
    "pinned_environ",
]

CONFIG_PATH = Path(__file__).resolve().parent.parent / "manim.cfg"
SECTION = "lecture"
ENV_PREFIX = "LECTURE_"
PALETTES = ("classic", "colorblind")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")
KEYS = (
    "digit",
    "palette",
    "weights",
    "relu_weights",
    "script",
    "narration",
    "voice",
    "recordings",
    "recordings_fallback",
)
NARRATION = ("voice", "recordings", "off")
#: What a step without a recording gets: the synthetic voice, or a refusal to render.
FALLBACKS = ("voice", "error")
OPTIONAL = ("script", "narration", "voice", "recordings", "recordings_fallback")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The embedded defaults: what ``manim.cfg`` ships with, and what the tests pin.
DEFAULTS = {
    "digit": "1524",
    "palette": "classic",
    "weights": "network/weights/sigmoid-784-16-16-10.npz",
    "relu_weights": "network/weights/relu-784-16-16-10.npz",
    "script": "scenes/script/en.toml",
    "narration": "voice",
    "voice": PACKAGED_VOICE,
    "recordings": "recordings",
    "recordings_fallback": "voice",
}
_INDEX = re.compile(r"[+-]?[0-9]+")  # ASCII only: str.isdigit() also accepts "²" and "٣"


class ConfigError(ValueError):
    """A ``[lecture]`` key or value the lecture cannot use."""


@dataclass(frozen=True)
class LectureConfig:
    """What to draw: which digit, in which colours, through which trained weights."""

    digit: int | Path
    palette: str
    weights: Path
    relu_weights: Path
    script: Path = Path()  # the words: one TOML file per language
    narration: str = "off"  # "voice" (synthetic), "recordings" (the lecturer's) or "off"
    voice: str = PACKAGED_VOICE  # the packaged voice's name, or a Piper .onnx path
    recordings: Path = Path()  # one audio file per step, when narration = recordings
    #: A step without a recording: "voice" (the synthetic voice speaks it) or "error".
    recordings_fallback: str = "voice"
    #: Per key, where its value came from and as written: (key, where, text). Not part of
    #: what the config is (two configs with the same values are equal).
    origins: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)

    def where(self, key: str) -> str:
        """Where ``key``'s value came from: ``[lecture] digit`` or ``LECTURE_DIGIT``."""
        return next((w for name, w, _ in self.origins if name == key), f"[{SECTION}] {key}")

    def origin(self, key: str) -> str:
        """``key`` and its value as the user wrote them, for a message about the value:
        ``[lecture] digit = 'x.png'`` or ``LECTURE_DIGIT = 'x.png'``."""
        text = next((t for name, _, t in self.origins if name == key), str(getattr(self, key)))
        return f"{self.where(key)} = {text!r}"

    @property
    def voice_model(self) -> Path:
        """The Piper model file of ``voice``."""
        if self.voice == PACKAGED_VOICE:
            from scenes.narration.voice import packaged_voice_model

            return packaged_voice_model()
        return Path(self.voice)


def _where(key: str, source: str) -> str:
    if source == "env":
        return f"{ENV_PREFIX}{key.upper()}"
    return f"[{SECTION}] {key}" + (" (default)" if source == "default" else "")


def _resolved(base: Path, text: str, where: str, value: str) -> Path:
    """``text`` as an absolute path against ``base``, its symbolic links followed.

    Links that lead back to themselves have no end: ``Path.resolve`` raises
    (``RuntimeError`` before Python 3.13), and that is the user's input, not a bug.
    """
    path = base / text
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
            reason = f"cannot follow the path {path} ({exc.strerror or exc})"
        else:
            reason = f"{path} is a symbolic link that loops back on itself, to no file"
        raise ConfigError(f"{where} = {value!r}: {reason}; name the file itself") from exc


def _config_text(path: Path) -> str:
    """``path``'s text as Manim can read it too: UTF-8, without a byte-order mark.

    Manim reads ``manim.cfg`` itself as it is imported (as UTF-8, the locale's
    encoding), and takes a byte-order mark for the start of the first line, which is
    then no section header; either way it stops with a traceback. Refused here first,
    in one line, wherever the file is read before Manim is imported.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if data.startswith(codecs.BOM_UTF8):
        raise ConfigError(
            f"{path}: starts with a byte-order mark (BOM), which Manim cannot read; "
            "save it as UTF-8 without a BOM"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}: line {line} is not UTF-8 text (byte {data[exc.start]:#04x}; saved as "
            "Latin-1 or another encoding?); save it as UTF-8, which Manim reads"
        ) from exc


def _parse_digit(value: str, base: Path, where: str) -> int | Path:
    text = value.strip()
    if _INDEX.fullmatch(text):
        index = int(text)
        if not 0 <= index < BUNDLED_COUNT:
            raise ConfigError(
                f"{where} = {value!r}: a digit index must be 0–{BUNDLED_COUNT - 1} "
                f"(the bundled digits), or the path of an image file"
            )
        return index
    path = _resolved(base, text, where, value)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise ConfigError(
            f"{where} = {value!r}: expected a digit index 0–{BUNDLED_COUNT - 1} or an image "
            f"file ({', '.join(IMAGE_SUFFIXES)})"
        )
    if not path.is_file():
        raise ConfigError(f"{where} = {value!r}: no such image file ({path})")
    return path


def _parse_weights(value: str, base: Path, where: str) -> Path:
    """A ``.npz`` file that is there (``load_inputs`` checks that it fits its role)."""
    path = _resolved(base, value.strip(), where, value)
    if path.suffix != ".npz":
        raise ConfigError(f"{where} = {value!r}: expected a .npz weights file")
    if not path.is_file():
        raise ConfigError(f"{where} = {value!r}: no such weights file ({path})")
    return path


def _parse_choice(value: str, where: str, choices: tuple[str, ...]) -> str:
    name = value.strip().lower()
    if name not in choices:
        raise ConfigError(f"{where} = {value!r}: expected one of {', '.join(choices)}")
    return name


def _parse_script(value: str, base: Path, where: str) -> Path:
    path = _resolved(base, value.strip(), where, value)
    if not path.is_file():
        raise ConfigError(f"{where} = {value!r}: no such script file ({path})")
    return path


def _parse_voice(value: str, base: Path, where: str) -> str:
    name = value.strip()
    if name == PACKAGED_VOICE:
        return name
    path = _resolved(base, name, where, value)
    try:
        Voice(path, cache=Path()).check()
    except VoiceError as exc:
        raise ConfigError(
            f"{where} = {value!r}: {exc}; or use {PACKAGED_VOICE!r}, the voice that ships"
        ) from exc
    return str(path)


def _parse_recordings(value: str, base: Path, where: str, needed: bool) -> Path:
    path = _resolved(base, value.strip(), where, value)
    if needed and not path.is_dir():
        raise ConfigError(
            f"{where} = {value!r}: no such folder ({path}); narration = recordings needs one "
            "audio file per step there (see `make script`)"
        )
    return path


def load_config(
    path: Path | str = CONFIG_PATH, environ: Mapping[str, str] | None = None
) -> LectureConfig:
    """Read ``[lecture]`` from ``path``, then apply ``LECTURE_*`` environment overrides."""
    path = Path(path)
    environ = os.environ if environ is None else environ
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_config_text(path), source=str(path))
    except configparser.Error as exc:
        raise ConfigError(f"{path}: cannot parse ({exc})") from exc
    if not parser.has_section(SECTION):
        raise ConfigError(f"{path}: no [{SECTION}] section")
    values = {key: (text, "file") for key, text in parser.items(SECTION)}
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) in [{SECTION}]: {', '.join(unknown)}; "
            f"allowed: {', '.join(KEYS)}"
        )
    for name, text in environ.items():
        if name.startswith(ENV_PREFIX):
            key = name[len(ENV_PREFIX) :].lower()
            if key not in KEYS:
                raise ConfigError(
                    f"environment variable {name}: unknown lecture option; allowed: "
                    + ", ".join(ENV_PREFIX + k.upper() for k in KEYS)
                )
            values[key] = (text, "env")
    for key in OPTIONAL:  # newer keys: an older manim.cfg without them gets the defaults
        values.setdefault(key, (DEFAULTS[key], "default"))
    missing = [key for key in KEYS if key not in values]
    if missing:
        raise ConfigError(f"{path}: [{SECTION}] is missing {', '.join(missing)}")
    base = path.resolve().parent

    def raw(key: str) -> str:
        return values[key][0]

    def where(key: str) -> str:
        return _where(key, values[key][1])

    def base_of(key: str) -> Path:
        """Paths resolve against manim.cfg's folder; a default against the project's."""
        return PROJECT_ROOT if values[key][1] == "default" else base

    return LectureConfig(
        digit=_parse_digit(raw("digit"), base, where("digit")),
        palette=_parse_choice(raw("palette"), where("palette"), PALETTES),
        weights=_parse_weights(raw("weights"), base, where("weights")),
        relu_weights=_parse_weights(raw("relu_weights"), base, where("relu_weights")),
        script=_parse_script(raw("script"), base_of("script"), where("script")),
        narration=(narration := _parse_choice(raw("narration"), where("narration"), NARRATION)),
        voice=_parse_voice(raw("voice"), base_of("voice"), where("voice")),
        recordings=_parse_recordings(
            raw("recordings"),
            base_of("recordings"),
            where("recordings"),
            narration == "recordings",
        ),
        recordings_fallback=_parse_choice(
            raw("recordings_fallback"), where("recordings_fallback"), FALLBACKS
        ),
        origins=tuple((key, where(key), raw(key)) for key in KEYS),
    )


def pinned_environ(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with every ``LECTURE_*`` variable replaced by the embedded defaults.

    For tests and benchmarks: whatever the user's shell exports, they see the
    lecture as it ships.
    """
    pinned = {name: value for name, value in environ.items() if not name.startswith(ENV_PREFIX)}
    pinned.update({ENV_PREFIX + key.upper(): value for key, value in DEFAULTS.items()})
    return pinned
