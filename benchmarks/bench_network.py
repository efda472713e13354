"""Network benchmarks: forward-pass speed, vectorised vs per-example training, accuracy.

Run: ``.venv/bin/python benchmarks/bench_network.py``. Prints medians of several runs;
the two training loops are timed side by side in this one run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from network.activations import sigmoid, sigmoid_prime
from network.model import Network
from network.shipped import SHIPPED_WEIGHTS, bundled_split
from network.training import backprop, one_hot
from network.weights_io import load_weights


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def example_gradients(
    net: Network, xi: np.ndarray, yi: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Backprop for one example as a column vector, returning fresh gradient lists: the
    shape of the textbook's per-example ``backprop`` (Nielsen's network.py), our maths
    (cross-entropy error a − y at the sigmoid output)."""
    grad_w = [np.zeros(w.shape) for w in net.weights]
    grad_b = [np.zeros(b.shape) for b in net.biases]
    a, acts, zs = xi[:, None], [xi[:, None]], []
    for w, b in zip(net.weights, net.biases, strict=True):
        z = w @ a + b[:, None]
        zs.append(z)
        a = sigmoid(z)
        acts.append(a)
    delta = a - yi[:, None]
    for i in range(len(net.weights) - 1, -1, -1):
        grad_w[i] = delta @ acts[i].T
        grad_b[i] = delta[:, 0]
        if i:
            delta = (net.weights[i].T @ delta) * sigmoid_prime(zs[i - 1])
    return grad_w, grad_b


def per_example_epoch(net: Network, x: np.ndarray, y: np.ndarray, eta: float, batch: int) -> None:
    """The textbook loop: each mini-batch sums per-example gradients, then steps."""
    for lo in range(0, len(x), batch):
        sum_w = [np.zeros(w.shape) for w in net.weights]
        sum_b = [np.zeros(b.shape) for b in net.biases]
        for xi, yi in zip(x[lo : lo + batch], y[lo : lo + batch], strict=True):
            grad_w, grad_b = example_gradients(net, xi, yi)
            sum_w = [s + g for s, g in zip(sum_w, grad_w, strict=True)]
            sum_b = [s + g for s, g in zip(sum_b, grad_b, strict=True)]
        n = len(x[lo : lo + batch])
        for w, b, gw, gb in zip(net.weights, net.biases, sum_w, sum_b, strict=True):
            w -= eta * gw / n
            b -= eta * gb / n


def vectorised_epoch(net: Network, x: np.ndarray, y: np.ndarray, eta: float, batch: int) -> None:
    for lo in range(0, len(x), batch):
        grad_w, grad_b = backprop(net, x[lo : lo + batch], y[lo : lo + batch])
        for w, b, gw, gb in zip(net.weights, net.biases, grad_w, grad_b, strict=True):
            w -= eta * gw
            b -= eta * gb


def main() -> None:
    train_set, validation = bundled_split()
    x, y = train_set.images, one_hot(train_set.labels)

    net = load_weights(SHIPPED_WEIGHTS["sigmoid"]).network
    images = np.tile(validation.images, (20, 1))[:10_000]
    forward = median_seconds(lambda: net.forward(images), 21)
    print(f"forward pass with full trace, 10,000 images: median {forward * 1e3:.2f} ms (21 runs)")

    loop_times, vec_times = [], []
    for _ in range(3):
        a, b = Network.initialised(seed=0), Network.initialised(seed=0)
        loop_times.append(median_seconds(partial(per_example_epoch, a, x, y, 0.5, 10), 1))
        vec_times.append(median_seconds(partial(vectorised_epoch, b, x, y, 0.5, 10), 1))
        for wa, wb in zip(a.weights, b.weights, strict=True):  # same maths, same result
            np.testing.assert_allclose(wa, wb, atol=1e-8)
    loop, vec = statistics.median(loop_times), statistics.median(vec_times)
    print(
        f"one epoch on {len(x)} digits, batch 10: per-example loop {loop:.3f} s, "
        f"vectorised {vec:.3f} s -> {loop / vec:.1f}x faster (medians of 3, interleaved)"
    )

    for activation in ("sigmoid", "relu"):
        shipped = load_weights(SHIPPED_WEIGHTS[activation])
        acc = float(np.mean(shipped.network.predict(validation.images) == validation.labels))
        recipe = shipped.recipe  # as saved; the keys are Recipe's fields
        epochs, rate, seed = recipe["epochs"], recipe["learning_rate"], recipe["seed"]
        print(
            f"{activation}: validation accuracy {acc:.2%} on {len(validation)} held-out digits "
            f"(recipe: {epochs} epochs, lr {rate}, seed {seed})"
        )


if __name__ == "__main__":
    main()
