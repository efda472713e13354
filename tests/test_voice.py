"""scenes/narration/voice.py: the packaged Piper voice speaks offline, once per sentence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scenes.narration.audio import SAMPLE_RATE
from scenes.narration.voice import Voice, VoiceError, packaged_voice_model


@pytest.fixture(scope="module")
def voice(tmp_path_factory: pytest.TempPathFactory) -> Voice:
    return Voice(packaged_voice_model(), tmp_path_factory.mktemp("sentences"))


def test_the_packaged_voice_speaks_and_a_second_time_comes_from_the_cache(voice: Voice) -> None:
    speech = voice.sentence("The answer is three.")
    assert voice.synthesized == 1
    seconds = len(speech) / SAMPLE_RATE
    assert 0.5 < seconds < 4.0
    assert np.abs(speech).max() > 0.05  # it is not silence
    again = voice.sentence("The answer is three.")
    assert voice.synthesized == 1  # nothing synthesized the second time
    np.testing.assert_allclose(again, speech, atol=1 / 32767)
    voice.sentence("The answer is four.")
    assert voice.synthesized == 2  # a changed sentence: only itself


def test_a_damaged_cache_entry_is_made_again(voice: Voice) -> None:
    voice.sentence("Seven.")
    entry = voice.cache / f"{voice.key('Seven.')}.wav"
    entry.write_bytes(b"RIFF broken")
    before = voice.synthesized
    assert len(voice.sentence("Seven.")) > 0
    assert voice.synthesized == before + 1


def test_the_key_follows_text_and_settings(voice: Voice, tmp_path: Path) -> None:
    other = Voice(voice.model, tmp_path, length_scale=voice.length_scale * 1.1)
    assert voice.key("a") != voice.key("b")
    assert voice.key("a") != other.key("a")


@pytest.mark.parametrize(
    ("name", "message"), [("voice.bin", "an .onnx file"), ("gone.onnx", "no such file")]
)
def test_an_unusable_voice_is_named(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(VoiceError, match=message):
        Voice(tmp_path / name, tmp_path).check()


def test_a_voice_without_a_usable_config_is_named(tmp_path: Path) -> None:
    (tmp_path / "v.onnx").write_bytes(b"x")
    (tmp_path / "v.onnx.json").write_text("{}")
    with pytest.raises(VoiceError, match="not a Piper voice config"):
        Voice(tmp_path / "v.onnx", tmp_path).check()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_model_beside_a_good_config_is_named_not_a_traceback(
    tmp_path: Path, damage: str
) -> None:
    """Its files are there and its config is Piper's own, so only ONNX Runtime can tell:
    its error (InvalidProtobuf) becomes a VoiceError naming the model, and nothing is
    cached."""
    model = packaged_voice_model()
    bad = tmp_path / "damaged.onnx"
    bad.write_bytes(
        b"\x08\x07 not a model " * 64 if damage == "garbage" else model.read_bytes()[:99_999]
    )
    bad.with_name(bad.name + ".json").write_bytes(
        model.with_name(model.name + ".json").read_bytes()
    )
    voice = Voice(bad, tmp_path / "sentences")
    voice.check()
    with pytest.raises(VoiceError) as info:
        voice.sentence("The answer is three.")
    message = str(info.value)
    assert message.startswith(f"{bad}: not a voice Piper can load") and "\n" not in message
    assert not list((tmp_path / "sentences").glob("*.wav"))
