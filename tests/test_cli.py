"""`python -m network`: a bad input is one `error:` line on stderr, status 2, nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from network.cli import main
from network.data import load_bundled
from network.errors import NetworkInputError
from network.model import Network
from network.shipped import SHIPPED_WEIGHTS
from network.weights_io import load_weights, save_weights

SHIPPED = SHIPPED_WEIGHTS["sigmoid"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _assert_refused(result: tuple[int, str, str], message: str) -> None:
    status, out, err = result
    assert status == 2
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert message in err, err
    assert "Traceback" not in err and out == ""


@pytest.fixture
def no_training(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad ``train`` options must be refused before the digits are read or training starts."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("training started before the options were checked")

    monkeypatch.setattr("network.cli.bundled_split", forbidden)
    monkeypatch.setattr("network.cli.train", forbidden)


def _idx(values: np.ndarray) -> bytes:
    header = bytes([0, 0, 0x08, values.ndim]) + b"".join(
        n.to_bytes(4, "big") for n in values.shape
    )
    return header + values.astype(np.uint8).tobytes()


# --- train: every bad option is refused before any training time is spent ---


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--out", "{tmp}/w.pt"], "error: {tmp}/w.pt: weights files end in .npz, not '.pt'"),
        (["--out", "{tmp}/folder.npz"], "error: {tmp}/folder.npz: is a folder"),
        (
            ["--out", "{tmp}/a_file/w.npz"],
            "error: {tmp}/a_file/w.npz: cannot create its folder: {tmp}/a_file is a file",
        ),
        (["--seed", "-1"], "error: --seed -1: must be a whole number from 0 to 4,294,967,295"),
        (["--seed", str(2**32)], "error: --seed 4294967296: must be a whole number from 0"),
        (["--seed", "1.5"], "error: --seed 1.5: must be a whole number from 0"),
        (["--epochs", "0"], "error: --epochs 0: must be a whole number from 1 to 1,000"),
        (["--epochs", "-3"], "error: --epochs -3: must be a whole number from 1"),
        (["--epochs", "1000000000"], "error: --epochs 1000000000: must be a whole number from 1"),
        (["--epochs", "1e9"], "error: --epochs 1e9: must be a whole number from 1 to 1,000"),
        (["--hidden", "0"], "error: --hidden '0': has a hidden layer of 0 neurons; allowed are 1"),
        (["--hidden", "16,x"], "error: --hidden '16,x': give the hidden widths as whole numbers"),
        (["--hidden", "16,16,16,16,16"], "error: --hidden '16,16,16,16,16': has 5 hidden layers"),
        (["--hidden", "500"], "has a hidden layer of 500 neurons; allowed are 1 to 4 hidden"),
    ],
)
@pytest.mark.usefixtures("no_training")
def test_train_refuses_bad_options_before_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    (tmp_path / "folder.npz").mkdir()
    (tmp_path / "a_file").write_text("keep")
    argv = [o.format(tmp=tmp_path) for o in options]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "new.npz")]
    _assert_refused(_run(capsys, "train", *argv), message.format(tmp=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "folder.npz"]
    assert (tmp_path / "a_file").read_text() == "keep"


@pytest.mark.usefixtures("no_training")
def test_train_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "w.npz"
    existing.write_bytes(b"precious")
    _assert_refused(
        _run(capsys, "train", "--out", existing), f"{existing}: already exists; pass --force"
    )
    assert existing.read_bytes() == b"precious"
    shipped = SHIPPED.read_bytes()
    _assert_refused(_run(capsys, "train"), f"{SHIPPED}: already exists; pass --force")
    assert SHIPPED.read_bytes() == shipped


@pytest.mark.usefixtures("no_training")
def test_train_refuses_an_unwritable_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("network.weights_io.tempfile.mkstemp", refuse)
    _assert_refused(
        _run(capsys, "train", "--out", tmp_path / "w.npz"),
        f"error: {tmp_path / 'w.npz'}: cannot write in {tmp_path} (Permission denied)",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.usefixtures("no_training")
def test_train_refuses_a_read_only_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        _assert_refused(_run(capsys, "train", "--out", locked / "w.npz"), "cannot write in")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


# --- evaluate and predict: bad data or weights are refused, nothing is printed ---


def _twelve_outputs(path: Path) -> Path:
    return save_weights(path, Network.initialised((784, 16, 16, 12)))


def _npy(path: Path) -> Path:
    np.save(path.with_suffix(".npy"), np.zeros(3))
    path.with_suffix(".npy").rename(path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_twelve_outputs, "has 12 outputs; a digit classifier needs 10 (one per digit 0–9)"),
        (_npy, "not a readable .npz weights file (it is a single .npy array"),
        (lambda p: p, "weights file not found"),
    ],
)
@pytest.mark.parametrize("command", ["evaluate", "predict"])
def test_bad_weights_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, make, message: str
) -> None:
    weights = make(tmp_path / "w.npz")
    digit = tmp_path / "digit.png"
    Image.fromarray((load_bundled().images[0].reshape(28, 28) * 255).astype(np.uint8)).save(digit)
    argv = ["predict", digit] if command == "predict" else ["evaluate"]
    _assert_refused(_run(capsys, *argv, "--weights", weights), f"error: {weights}: {message}")


def test_train_makes_the_shape_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--hidden 32`` trains a 784-32-10 network; by default it is named by its shape."""
    monkeypatch.setattr("network.shipped.WEIGHTS_DIR", tmp_path)
    status, out, err = _run(capsys, "train", "--hidden", "32", "--epochs", "1")
    assert status == 0 and err == "", err
    path = tmp_path / "sigmoid-784-32-10.npz"
    assert out.startswith("training 784-32-10 sigmoid on 4500 bundled digits")
    assert f"weights written to {path}" in out
    assert load_weights(path).network.sizes == (784, 32, 10)
    status, out, err = _run(
        capsys,
        "train",
        "--activation",
        "relu",
        "--hidden",
        "8,8,8",
        "--epochs",
        "1",
        "--out",
        tmp_path / "deep.npz",
    )
    assert status == 0 and load_weights(tmp_path / "deep.npz").network.sizes == (784, 8, 8, 8, 10)
    assert load_weights(tmp_path / "deep.npz").network.activation == "relu"


