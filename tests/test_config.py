from __future__ import annotations

from pathlib import Path

import pytest

from scenes.config import CONFIG_PATH, ConfigError, LectureConfig, load_config

WEIGHTS = "network/weights/sigmoid-784-16-16-10.npz"


def write_cfg(tmp_path: Path, body: str) -> Path:
    (tmp_path / "w.npz").write_bytes(b"")
    (tmp_path / "digit.png").write_bytes(b"")
    path = tmp_path / "manim.cfg"
    path.write_text("[CLI]\nmedia_dir = ./media\n\n[lecture]\n" + body, encoding="utf-8")
    return path


GOOD = "digit = 7\npalette = classic\nweights = w.npz\nrelu_weights = w.npz\n"


def test_project_config_loads() -> None:
    config = load_config(CONFIG_PATH, environ={})
    assert isinstance(config, LectureConfig)
    assert isinstance(config.digit, int)
    assert config.weights.is_file() and config.relu_weights.is_file()


def test_paths_resolve_against_the_config_file(tmp_path: Path) -> None:
    config = load_config(write_cfg(tmp_path, GOOD), environ={})
    assert config == LectureConfig(7, "classic", tmp_path / "w.npz", tmp_path / "w.npz")


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
        (GOOD.replace("relu_weights = w.npz", "relu_weights = x.npz"), {}, "no such weights"),
        (GOOD.replace("palette = classic\n", ""), {}, "missing palette"),
    ],
)
def test_bad_values_name_key_value_and_what_is_allowed(
    tmp_path: Path, body: str, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write_cfg(tmp_path, body), environ=env)
    assert message in str(info.value)


def test_missing_section_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "manim.cfg"
    path.write_text("[CLI]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[lecture\] section"):
        load_config(path, environ={})
