"""scenes/counting.py: every count on screen is read from the network object."""

from __future__ import annotations

from scene_helpers import dry_render, golden, says

from scenes.counting import CountingKnobs
from scenes.kit.maths import tex_count as grouped

__module_test__ = "counting"


def test_counts_come_from_the_arrays() -> None:
    scene = dry_render(CountingKnobs)
    net = scene.lecture.network
    assert len(scene.lines) == len(net.weights) == 3
    for line, w in zip(scene.lines, net.weights, strict=True):
        n_out, n_in = w.shape
        assert line.tex_string == rf"{n_in} \times {n_out} + {n_out} = {grouped(w.size + n_out)}"
    assert (net.n_weights, net.n_biases, net.n_parameters) == (12960, 42, 13002)
    assert scene.total.tex_string == "12{,}960 + 42 = 13{,}002"
    assert says(scene.caption, "Learning")


@golden(CountingKnobs)
def test_total(scene: CountingKnobs) -> None:
    CountingKnobs.construct(scene)
