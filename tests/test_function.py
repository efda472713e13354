"""scenes/function.py: the signature, the count and the output vector are the network's."""

from __future__ import annotations

import numpy as np
from scene_helpers import dry_render, golden, says

from scenes.function import NetworkFunction
from scenes.kit.maths import tex_number

__module_test__ = "function"


def test_output_vector_and_answer_are_the_networks() -> None:
    scene = dry_render(NetworkFunction)
    digit, net = scene.lecture.digit, scene.lecture.network
    assert "784" in scene.signature.tex_string and "{10}" in scene.signature.tex_string
    assert "13{,}002" in scene.parameters.tex_string and net.n_parameters == 13002
    assert scene.entries == [tex_number(v) for v in digit.trace.output]
    for entry in scene.entries:
        assert entry in scene.output_tex.tex_string
    answer = int(np.argmax(digit.trace.output))
    assert says(scene.caption, f"says {answer}")


@golden(NetworkFunction)
def test_real_values(scene: NetworkFunction) -> None:
    NetworkFunction.construct(scene)
