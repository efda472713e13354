"""Mini-batch SGD with backpropagation, vectorised over each batch.

One matrix product per layer per batch, never a Python loop over examples.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

import numpy as np

from network.activations import ACTIVATIONS, sigmoid
from network.data import IMAGE_SIDE, Digits
from network.errors import NetworkInputError
from network.model import Network

__all__ = [
    "COSTS",
    "ELASTIC_GRID",
    "EpochReport",
    "Recipe",
    "accuracy",
    "augment",
    "backprop",
    "cost",
    "motion",
    "one_hot",
    "train",
    "warp",
]

COSTS = ("cross-entropy", "quadratic")
#: Control points per side of the elastic displacement field.
ELASTIC_GRID = 4


@dataclass(frozen=True)
class Recipe:
    """Everything that decides a training run; saved with the weights it produced."""

    epochs: int = 30
    batch_size: int = 10
    learning_rate: float = 0.5
    lr_decay: float = 0.92  # the learning rate is multiplied by this after every epoch
    momentum: float = 0.0  # classical momentum; 0 is plain SGD
    cost: str = "cross-entropy"
    l2: float = 1e-4  # weight decay: l2·w is added to every weight gradient
    augment: bool = True
    max_shift: float = 2.0  # pixels
    max_rotation: float = 12.0  # degrees
    max_scale: float = 0.0  # each image is scaled by a factor within 1 ± this
    max_shear: float = 0.0  # degrees of slant
    max_elastic: float = 0.0  # pixels of smooth random displacement (4×4 control grid)
    seed: int = 0

    def __post_init__(self) -> None:
        if self.cost not in COSTS:
            raise NetworkInputError(f"unknown cost {self.cost!r}; expected one of {COSTS}")
        for name in ("epochs", "batch_size"):
            if getattr(self, name) < 1:
                raise NetworkInputError(f"{name} must be ≥ 1, got {getattr(self, name)}")
        if (
            not self.learning_rate > 0
            or not 0 < self.lr_decay <= 1
            or self.l2 < 0
            or not 0 <= self.momentum < 1
        ):
            raise NetworkInputError(
                "need learning_rate > 0, 0 < lr_decay ≤ 1, l2 ≥ 0 and 0 ≤ momentum < 1, got "
                f"{self.learning_rate}, {self.lr_decay}, {self.l2}, {self.momentum}"
            )
        if not (0 <= self.max_scale < 1 and 0 <= self.max_shear < 90 and 0 <= self.max_elastic):
            raise NetworkInputError(
                "need 0 ≤ max_scale < 1, 0 ≤ max_shear < 90 and max_elastic ≥ 0, got "
                f"{self.max_scale}, {self.max_shear}, {self.max_elastic}"
            )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class EpochReport:
    epoch: int
    learning_rate: float
    train_cost: float
    validation_accuracy: float | None
    seconds: float


@dataclass
class TrainingResult:
    network: Network
    recipe: Recipe
    reports: list[EpochReport] = field(default_factory=list)

    @property
    def validation_accuracy(self) -> float | None:
        return self.reports[-1].validation_accuracy if self.reports else None


def one_hot(labels: np.ndarray, n_classes: int = 10) -> np.ndarray:
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def cost(net: Network, x: np.ndarray, y: np.ndarray, kind: str = "cross-entropy") -> float:
    """Mean cost over the batch (without the weight-decay term)."""
    a = net.forward(x).output
    if kind == "quadratic":
        return float(0.5 * np.sum((a - y) ** 2) / len(x))
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / len(x))


def backprop(
    net: Network, x: np.ndarray, y: np.ndarray, kind: str = "cross-entropy"
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Gradients of the mean cost with respect to every weight and bias, for a batch."""
    hidden, hidden_prime = ACTIVATIONS[net.activation]
    activations = [x]
    zs = []
    last = len(net.weights) - 1
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = activations[-1] @ w.T + b
        zs.append(z)
        activations.append(sigmoid(z) if i == last else hidden(z))
    out = activations[-1]
    # Cross-entropy with a sigmoid output cancels σ'(z): the error is simply a − y.
    delta = out - y if kind == "cross-entropy" else (out - y) * out * (1.0 - out)
    n = len(x)
    grad_w: list[np.ndarray] = [np.empty(0)] * len(net.weights)
    grad_b: list[np.ndarray] = [np.empty(0)] * len(net.weights)
    for i in range(last, -1, -1):
        grad_w[i] = delta.T @ activations[i] / n
        grad_b[i] = delta.sum(axis=0) / n
        if i:
            delta = (delta @ net.weights[i]) * hidden_prime(zs[i - 1])
    return grad_w, grad_b


