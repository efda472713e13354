"""Stratified K-fold cross-validation on the bundled digits.

One 500-digit validation split carries about ±1 point of noise, more than the
differences between training recipes; averaging over K disjoint folds of all
5,000 digits, each digit held out exactly once, is how recipes are compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from network.data import Digits
from network.errors import NetworkInputError
from network.model import Network
from network.training import Recipe, accuracy, train

__all__ = ["CrossValidation", "FoldResult", "cross_validate", "stratified_folds"]


def stratified_folds(labels: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """``k`` disjoint, sorted row sets covering every row, each with (within one) the
    same number of every digit: each label's rows are shuffled and dealt in turn."""
    labels = np.asarray(labels)
    smallest = int(np.bincount(labels).min()) if labels.size else 0
    if not 2 <= k <= smallest:
        raise NetworkInputError(
            f"--cross-validate {k}: need at least 2 folds and no more than the rarest "
            f"digit's count ({smallest}), so every fold holds every digit"
        )
    rng = np.random.default_rng(seed)
    folds: list[list[np.ndarray]] = [[] for _ in range(k)]
    dealt = 0  # keep dealing where the last label stopped, so fold sizes stay even
    for digit in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        for i in range(k):
            folds[(i + dealt) % k].append(rows[i::k])
        dealt += len(rows)
    return [np.sort(np.concatenate(parts)) for parts in folds]


@dataclass(frozen=True)
class FoldResult:
    fold: int  # 1-based
    held_out: int  # how many digits this fold's network never saw
    accuracy: float  # on those digits
    seconds: float  # training time


@dataclass(frozen=True)
class CrossValidation:
    sizes: tuple[int, ...]
    activation: str
    recipe: Recipe
    folds: tuple[FoldResult, ...]

    @property
    def accuracies(self) -> np.ndarray:
        return np.array([f.accuracy for f in self.folds])

    @property
    def mean(self) -> float:
        return float(self.accuracies.mean())

    @property
    def std(self) -> float:
        """Sample standard deviation across folds (ddof = 1)."""
        return float(self.accuracies.std(ddof=1))


def cross_validate(
    digits: Digits,
    sizes: Sequence[int],
    activation: str,
    recipe: Recipe,
    k: int,
    on_fold: Callable[[FoldResult], None] | None = None,
) -> CrossValidation:
    """Train one network per fold on the other folds and score it on the held-out one.

    Every fold's network starts from the recipe's seed, so the spread across folds
    is the data's, and the whole run is reproducible.
    """
    folds = stratified_folds(digits.labels, k, seed=recipe.seed)
    everything = np.arange(len(digits))
    results = []
    for number, held_out in enumerate(folds, start=1):
        net = Network.initialised(tuple(sizes), activation, seed=recipe.seed)
        start = time.perf_counter()
        train(net, digits.subset(np.setdiff1d(everything, held_out)), recipe)
        seconds = time.perf_counter() - start
        result = FoldResult(number, len(held_out), accuracy(net, digits.subset(held_out)), seconds)
        results.append(result)
        if on_fold is not None:
            on_fold(result)
    return CrossValidation(tuple(sizes), activation, recipe, tuple(results))
