"""What flows along each connection when a digit goes through the network.

A connection from neuron ``k`` of one layer to neuron ``j`` of the next passes on
``w[j, k] · a[k]``: its weight times the activation it starts from. The weighted
sum a neuron receives is the sum of these (plus its bias), so they are the
honest measure of which connections matter *for this digit*: a large weight
leaving a dark neuron passes on nothing. A picture with hundreds of lines reads
only when the weak ones are left out; this module picks the strongest, the same
way every time, and says how bright each one is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from network.errors import NetworkInputError
from network.model import Network, Trace

__all__ = ["Flow", "contributions", "edge_flow", "strongest_per_target"]


def contributions(
    net: Network,
    trace: Trace,
    transition: int,
    sources: Sequence[int],
    targets: Sequence[int],
) -> np.ndarray:
    """``w · a`` for each connection from ``sources`` (neurons of layer ``transition``)
    to ``targets`` (of the next layer): rows are targets, columns sources."""
    w = net.weights[transition][np.ix_(list(targets), list(sources))]
    a = np.asarray(trace.activations[transition], dtype=float)[list(sources)]
    return w * a[None, :]


def strongest_per_target(values: np.ndarray, per_target: int) -> np.ndarray:
    """A mask keeping, in each row, the ``per_target`` entries of largest ``|value|``.

    Every target neuron keeps its own strongest inputs (a global top-N could leave a
    neuron with no line into it, which would then light up from nowhere). Entries
    that are exactly zero pass on nothing and are never kept. Ties go to the lower
    column index, so the pick is the same on every machine.
    """
    if per_target < 1:
        raise NetworkInputError(f"keep at least one connection per neuron, not {per_target}")
    values = np.asarray(values, dtype=float)
    # A stable sort on −|v| ranks equal magnitudes by column index.
    order = np.argsort(-np.abs(values), axis=1, kind="stable")
    keep = np.zeros(values.shape, dtype=bool)
    rows = np.arange(values.shape[0])[:, None]
    keep[rows, order[:, :per_target]] = True
    return keep & (values != 0)


@dataclass(frozen=True)
class Flow:
    """One transition's connections for one digit: what each passes on, which are drawn,
    and how bright each drawn one's pulse is."""

    contribution: np.ndarray  # (targets, sources): w · a
    kept: np.ndarray  # (targets, sources) bool: drawn
    brightness: np.ndarray  # (targets, sources): |w · a| / the largest kept |w · a|; 0 if not kept

    @property
    def count(self) -> int:
        return int(self.kept.sum())

    def pulses(self) -> list[tuple[int, int, float, int]]:
        """(target, source, brightness, sign of w · a) for each kept connection, row-major."""
        return [
            (
                int(j),
                int(k),
                float(self.brightness[j, k]),
                1 if self.contribution[j, k] > 0 else -1,
            )
            for j, k in np.argwhere(self.kept)
        ]


def edge_flow(
    net: Network,
    trace: Trace,
    transition: int,
    sources: Sequence[int],
    targets: Sequence[int],
    per_target: int = 3,
) -> Flow:
    """The connections drawn for one digit between ``sources`` and ``targets``.

    Each target keeps its ``per_target`` strongest ``|w · a|``; a kept connection's
    pulse brightness is its ``|w · a|`` over the largest kept one in this transition
    (each transition on its own scale: sums grow and shrink from layer to layer).
    """
    c = contributions(net, trace, transition, sources, targets)
    kept = strongest_per_target(c, per_target)
    magnitude = np.where(kept, np.abs(c), 0.0)
    top = float(magnitude.max()) if kept.any() else 0.0
    brightness = magnitude / top if top > 0 else magnitude
    return Flow(c, kept, brightness)
