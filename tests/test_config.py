"""scenes/config.py: [lecture] and LECTURE_* read, and every bad value refused in one line
naming the key, the value and what is allowed, before anything renders."""

from __future__ import annotations

import codecs
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lecture.inputs import load_inputs
from network.data import load_bundled
from network.model import Network
from network.shipped import SHIPPED_WEIGHTS
from network.weights_io import save_weights
from scenes.config import CONFIG_PATH, DEFAULTS, ConfigError, LectureConfig, load_config


def write_cfg(tmp_path: Path, body: str) -> Path:
    """A manim.cfg in ``tmp_path`` beside real weights (w.npz, r.npz) and a real digit."""
    shutil.copyfile(SHIPPED_WEIGHTS["sigmoid"], tmp_path / "w.npz")
    shutil.copyfile(SHIPPED_WEIGHTS["relu"], tmp_path / "r.npz")
    pixels = load_bundled().images[1524].reshape(28, 28)
    Image.fromarray((pixels * 255).astype(np.uint8)).save(tmp_path / "digit.png")
    (tmp_path / "text.png").write_text("not a picture\n")
    (tmp_path / "empty.png").write_bytes(b"")
    for name, sizes in {"wide.npz": (784, 200, 10), "small.npz": (100, 16, 16, 10)}.items():
        save_weights(tmp_path / name, Network.initialised(sizes, "sigmoid", seed=0))
    save_weights(tmp_path / "nine.npz", Network.initialised((784, 16, 16, 9), "sigmoid", seed=0))
    path = tmp_path / "manim.cfg"
    path.write_text("[CLI]\nmedia_dir = ./media\n\n[lecture]\n" + body, encoding="utf-8")
    return path


GOOD = "digit = 7\npalette = classic\nweights = w.npz\nrelu_weights = r.npz\n"


def test_project_config_loads() -> None:
    config = load_config(CONFIG_PATH, environ={})
    assert isinstance(config, LectureConfig)
    assert isinstance(config.digit, int)
    assert config.weights.is_file() and config.relu_weights.is_file()


def test_paths_resolve_against_the_config_file(tmp_path: Path) -> None:
    config = load_config(write_cfg(tmp_path, GOOD), environ={})
    assert (config.digit, config.palette) == (7, "classic")
    assert (config.weights, config.relu_weights) == (tmp_path / "w.npz", tmp_path / "r.npz")
    # keys an older manim.cfg lacks take the defaults, resolved in the project
    assert config.script == CONFIG_PATH.parent / DEFAULTS["script"]
    assert (config.narration, config.voice) == ("voice", "joe")


def test_environment_overrides_each_key(tmp_path: Path) -> None:
    env = {"LECTURE_DIGIT": "digit.png", "LECTURE_PALETTE": "ColorBlind"}
    config = load_config(write_cfg(tmp_path, GOOD), environ=env)
    assert config.digit == tmp_path / "digit.png"
    assert config.palette == "colorblind"


@pytest.mark.parametrize(
    ("body", "env", "message"),
    [
        (GOOD + "speed = 3\n", {}, "unknown key(s) in [lecture]: speed"),
        (GOOD, {"LECTURE_SPEED": "3"}, "LECTURE_SPEED: unknown lecture option"),
        (GOOD.replace("digit = 7", "digit = 5000"), {}, "digit = '5000'"),
        (GOOD.replace("digit = 7", "digit = -1"), {}, "must be 0–4999"),
        (GOOD.replace("digit = 7", "digit = three"), {}, "expected a digit index"),
        (GOOD.replace("digit = 7", "digit = gone.png"), {}, "no such image file"),
        (GOOD.replace("classic", "neon"), {}, "palette = 'neon': expected one of"),
        (GOOD, {"LECTURE_PALETTE": "neon"}, "LECTURE_PALETTE = 'neon'"),
        (GOOD.replace("weights = w.npz\nrelu", "weights = w.pkl\nrelu"), {}, ".npz"),
        (GOOD.replace("relu_weights = r.npz", "relu_weights = x.npz"), {}, "no such weights"),
        (GOOD.replace("palette = classic\n", ""), {}, "missing palette"),
        (GOOD, {"LECTURE_DIGIT": "²"}, "LECTURE_DIGIT = '²': expected a digit index 0–4999"),
        (GOOD, {"LECTURE_DIGIT": "٣"}, "expected a digit index 0–4999"),
        (GOOD, {"LECTURE_DIGIT": "text.png"}, "'text.png': not an image Pillow can read"),
        (GOOD, {"LECTURE_DIGIT": "empty.png"}, "'empty.png': "),
        (
            GOOD.replace("weights = w.npz\nrelu", "weights = r.npz\nrelu"),
            {},
            "[lecture] weights = 'r.npz': is a relu network; [lecture] weights needs a sigmoid",
        ),
        (GOOD, {"LECTURE_RELU_WEIGHTS": "w.npz"}, "is a sigmoid network; LECTURE_RELU_WEIGHTS"),
        (GOOD, {"LECTURE_WEIGHTS": "small.npz"}, "takes 100 inputs"),
        (GOOD, {"LECTURE_WEIGHTS": "nine.npz"}, "has 9 outputs"),
        (GOOD, {"LECTURE_WEIGHTS": "wide.npz"}, "has a hidden layer of 200 neurons; allowed"),
        (GOOD + "digit = 8\n", {}, "cannot parse"),
        (GOOD, {"LECTURE_NARRATION": "loud"}, "expected one of voice, recordings, off"),
        (GOOD, {"LECTURE_VOICE": "nobody.onnx"}, "no such file"),
        (GOOD, {"LECTURE_SCRIPT": "nope.toml"}, "LECTURE_SCRIPT = 'nope.toml': no such script"),
        (
            GOOD,
            {"LECTURE_NARRATION": "recordings", "LECTURE_RECORDINGS": "none"},
            "LECTURE_RECORDINGS = 'none': no such folder",
        ),
    ],
)
def test_bad_values_name_key_value_and_what_is_allowed(
    tmp_path: Path, body: str, env: dict[str, str], message: str
) -> None:
    """Whether a value is refused as it is read (a key, a kind of value, a missing file)
    or as its file is loaded once (``load_inputs``: an image, a network, a script), the
    message names the option as the user wrote it."""
    with pytest.raises(ConfigError) as info:
        load_inputs(load_config(write_cfg(tmp_path, body), environ=env))
    assert message in str(info.value)


