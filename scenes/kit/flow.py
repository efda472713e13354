"""Activation flowing along a diagram's edges: one travelling pulse per kept connection.

The maths (what each connection passes on, which are kept, how bright each pulse
is) comes from ``network.flow``; this module only draws it. Each pulse is one
short line that runs from its source neuron to its target: a few dozen lines per
layer, so the forward pass costs little more per frame than the neurons lighting.
"""

from __future__ import annotations

import numpy as np
from manim import WHITE, Line, ManimColor, VGroup

from lecture.palette import Palette
from network.flow import Flow
from scenes.kit.diagram import NetworkDiagram

__all__ = ["PULSE_LENGTH", "PULSE_TINT", "PULSE_WIDTH", "Pulses", "pulse_color"]

#: A pulse's length, as a fraction of its edge.
PULSE_LENGTH = 0.35
#: Stroke width of a pulse: wider than the widest edge, so it reads on top of it.
PULSE_WIDTH = 5.0
#: How far a pulse's colour is lightened toward white, so it stands out from the edge
#: it runs along (which has the same hue); its opacity alone carries |w·a|.
PULSE_TINT = 0.45


def pulse_color(palette: Palette, sign: int) -> ManimColor:
    """The colour of a pulse passing on a positive (+1) or negative (−1) w·a."""
    return palette.signed_color(sign).interpolate(WHITE, PULSE_TINT)


class Pulses(VGroup):
    """Pulses along the kept edges of one transition, coloured by the sign of w·a and
    as opaque as ``flow.brightness`` (so brightness ∝ |w·a|).

    Parameters
    ----------
    diagram
        The diagram whose edges the pulses run along.
    transition
        Which pair of layers: 0 is from the input to the first hidden layer.
    flow
        What each kept connection passes on (``network.flow``), for the same transition.
    """

    def __init__(self, diagram: NetworkDiagram, transition: int, flow: Flow) -> None:
        super().__init__()
        palette = diagram.palette
        sources, targets = diagram.layers[transition], diagram.layers[transition + 1]
        #: (target, source) positions among the drawn neurons, one per pulse.
        self.pairs: list[tuple[int, int]] = []
        self.brightness: list[float] = []
        self.tracks: list[tuple[np.ndarray, np.ndarray]] = []
        for j, k, brightness, sign in flow.pulses():
            start, end = sources[k].get_right(), targets[j].get_left()
            line = Line(
                start,
                end,
                stroke_width=PULSE_WIDTH,
                color=pulse_color(palette, sign),
                stroke_opacity=brightness,
            )
            self.add(line)
            self.pairs.append((j, k))
            self.brightness.append(brightness)
            self.tracks.append((start, end))
        self.travel(0.0)

    def travel(self, alpha: float) -> Pulses:
        """Every pulse ``alpha`` of the way: entering at its source from 0, gone into its
        target at 1 (so a finished step shows no pulse)."""
        head = min(1.0, alpha * (1 + PULSE_LENGTH))
        tail = max(0.0, alpha * (1 + PULSE_LENGTH) - PULSE_LENGTH)
        if head <= tail:  # not started, or absorbed: a line of no length draws nothing
            head = tail
        for line, (start, end) in zip(self.submobjects, self.tracks, strict=True):
            line.set_points_as_corners(
                [start + (end - start) * tail, start + (end - start) * head]
            )
        return self
