"""``python -m network``: train, evaluate and predict from the command line."""

from __future__ import annotations

import argparse
import dataclasses
import os
import secrets
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from network.crossval import FoldResult, cross_validate, stratified_folds
from network.data import IMAGE_SIDE, load_bundled, load_idx_pair
from network.errors import NetworkInputError
from network.image import load_user_digit
from network.model import DEFAULT_SIZES, Network
from network.shapes import HIDDEN_LAYERS, HIDDEN_WIDTH, parse_hidden, sizes_with_hidden
from network.shipped import SHIPPED_RECIPES, SHIPPED_WEIGHTS, bundled_split, weights_path
from network.training import EpochReport, Recipe, accuracy, train
from network.weights_io import check_classifier, check_destination, load_weights, save_weights

__all__ = ["MAX_EPOCHS", "MAX_SEED", "confusion_matrix", "main"]

#: Seeds are stored with the weights as 64-bit integers; 32 bits are plenty to choose from.
MAX_SEED = 2**32 - 1
#: The most epochs ``--epochs`` takes: the shipped recipes train for 60, and a thousand
#: already take most of an hour on two cores; more is a typo, not a plan.
MAX_EPOCHS = 1000


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, n: int = 10) -> np.ndarray:
    """Row = true digit, column = the network's answer."""
    matrix = np.zeros((n, n), dtype=np.int64)
    np.add.at(matrix, (labels, predictions), 1)
    return matrix


def _format_confusion(matrix: np.ndarray) -> str:
    head = "true\\pred " + " ".join(f"{d:>4}" for d in range(matrix.shape[1]))
    rows = [f"{d:>9} " + " ".join(f"{v:>4}" for v in row) for d, row in enumerate(matrix)]
    return "\n".join([head, *rows])


def _recipe(args: argparse.Namespace) -> Recipe:
    """The shipped recipe for the activation, with ``--epochs``/``--seed`` applied; bad
    options are refused here, before the bundled digits are even read."""
    recipe = SHIPPED_RECIPES[args.activation]
    if args.epochs is not None:
        epochs = _whole("--epochs", args.epochs, 1, MAX_EPOCHS)
        recipe = dataclasses.replace(recipe, epochs=epochs)
    if args.seed is not None:
        recipe = dataclasses.replace(recipe, seed=_whole("--seed", args.seed, 0, MAX_SEED))
    return recipe


