from __future__ import annotations

import numpy as np
import pytest

from network.data import Digits
from network.model import Network
from network.training import Recipe, augment, backprop, cost, one_hot, train


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("kind", ["cross-entropy", "quadratic"])
def test_backprop_matches_finite_differences(activation: str, kind: str) -> None:
    rng = np.random.default_rng(1)
    net = Network.initialised((6, 5, 4, 3), activation, seed=2)
    for b in net.biases:
        b += rng.normal(0, 0.3, b.shape)  # move ReLU units off their kink
    x, y = rng.random((7, 6)), one_hot(rng.integers(0, 3, 7), 3)
    grad_w, grad_b = backprop(net, x, y, kind)
    h = 1e-6
    for params, grads in ((net.weights, grad_w), (net.biases, grad_b)):
        for p, g in zip(params, grads, strict=True):
            numeric = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + h
                up = cost(net, x, y, kind)
                p[idx] = old - h
                down = cost(net, x, y, kind)
                p[idx] = old
                numeric[idx] = (up - down) / (2 * h)
            np.testing.assert_allclose(g, numeric, atol=1e-7, rtol=1e-5)


def test_training_is_seeded_and_learns() -> None:
    rng = np.random.default_rng(0)
    images = rng.random((200, 784)) * 0.1
    labels = np.arange(200) % 10
    for k in range(20):  # a bright stripe of 20 pixels tells the class
        images[np.arange(200), labels * 70 + k] = 1.0
    digits = Digits(images, labels)
    recipe = Recipe(epochs=20, learning_rate=0.5, augment=False, seed=4)
    first = train(Network.initialised(seed=4), digits, recipe, digits)
    second = train(Network.initialised(seed=4), digits, recipe, digits)
    for w1, w2 in zip(first.network.weights, second.network.weights, strict=True):
        np.testing.assert_array_equal(w1, w2)
    assert first.validation_accuracy > 0.9


def test_augment_with_no_motion_is_the_identity_and_motion_keeps_ink() -> None:
    rng = np.random.default_rng(0)
    images = rng.random((4, 784))
    np.testing.assert_allclose(augment(images, rng, 0.0, 0.0), images, atol=1e-12)
    digit = np.zeros((1, 28, 28))
    digit[0, 8:20, 12:16] = 1.0
    moved = augment(digit.reshape(1, -1), rng, 2.0, 10.0)
    assert abs(moved.sum() - digit.sum()) / digit.sum() < 0.05
    assert not np.allclose(moved, digit.reshape(1, -1))


def test_augmenting_ahead_changes_nothing() -> None:
    """train() warps the next epoch's images on another thread; the result must equal a
    plain loop that augments, shuffles and steps in order with the same generator."""
    rng = np.random.default_rng(3)
    digits = Digits(rng.random((60, 784)), np.arange(60) % 10)
    recipe = Recipe(epochs=3, batch_size=7, learning_rate=0.4, momentum=0.5, l2=1e-3, seed=5)
    trained = train(Network.initialised(seed=1), digits, recipe).network
    net, draw = Network.initialised(seed=1), np.random.default_rng(recipe.seed)
    targets, eta = one_hot(digits.labels), recipe.learning_rate
    velocity = [np.zeros_like(p) for p in (*net.weights, *net.biases)]
    for _ in range(recipe.epochs):
        images = augment(digits.images, draw, recipe.max_shift, recipe.max_rotation)
        order = draw.permutation(len(digits))
        for lo in range(0, len(order), recipe.batch_size):
            batch = order[lo : lo + recipe.batch_size]
            grad_w, grad_b = backprop(net, images[batch], targets[batch])
            grads = [gw + recipe.l2 * w for gw, w in zip(grad_w, net.weights, strict=True)]
            for p, g, v in zip((*net.weights, *net.biases), grads + grad_b, velocity, strict=True):
                v *= recipe.momentum
                v -= eta * g
                p += v
        eta *= recipe.lr_decay
    for ours, reference in zip(
        trained.weights + trained.biases, net.weights + net.biases, strict=True
    ):
        np.testing.assert_array_equal(ours, reference)