def augment(
    images: np.ndarray,
    rng: np.random.Generator,
    shift: float,
    rotation: float,
    scale: float = 0.0,
    shear: float = 0.0,
    elastic: float = 0.0,
) -> np.ndarray:
    """Each image moved by its own small random amount, in one interpolation."""
    return warp(images, *motion(rng, len(images), shift, rotation, scale, shear, elastic))


def motion(
    rng: np.random.Generator,
    n: int,
    shift: float,
    rotation: float,
    scale: float = 0.0,
    shear: float = 0.0,
    elastic: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The random part of ``augment``, drawn per image: a 2×2 matrix taking an output
    pixel's (row, col) offset from the centre to the offset it samples, a (row, col)
    shift, and when ``elastic`` is on a (2, g²) grid of (row, col) displacements that
    ``warp`` spreads smoothly over the image.

    A knob left at 0 draws nothing, so older recipes keep their random stream.
    """
    angles = np.deg2rad(rng.uniform(-rotation, rotation, n))
    shifts = rng.uniform(-shift, shift, (n, 2))
    cos, sin = np.cos(angles), np.sin(angles)
    # Sampling at the inverse-rotated offset turns the image by the angle.
    matrices = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)
    if scale:
        # An image grown by a factor samples at offsets shrunk by it.
        matrices /= rng.uniform(1 - scale, 1 + scale, n)[:, None, None]
    if shear:
        # Output row r samples column c + slant·r: a slanted stroke, as in italic writing.
        slant = np.tan(np.deg2rad(rng.uniform(-shear, shear, n)))
        matrices[:, :, 0] += matrices[:, :, 1] * slant[:, None]
    grid = rng.uniform(-elastic, elastic, (n, 2, ELASTIC_GRID**2)) if elastic else None
    return matrices, shifts, grid


@functools.cache
def _elastic_hat() -> np.ndarray:
    """(28, g) bilinear weights spreading g evenly spaced knots, the outer ones on the
    image's edges, over a row of pixels; the same along columns."""
    knots = np.linspace(0, IMAGE_SIDE - 1, ELASTIC_GRID)
    pixels = np.arange(IMAGE_SIDE, dtype=float)
    spacing = knots[1] - knots[0]
    return np.clip(1 - np.abs(pixels[:, None] - knots[None, :]) / spacing, 0, None)


def warp(
    images: np.ndarray,
    matrices: np.ndarray,
    shifts: np.ndarray,
    grid: np.ndarray | None = None,
) -> np.ndarray:
    """Move each image by its own affine map (and elastic displacement grid), in float32
    for speed; no randomness, so it can run ahead on another thread. Output pixel p
    samples the source at centre + M·(p − centre) − shift (+ displacement), bilinearly."""
    n = len(images)
    f32 = np.float32
    centre = (IMAGE_SIDE - 1) / 2.0
    rows, cols = np.mgrid[0:IMAGE_SIDE, 0:IMAGE_SIDE].reshape(2, 1, -1).astype(f32) - f32(centre)
    m = matrices.astype(f32)[:, :, :, None]
    moved = (centre - shifts).astype(f32)[:, :, None]
    src_r = m[:, 0, 0] * rows + m[:, 0, 1] * cols + moved[:, 0]
    src_c = m[:, 1, 0] * rows + m[:, 1, 1] * cols + moved[:, 1]
    if grid is not None:
        hat = _elastic_hat().astype(f32)  # separable: spread along rows, then columns
        knots = grid.astype(f32).reshape(n, 2, ELASTIC_GRID, ELASTIC_GRID)
        field = hat @ knots @ hat.T
        src_r += field[:, 0].reshape(n, -1)
        src_c += field[:, 1].reshape(n, -1)
    stack = images.reshape(n, IMAGE_SIDE, IMAGE_SIDE)
    return bilinear_sample(stack, src_r, src_c).reshape(n, -1).astype(float)


def bilinear_sample(stack: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sample every image of ``stack`` (n, h, w) at its own fractional points ``rows``,
    ``cols`` (n, ...); outside is black. Computes in the points' precision.

    Plain NumPy ``take`` on a flat padded stack: several times faster than
    ``ndimage.map_coordinates``, which matters because augmentation runs every epoch.
    """
    n, h, w = stack.shape
    dtype = np.result_type(rows, cols)
    stride = w + 3
    padded = np.zeros((n, h + 3, stride), dtype)  # one black row/column before, two after
    padded[:, 1 : h + 1, 1 : w + 1] = stack
    fr = np.clip(rows + 1, 0, h + 1).reshape(n, -1)
    fc = np.clip(cols + 1, 0, w + 1).reshape(n, -1)
    index = fr.astype(np.intp)
    fr -= index
    corner = fc.astype(np.intp)
    fc -= corner
    index *= stride
    index += corner
    index += np.arange(0, n * (h + 3) * stride, (h + 3) * stride)[:, None]
    flat = padded.reshape(-1)
    top, top_right = flat.take(index), flat.take(index + 1)
    index += stride
    bottom, bottom_right = flat.take(index), flat.take(index + 1)
    top_right -= top
    top_right *= fc
    top += top_right
    bottom_right -= bottom
    bottom_right *= fc
    bottom += bottom_right
    bottom -= top
    bottom *= fr
    top += bottom
    return top.reshape(rows.shape)


def accuracy(net: Network, digits: Digits) -> float:
    return float(np.mean(net.predict(digits.images) == digits.labels))


def train(
    net: Network,
    train_set: Digits,
    recipe: Recipe,
    validation: Digits | None = None,
    on_epoch: Callable[[EpochReport], None] | None = None,
) -> TrainingResult:
    """Train ``net`` in place with seeded shuffles and augmentation; reproducible per seed."""
    rng = np.random.default_rng(recipe.seed)
    targets = one_hot(train_set.labels, net.sizes[-1])
    result = TrainingResult(network=net, recipe=recipe)
    eta = recipe.learning_rate
    n = len(train_set)
    velocity = [np.zeros_like(p) for p in (*net.weights, *net.biases)]

    def warp_ahead() -> Future[np.ndarray] | None:
        """Start the next epoch's augmentation on the other core (its random draws are
        taken here, in the same order as a plain loop would, so results are identical)."""
        if not recipe.augment:
            return None
        moves = motion(
            rng,
            n,
            recipe.max_shift,
            recipe.max_rotation,
            recipe.max_scale,
            recipe.max_shear,
            recipe.max_elastic,
        )
        return pool.submit(warp, train_set.images, *moves)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = warp_ahead()
        for epoch in range(1, recipe.epochs + 1):
            start = time.perf_counter()
            images = train_set.images if pending is None else pending.result()
            order = rng.permutation(n)
            if epoch < recipe.epochs:
                pending = warp_ahead()
            _train_epoch(net, images, targets, order, recipe, eta, velocity)
            report = EpochReport(
                epoch=epoch,
                learning_rate=eta,
                train_cost=cost(net, train_set.images, targets, recipe.cost),
                validation_accuracy=accuracy(net, validation) if validation is not None else None,
                seconds=time.perf_counter() - start,
            )
            result.reports.append(report)
            if on_epoch is not None:
                on_epoch(report)
            eta *= recipe.lr_decay
    return result


def _train_epoch(
    net: Network,
    images: np.ndarray,
    targets: np.ndarray,
    order: np.ndarray,
    recipe: Recipe,
    eta: float,
    velocity: list[np.ndarray],
) -> None:
    """One pass of mini-batch SGD (with momentum and weight decay) over ``order``."""
    for lo in range(0, len(order), recipe.batch_size):
        batch = order[lo : lo + recipe.batch_size]
        grad_w, grad_b = backprop(net, images[batch], targets[batch], recipe.cost)
        params = (*net.weights, *net.biases)
        grads = (
            *(gw + recipe.l2 * w for gw, w in zip(grad_w, net.weights, strict=True)),
            *grad_b,
        )
        for p, g, v in zip(params, grads, velocity, strict=True):
            v *= recipe.momentum
            v -= eta * g
            p += v