def test_cross_validation_reports_every_fold_and_the_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(
        capsys, "evaluate", "--cross-validate", "2", "--hidden", "8", "--epochs", "1"
    )
    assert status == 0 and err == "", err
    lines = out.splitlines()
    assert lines[0].startswith(
        "2-fold cross-validation of 784-8-10 sigmoid on the 5000 bundled digits (stratified"
    )
    folds = [
        re.match(r"fold +(\d)/2: ([\d.]+)% of 2500 held-out digits", line) for line in lines[1:3]
    ]
    assert [int(m[1]) for m in folds] == [1, 2]
    mean = re.search(r"cross-validated accuracy ([\d.]+)% ± ([\d.]+)%", lines[3])
    assert float(mean[1]) == pytest.approx(np.mean([float(m[2]) for m in folds]), abs=0.006)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--cross-validate", "1"], "error: --cross-validate 1: need at least 2 folds"),
        (["--cross-validate", "5", "--hidden", "0"], "error: --hidden '0': has a hidden layer"),
        (
            ["--cross-validate", "5", "--images", "x.idx", "--labels", "y.idx"],
            "error: --cross-validate uses the bundled 5,000 digits",
        ),
        (["--cross-validate", "5", "--epochs", "0"], "error: --epochs 0: must be a whole number"),
    ],
)
def test_cross_validation_refuses_bad_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    _assert_refused(_run(capsys, "evaluate", *argv), message)


def test_evaluate_refuses_idx_files_without_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images, labels = tmp_path / "images.idx", tmp_path / "labels.idx"
    images.write_bytes(_idx(np.zeros((0, 28, 28))))
    labels.write_bytes(_idx(np.zeros(0)))
    _assert_refused(
        _run(capsys, "evaluate", "--images", images, "--labels", labels),
        f"error: {images}: holds no images (shape (0, 28, 28)); need at least one 28×28 digit",
    )
    _assert_refused(
        _run(capsys, "evaluate", "--images", images),
        "error: --images and --labels go together; give both or neither",
    )


def test_evaluate_reports_accuracy_on_good_idx_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digits = load_bundled()
    rows = [0, 1000, 4999]
    (tmp_path / "i.idx").write_bytes(_idx(np.round(digits.images[rows] * 255).reshape(3, 28, 28)))
    (tmp_path / "l.idx").write_bytes(_idx(digits.labels[rows]))
    status, out, err = _run(
        capsys, "evaluate", "--images", tmp_path / "i.idx", "--labels", tmp_path / "l.idx"
    )
    assert status == 0 and err == "" and "/3 correct on" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image", "not an image Pillow can read (unknown or unsupported format)"),
        (b"", "not an image Pillow can read"),
    ],
)
def test_predict_refuses_files_that_are_not_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    image = tmp_path / "x.png"
    image.write_bytes(content)
    _assert_refused(_run(capsys, "predict", image), f"error: {image}: {message}")


def test_predict_prints_ten_outputs_for_a_good_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = tmp_path / "digit.png"
    Image.fromarray((load_bundled().images[1524].reshape(28, 28) * 255).astype(np.uint8)).save(
        image
    )
    status, out, err = _run(capsys, "predict", image)
    assert status == 0 and err == "" and len(out.splitlines()) == 10 and "<- answer" in out


def test_a_multi_line_message_is_reported_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: object) -> None:
        raise NetworkInputError("w.npz: first line\nsecond line")

    monkeypatch.setattr("network.cli.load_weights", fail)
    _assert_refused(_run(capsys, "evaluate"), "error: w.npz: first line second line")


# --- the real command: no traceback, one line, status 2 ---


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["predict", "{tmp}/missing.png"], "error: {tmp}/missing.png: image file not found"),
        (["train", "--out", "{tmp}/w.txt"], "error: {tmp}/w.txt: weights files end in .npz"),
    ],
)
def test_python_m_network_reports_one_line_and_status_2(
    tmp_path: Path, argv: list[str], message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "network", *(a.format(tmp=tmp_path) for a in argv)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(message.format(tmp=tmp_path))
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
