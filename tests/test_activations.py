from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit

from network.activations import (
    largest_slope,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    slope_through_layers,
)


def test_sigmoid_matches_scipy_expit_including_extremes() -> None:
    z = np.concatenate([np.linspace(-40, 40, 2001), [-1e4, 1e4]])
    np.testing.assert_allclose(sigmoid(z), expit(z), rtol=1e-12, atol=1e-15)


def test_derivatives_match_finite_differences() -> None:
    z = np.linspace(-6, 6, 101) + 0.013  # avoid ReLU's kink at exactly 0
    h = 1e-6
    np.testing.assert_allclose(
        sigmoid_prime(z), (sigmoid(z + h) - sigmoid(z - h)) / 2 / h, atol=1e-8
    )
    np.testing.assert_allclose(relu_prime(z), (relu(z + h) - relu(z - h)) / 2 / h, atol=1e-8)


def test_largest_slopes_are_a_quarter_and_one() -> None:
    assert largest_slope("sigmoid") == pytest.approx(0.25, abs=1e-9)
    assert largest_slope("relu") == 1.0
    assert slope_through_layers("sigmoid", 10) == pytest.approx(0.25**10)
    assert slope_through_layers("relu", 10) == 1.0


def test_the_signal_through_deep_layers_is_divided_by_the_slopes_product() -> None:
    from network.activations import signal_divided_by

    assert signal_divided_by("sigmoid", 10) == round(4.0**10)  # σ' is at most 1/4
    assert signal_divided_by("relu", 10) == 1
