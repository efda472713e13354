"""scenes/counting.py: every count on screen is read from the network object, one line per
weight layer for any shape, all on the stage and clear of the diagram."""

from __future__ import annotations

from itertools import pairwise

from scene_helpers import golden, render_in_frame, says

from scenes.counting import CountingKnobs
from scenes.kit.maths import tex_count as grouped
from scenes.kit.stage import overlaps, stage

__module_test__ = "counting"


def test_counts_come_from_the_arrays(network_shape: str) -> None:
    scene, words = render_in_frame(CountingKnobs)
    net = scene.lecture.network
    assert len(scene.lines) == len(net.weights) == len(net.sizes) - 1
    for line, w in zip(scene.lines, net.weights, strict=True):
        n_out, n_in = w.shape
        assert line.tex_string == rf"{n_in} \times {n_out} + {n_out} = {grouped(w.size + n_out)}"
    weights = sum(w.size for w in net.weights)
    biases = sum(b.size for b in net.biases)
    assert (net.n_weights, net.n_biases, net.n_parameters) == (weights, biases, weights + biases)
    total = f"{grouped(weights)} + {biases} = {grouped(weights + biases)}"
    assert scene.total.tex_string == total
    assert says(scene.caption, "Learning")
    if network_shape == "16-16":
        assert (net.n_weights, net.n_biases, net.n_parameters) == (12960, 42, 13002)
        assert scene.total.tex_string == "12{,}960 + 42 = 13{,}002"
    hidden = [f"counting.hidden-layer-{i}" for i in range(1, len(net.sizes) - 1)]
    assert list(words) == [*hidden, "counting.output-layer", "counting.total", "counting.learning"]
    assert f"{weights + biases:,}" in words["counting.learning"].headline
    # The column sits on the stage, in order, and the note is clear of the diagram.
    area, column = stage(), [*scene.lines, scene.total, scene.remark]
    for above, below in pairwise(column):
        assert above.get_bottom()[1] > below.get_top()[1]
    for part in column:
        assert area.bottom - 1e-6 <= part.get_bottom()[1] and part.get_top()[1] <= area.top
        assert area.left - 1e-6 <= part.get_left()[0] and part.get_right()[0] <= area.right
    drawn = [m for m in scene.diagram.get_family() if not m.submobjects and m.has_points()]
    assert not [m for m in drawn if overlaps(scene.remark, m)]


@golden(CountingKnobs)
def test_total(scene: CountingKnobs) -> None:
    CountingKnobs.construct(scene)