def _whole(option: str, text: str, low: int, high: int) -> int:
    """``text`` as a whole number from ``low`` to ``high``, or one line saying so (argparse's
    own ``type=int`` would print its usage over several lines for ``1e9``)."""
    try:
        value = int(text.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise NetworkInputError(f"{option} {text}: must be a whole number from {low} to {high:,}")
    return value


def _sizes(args: argparse.Namespace) -> tuple[int, ...]:
    return DEFAULT_SIZES if args.hidden is None else sizes_with_hidden(parse_hidden(args.hidden))


def _cmd_train(args: argparse.Namespace) -> int:
    recipe, sizes = _recipe(args), _sizes(args)
    # Checked now, not after training: a bad destination should cost no training time.
    out = check_destination(
        Path(args.out) if args.out else weights_path(args.activation, sizes), overwrite=args.force
    )
    train_set, validation = bundled_split()
    net = Network.initialised(sizes, args.activation, seed=recipe.seed)
    print(
        f"training {'-'.join(map(str, net.sizes))} {args.activation} on {len(train_set)} "
        f"bundled digits, validating on {len(validation)}; {recipe}"
    )

    def progress(report: EpochReport) -> None:
        bar = "#" * round(20 * report.epoch / recipe.epochs)
        print(
            f"\r[{bar:<20}] epoch {report.epoch:>3}/{recipe.epochs}  lr {report.learning_rate:.3f}"
            f"  cost {report.train_cost:.4f}  validation {report.validation_accuracy:.2%}"
            f"  ({report.seconds:.2f} s)",
            end="\n" if report.epoch == recipe.epochs or not sys.stdout.isatty() else "",
            flush=True,
        )

    start = time.perf_counter()
    result = train(net, train_set, recipe, validation, on_epoch=progress)
    seconds = time.perf_counter() - start
    save_weights(out, net, recipe.as_dict(), result.validation_accuracy, overwrite=args.force)
    print(
        f"done in {seconds:.1f} s: validation accuracy {result.validation_accuracy:.2%}, "
        f"training accuracy {accuracy(net, train_set):.2%}; weights written to {out}"
    )
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    if args.cross_validate is not None:
        return _cross_validate(args)
    if (args.images is None) != (args.labels is None):
        raise NetworkInputError("--images and --labels go together; give both or neither")
    net = check_classifier(load_weights(args.weights))
    if args.images is not None:
        digits, name = load_idx_pair(args.images, args.labels), str(args.images)
    else:
        digits, name = bundled_split()[1], "the bundled validation split"
    predictions = np.asarray(net.predict(digits.images))  # a batch gives an array
    correct = int(np.sum(predictions == digits.labels))
    print(
        f"{args.weights}: {correct}/{len(digits)} correct on {name} ({correct / len(digits):.2%})"
    )
    print(_format_confusion(confusion_matrix(digits.labels, predictions)))
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    """Train K networks of the chosen shape and recipe, each scored on its held-out fold."""
    if args.images is not None or args.labels is not None:
        raise NetworkInputError(
            "--cross-validate uses the bundled 5,000 digits; it cannot take --images/--labels"
        )
    recipe, sizes = _recipe(args), _sizes(args)
    digits, k = load_bundled(), args.cross_validate
    stratified_folds(digits.labels, k, seed=recipe.seed)  # refuses an impossible K up front
    print(
        f"{k}-fold cross-validation of {'-'.join(map(str, sizes))} {args.activation} on the "
        f"{len(digits)} bundled digits (stratified, seed {recipe.seed}); {recipe}"
    )

    def progress(fold: FoldResult) -> None:
        print(
            f"fold {fold.fold:>2}/{k}: {fold.accuracy:.2%} of {fold.held_out} held-out digits"
            f"  (trained in {fold.seconds:.1f} s)",
            flush=True,
        )

    result = cross_validate(digits, sizes, args.activation, recipe, k, on_fold=progress)
    seconds = [f.seconds for f in result.folds]
    print(
        f"cross-validated accuracy {result.mean:.2%} ± {result.std:.2%} (mean ± standard "
        f"deviation over {k} folds); training {np.median(seconds):.1f} s per fold (median)"
    )
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    if args.force and args.show is None:
        raise NetworkInputError("--force replaces an existing --show file; give --show too")
    show = _show_destination(Path(args.show), args.force) if args.show is not None else None
    net = check_classifier(load_weights(args.weights))
    pixels = load_user_digit(args.image)
    trace = net.forward(pixels)
    if show is not None:
        _write_show(show, pixels)
    for digit, value in enumerate(trace.output):
        marker = "  <- answer" if digit == trace.prediction else ""
        print(f"{digit}: {value:.4f}{marker}")
    if show is not None:
        print(f"the 28×28 it read: {show} ({SHOW_SCALE}× enlarged)")
    return 0


#: ``predict --show`` enlarges each of the 28×28 pixels to a square this many pixels wide.
SHOW_SCALE = 10


def _show_destination(path: Path, overwrite: bool) -> Path:
    """Refuse, before the picture is read, a ``--show`` path that cannot be written: not
    a .png name, a folder, an existing file without ``--force``, a missing folder."""
    if path.suffix.lower() != ".png":
        raise NetworkInputError(
            f"--show {path}: the 28×28 is written as PNG; give a name ending in .png"
        )
    if path.is_dir():
        raise NetworkInputError(f"--show {path}: is a folder; give a file name ending in .png")
    if path.exists() and not overwrite:
        raise NetworkInputError(f"--show {path}: already exists; pass --force to replace it")
    if not path.absolute().parent.is_dir():
        raise NetworkInputError(f"--show {path}: folder {path.absolute().parent} does not exist")
    return path


def _write_show(path: Path, pixels: np.ndarray) -> None:
    """The 784 values the network read, as a grey PNG enlarged ``SHOW_SCALE``× (nearest
    neighbour, so every input pixel is a flat square of its value, rounded to 8 bits).

    Written to a temporary name in the same folder and renamed over ``path``: the file
    appears whole or not at all, and a file it replaces stays intact until then.
    """
    side = IMAGE_SIDE * SHOW_SCALE
    grey = np.round(pixels.reshape(IMAGE_SIDE, IMAGE_SIDE) * 255).astype(np.uint8)
    picture = Image.fromarray(grey).resize((side, side), Image.Resampling.NEAREST)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as out:  # new, with the usual permissions (umask)
            picture.save(out, "PNG")
        os.replace(temporary, path)
    except OSError as exc:
        raise NetworkInputError(f"--show {path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        temporary.unlink(missing_ok=True)


def _recipe_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--hidden",
        metavar="WIDTHS",
        help=f"hidden layer widths, e.g. 32 or 16,16,16: {HIDDEN_LAYERS.start} to "
        f"{HIDDEN_LAYERS.stop - 1} layers of {HIDDEN_WIDTH.start}–{HIDDEN_WIDTH.stop - 1} "
        "neurons (default 16,16)",
    )
    p.add_argument("--epochs", help=f"override the recipe's epoch count (1 to {MAX_EPOCHS:,})")
    p.add_argument("--seed", help=f"override the recipe's seed (0 to {MAX_SEED:,})")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m network", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train on the bundled digits and save the weights")
    p.add_argument("--activation", choices=sorted(SHIPPED_RECIPES), default="sigmoid")
    p.add_argument(
        "--out",
        help="weights file to write (default: network/weights/<activation>-<sizes>.npz, "
        "which for 784-16-16-10 is the shipped file)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing weights file")
    _recipe_options(p)
    p.set_defaults(run=_cmd_train)
    default_weights = str(SHIPPED_WEIGHTS["sigmoid"])
    p = sub.add_parser(
        "evaluate",
        help="accuracy and confusion matrix, or K-fold cross-validation of a recipe",
    )
    p.add_argument("--weights", default=default_weights)
    p.add_argument("--images", help="IDX images file (.gz or raw)")
    p.add_argument("--labels", help="IDX labels file (.gz or raw)")
    p.add_argument(
        "--cross-validate",
        type=int,
        metavar="K",
        help="instead of scoring --weights, train K networks with the recipe of --activation "
        "(and --hidden), each on all bundled digits but one stratified fold, and report "
        "the mean ± standard deviation of their held-out accuracies",
    )
    p.add_argument("--activation", choices=sorted(SHIPPED_RECIPES), default="sigmoid")
    _recipe_options(p)
    p.set_defaults(run=_cmd_evaluate)
    p = sub.add_parser("predict", help="the 10 output activations for an image file")
    p.add_argument("image")
    p.add_argument("--weights", default=default_weights)
    p.add_argument(
        "--show",
        metavar="OUT.png",
        help=f"also write the 28×28 the network read as a PNG, {SHOW_SCALE}× enlarged, to "
        "check a photo before rendering the lecture with it",
    )
    p.add_argument("--force", action="store_true", help="replace an existing --show file")
    p.set_defaults(run=_cmd_predict)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a bad input is reported as one ``error:`` line and status 2."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except NetworkInputError as exc:
        # One line, whatever a wrapped library message contained.
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
