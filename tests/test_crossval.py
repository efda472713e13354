"""network/crossval.py: stratified, disjoint folds and a reproducible cross-validation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from network.crossval import cross_validate, stratified_folds
from network.data import load_bundled
from network.errors import NetworkInputError
from network.shipped import SHIPPED_RECIPES


@pytest.mark.parametrize("k", [2, 5, 10])
def test_folds_are_stratified_disjoint_and_cover_every_digit(k: int) -> None:
    labels = load_bundled().labels
    folds = stratified_folds(labels, k, seed=0)
    assert len(folds) == k
    everything = np.concatenate(folds)
    assert len(everything) == len(labels) == len(np.unique(everything))  # disjoint, covering
    sizes = [len(f) for f in folds]
    assert max(sizes) - min(sizes) <= 1
    overall = np.bincount(labels, minlength=10)
    for fold in folds:
        assert np.all(np.diff(fold) > 0)  # sorted
        per_digit = np.bincount(labels[fold], minlength=10)
        # Every digit's share of a fold is its share of the whole, within one digit.
        assert np.all(np.abs(per_digit - overall / k) < 1)


def test_folds_depend_only_on_the_seed() -> None:
    labels = load_bundled().labels
    a, b, c = (stratified_folds(labels, 5, seed=s) for s in (0, 0, 1))
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not all(np.array_equal(x, y) for x, y in zip(a, c, strict=True))


@pytest.mark.parametrize("k", [0, 1, 10_000])
def test_impossible_fold_counts_are_refused(k: int) -> None:
    with pytest.raises(NetworkInputError, match=f"--cross-validate {k}: need at least 2 folds"):
        stratified_folds(load_bundled().labels, k)


def test_cross_validation_scores_each_fold_on_digits_it_never_trained_on() -> None:
    digits = load_bundled()
    small = digits.subset(np.arange(600))
    recipe = dataclasses.replace(SHIPPED_RECIPES["sigmoid"], epochs=2)
    seen = []
    result = cross_validate(small, (784, 8, 10), "sigmoid", recipe, 3, on_fold=seen.append)
    assert [f.fold for f in result.folds] == [1, 2, 3] and seen == list(result.folds)
    assert sum(f.held_out for f in result.folds) == 600
    assert 0.3 < result.mean <= 1 and result.std >= 0
    assert result.mean == pytest.approx(np.mean([f.accuracy for f in result.folds]))
    assert result.std == pytest.approx(np.std([f.accuracy for f in result.folds], ddof=1))
    again = cross_validate(small, (784, 8, 10), "sigmoid", recipe, 3)
    assert again.accuracies.tolist() == result.accuracies.tolist()  # reproducible
