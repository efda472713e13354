"""The held-frame shim: Manim's segment encoder still writes every frame, the same frames."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.kit import held_frames

SPEC = VideoEncoderSpec(
    container_format="mp4",
    codec="libx264",
    pixel_format="yuv420p",
    width=64,
    height=48,
    frame_rate=Fraction(15),
    options=(("preset", "ultrafast"), ("crf", "23")),
)


def _picture(shade: int) -> np.ndarray:
    pixels = np.full((SPEC.height, SPEC.width, 4), 255, dtype=np.uint8)
    pixels[..., :3] = 20
    pixels[10:30, 8 + shade : 40 + shade, :3] = (200, 90, 30)
    return pixels


def _encode(target: Path, writes: list[tuple[int, int]]) -> list[np.ndarray]:
    """Write (picture, repeat) pairs through the encoder, then decode every frame."""
    encoder = VideoSegmentEncoder(target=target, spec=SPEC)
    for shade, repeat in writes:
        encoder.write_frame(_picture(shade), repeat=repeat)
    encoder.finish()
    with av.open(str(target)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


WRITES = [(0, 1), (0, 7), (4, 1), (4, 1), (8, 5), (0, 2)]


def test_held_frames_are_written_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(VideoSegmentEncoder, "write_frame", held_frames._ORIGINAL)
    assert not held_frames.installed()
    before = _encode(tmp_path / "manim.mp4", WRITES)
    held_frames.install()
    assert held_frames.installed()
    after = _encode(tmp_path / "held.mp4", WRITES)
    assert len(after) == len(before) == sum(r for _, r in WRITES)
    for old, new in zip(before, after, strict=True):
        np.testing.assert_array_equal(old, new)
    # and the pictures really change where the writes do (the comparison can fail)
    assert not np.array_equal(after[0], after[8])


def test_timestamps_run_on_at_the_frame_rate(tmp_path: Path) -> None:
    held_frames.install()
    encoder = VideoSegmentEncoder(target=tmp_path / "t.mp4", spec=SPEC)
    encoder.write_frame(_picture(0), repeat=30)
    encoder.finish()
    with av.open(str(tmp_path / "t.mp4")) as container:
        stream = container.streams.video[0]
        pts = sorted(float(f.pts * f.time_base) for f in container.decode(stream))
    assert len(pts) == 30
    assert np.allclose(np.diff(pts), 1 / 15)


def test_bad_frames_are_still_refused(tmp_path: Path) -> None:
    held_frames.install()
    encoder = VideoSegmentEncoder(target=tmp_path / "bad.mp4", spec=SPEC)
    with pytest.raises(ValueError, match="repeat"):
        encoder.write_frame(_picture(0), repeat=0)
    with pytest.raises(ValueError, match="shape"):
        encoder.write_frame(np.zeros((2, 2, 4), np.uint8))
    encoder.finish()