#: A manim.cfg in an encoding Manim cannot read either: it reads UTF-8, and takes a BOM
#: for part of the first line (which is then no section header).
@pytest.mark.parametrize(
    ("encode", "message"),
    [
        (lambda text: text.encode("latin-1"), r": line 9 is not UTF-8 text \(byte 0xe9;"),
        (lambda text: text.encode("cp1252"), r": line 9 is not UTF-8 text \(byte 0xe9;"),
        (lambda text: text.encode("utf-16"), r": line 1 is not UTF-8 text \(byte 0xff;"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), r": starts with a byte-order"),
    ],
    ids=["latin-1", "windows-1252", "utf-16", "utf-8 with a BOM"],
)
def test_a_manim_cfg_manim_cannot_read_is_one_line_naming_it(
    tmp_path: Path, encode: Callable[[str], bytes], message: str
) -> None:
    path = write_cfg(tmp_path, GOOD + "# café\n")  # the comment is line 9
    path.write_bytes(encode(path.read_text(encoding="utf-8")))
    with pytest.raises(ConfigError, match=re.escape(str(path)) + message) as info:
        load_config(path, environ={})
    assert "\n" not in str(info.value)


def test_utf8_with_any_line_endings_is_read(tmp_path: Path) -> None:
    path = write_cfg(tmp_path, GOOD.replace("classic", "colorblind") + "# café – ok\n")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    config = load_config(path, environ={})
    assert (config.digit, config.palette) == (7, "colorblind")


@pytest.mark.parametrize("kind", ["missing", "folder", "loop"])
def test_a_manim_cfg_that_cannot_be_read_is_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "manim.cfg"
    if kind == "folder":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(path)
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: cannot read \("):
        load_config(path, environ={})


#: ``Path.resolve`` raises RuntimeError on a loop (Python < 3.13): never a traceback.
@pytest.mark.parametrize(
    ("key", "name", "in_file"),
    [
        ("digit", "loop.png", False),
        ("digit", "loop.png", True),
        ("weights", "loop.npz", False),
        ("relu_weights", "loop.npz", True),
        ("script", "loop.toml", False),
        ("voice", "loop.onnx", False),
        ("recordings", "loop", False),
    ],
)
def test_a_symbolic_link_loop_is_one_line_naming_the_option(
    tmp_path: Path, key: str, name: str, in_file: bool
) -> None:
    (tmp_path / name).symlink_to(tmp_path / f"{name}.back")
    (tmp_path / f"{name}.back").symlink_to(tmp_path / name)
    body, env = GOOD, {f"LECTURE_{key.upper()}": name}
    if in_file:
        body, env = re.sub(rf"^{key} = .*$", f"{key} = {name}", GOOD, flags=re.M), {}
    with pytest.raises(ConfigError) as info:
        load_config(write_cfg(tmp_path, body), environ=env)
    where = f"[lecture] {key}" if in_file else f"LECTURE_{key.upper()}"
    assert str(info.value).startswith(f"{where} = {name!r}: {tmp_path / name} is a symbolic ")
    assert "loops" in str(info.value)


def test_reading_the_config_loads_no_file(tmp_path: Path) -> None:
    """``load_config`` only reads the options: a file that is there but unusable passes
    it, and is refused once, when the inputs are loaded."""
    config = load_config(write_cfg(tmp_path, GOOD), environ={"LECTURE_DIGIT": "text.png"})
    assert config.digit == tmp_path / "text.png"
    assert config.where("digit") == "LECTURE_DIGIT"
    with pytest.raises(ConfigError, match=r"^LECTURE_DIGIT = 'text.png': not an image"):
        load_inputs(config)


def test_missing_section_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "manim.cfg"
    path.write_text("[CLI]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[lecture\] section"):
        load_config(path, environ={})


def test_the_embedded_defaults_are_what_manim_cfg_ships() -> None:
    config = load_config(CONFIG_PATH, environ={})
    assert str(config.digit) == DEFAULTS["digit"] and config.palette == DEFAULTS["palette"]
    root = CONFIG_PATH.parent
    assert config.weights == (root / DEFAULTS["weights"]).resolve()
    assert config.relu_weights == (root / DEFAULTS["relu_weights"]).resolve()


def test_the_shell_cannot_change_what_tests_see() -> None:
    import os

    assert {k: v for k, v in os.environ.items() if k.startswith("LECTURE_")} == {
        "LECTURE_" + key.upper(): value for key, value in DEFAULTS.items()
    }
