"""Every scene renders with any trained network of the supported shape, however weak.

A user may point the lecture at weights of their own (``LECTURE_WEIGHTS``), barely
trained or not at all. Such a network may read no digit of a label right, or
answer the same digit for everything; a scene that wanted a digit it reads right
must then show another one and say so on screen, never crash or claim what is
false. These tests render every scene with an untrained network and (for the
scenes that pick digits by whether they are read right) a barely trained one.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scene_helpers import dry_render, step_ids
from test_three import assert_cards_tell_the_truth

from lecture.chapters.layers import more_key
from lecture.inputs import load_inputs
from network.analysis import Example, example_per_label, example_wrong
from network.data import IMAGE_SIDE, Digits
from network.model import DEFAULT_SIZES, Network
from network.shipped import SHIPPED_RECIPES, SHIPPED_WEIGHTS, bundled_split
from network.strokes import PIECES
from network.training import train
from network.weights_io import load_weights, save_weights
from scenes.kit.scene import LectureScene

SCENES_DIR = Path(__file__).resolve().parent.parent / "scenes"
ACTIVATIONS = ("sigmoid", "relu")  # LECTURE_WEIGHTS, LECTURE_RELU_WEIGHTS
CHOOSE_BY_CORRECTNESS = ("plan", "layers", "why_layers")


def scene_classes() -> dict[str, type[LectureScene]]:
    """The one LectureScene subclass each scenes/*.py defines, by module name."""
    found = {}
    for path in sorted(SCENES_DIR.glob("*.py")):
        if path.stem in ("__init__", "config"):
            continue
        module = importlib.import_module(f"scenes.{path.stem}")
        classes = [
            c
            for c in vars(module).values()
            if inspect.isclass(c)
            and issubclass(c, LectureScene)
            and c.__module__ == module.__name__
        ]
        assert len(classes) == 1, f"scenes/{path.name}: expected one scene, found {classes}"
        found[path.stem] = classes[0]
    return found


SCENES = scene_classes()


def recording(scene_class: type[LectureScene]) -> type[LectureScene]:
    """The scene, keeping every headline it shows (each is replaced by the next) and the
    words of every step."""

    class Recorded(scene_class):
        def step(self, step) -> None:
            super().step(step)
            self.captions = [*getattr(self, "captions", []), self.words.headline]
            self.spoken = [*getattr(self, "spoken", []), self.words]

    Recorded.__name__ = Recorded.__qualname__ = scene_class.__name__
    return Recorded


def barely_trained(activation: str) -> Network:
    """One epoch on 200 training digits: a network that reads only a digit or two."""
    train_set = bundled_split()[0]
    rows = np.random.default_rng(0).permutation(len(train_set))[:200]
    net = Network.initialised(DEFAULT_SIZES, activation, seed=0)
    recipe = dataclasses.replace(SHIPPED_RECIPES[activation], epochs=1)
    train(net, train_set.subset(rows), recipe)
    return net


@pytest.fixture(scope="module")
def weak_weights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Weights files per strength ("untrained", "barely") and activation, written once."""
    folder = tmp_path_factory.mktemp("weak-weights")
    files: dict[str, dict[str, Path]] = {"untrained": {}, "barely": {}}
    for activation in ACTIVATIONS:
        untrained = Network.initialised(DEFAULT_SIZES, activation, seed=0)
        files["untrained"][activation] = save_weights(
            folder / f"untrained-{activation}.npz", untrained
        )
        files["barely"][activation] = save_weights(
            folder / f"barely-{activation}.npz", barely_trained(activation)
        )
    return files


@pytest.fixture
def use_weights(monkeypatch: pytest.MonkeyPatch, weak_weights) -> Iterator:
    """Point the lecture at weak weights; the cached lecture is dropped before and after."""

    def use(strength: str) -> Network:
        monkeypatch.setenv("LECTURE_WEIGHTS", str(weak_weights[strength]["sigmoid"]))
        monkeypatch.setenv("LECTURE_RELU_WEIGHTS", str(weak_weights[strength]["relu"]))
        return load_inputs().network

    yield use


RENDERS = [("untrained", name) for name in SCENES] + [
    ("barely", name) for name in CHOOSE_BY_CORRECTNESS
]


@pytest.mark.parametrize(("strength", "name"), RENDERS, ids=[f"{s}-{n}" for s, n in RENDERS])
def test_every_scene_renders_and_tells_the_truth(use_weights, strength: str, name: str) -> None:
    net = use_weights(strength)
    scene = dry_render(recording(SCENES[name]))
    assert scene.captions and scene.caption is not None
    check = CHECKS.get(name)
    if check is not None:
        check(scene, net, scene.inputs.validation())


def test_the_weak_networks_are_weak(use_weights) -> None:
    """The fallbacks these tests reach for really are needed with these networks."""
    val = bundled_split()[1]
    for strength in ("untrained", "barely"):
        net = use_weights(strength)
        correct = net.predict(val.images) == val.labels
        assert correct.mean() < 0.3
        assert not all(np.any(correct[val.labels == k]) for k in range(10))


# -- what each scene that picks digits by correctness must say -------------------------


def check_plan(scene, net: Network, val: Digits) -> None:
    """The preview holds a right and a wrong answer when the network gives both, and the
    step's count is the cards' own."""
    assert_cards_tell_the_truth(scene.cards, scene.inputs.network, scene.palette)
    correct = net.predict(val.images) == val.labels
    shown = [not c.digit.is_wrong for c in scene.cards]
    assert any(shown) == bool(np.any(correct))
    assert (not all(shown)) == bool(np.any(~correct))
    preview = scene.chapter.step("preview")
    assert [c.digit for c in scene.cards] == list(preview.shows.digits)
    assert (preview.values["right"], preview.values["wrong"]) == (
        shown.count(True),
        shown.count(False),
    )
    assert scene.spoken[-1].step_id.startswith("plan.preview")


def check_layers(scene, net: Network, val: Digits) -> None:
    """A 7 and a 0 read right, then a mistake; or the step chosen says why not."""
    correct = net.predict(val.images) == val.labels
    chapter = scene.chapter
    assert [w.step_id for w in scene.spoken] == step_ids(chapter)
    picks = [chapter.step("more-digit", part) for part in (1, 2, 3)]
    for more, label, key in zip(picks[:2], (7, 0), ("more-digit", "more-digit-next"), strict=True):
        row = more.values["row"]
        assert val.labels[row] == label == more.shows.digit.label
        if np.any(correct[val.labels == label]):
            assert correct[row] and more.key == key
        else:
            assert row == int(np.flatnonzero(val.labels == label)[0])
            assert more.key == "more-digit-all-misread"
    last = picks[2]
    row = last.values["row"]
    others = np.ones(len(val), dtype=bool)
    others[[picks[0].values["row"], picks[1].values["row"]]] = False
    assert others[row]
    if np.any(~correct & others):
        assert not correct[row] and last.key == "more-digit-last"
        assert chapter.step("more-answer", 3).key == "more-answer-wrong"
    else:
        assert correct[row] and last.key == "more-digit-none-wrong"
    # Every answer step is the network's: a wrong one is chosen exactly when it is wrong.
    for step in chapter.steps:
        if step.beat in ("answer", "more-answer"):
            digit = step.shows.digit
            assert step.values["answer"] == digit.prediction == net.predict(digit.pixels)
            assert step.key.endswith("-wrong") == digit.is_wrong


def check_why_layers(scene, net: Network, val: Digits) -> None:
    """Each piece digit is read right, or the plan names its label as always misread and
    the misread variant (with its note, inside the frame, under the panels) is chosen."""
    correct = net.predict(val.images) == val.labels
    pieces = scene.chapter.step("pieces")
    misread = []
    for example in pieces.shows.examples:
        digit = example.digit
        row = int(digit.source.split("#")[1])
        np.testing.assert_array_equal(digit.pixels, val.images[row])
        if np.any(correct[val.labels == digit.label]):
            assert digit.prediction == digit.label
        else:
            assert row == int(np.flatnonzero(val.labels == digit.label)[0])
            assert digit.is_wrong
            misread.append(digit.label)
    assert misread, "these weak networks misread every 9 or 4: the note must be shown"
    assert list(pieces.shows.misread) == misread
    assert pieces.key.startswith("pieces-misread")
    assert pieces.notes["misread"].values["labels"] == misread
    note = scene.misread_text
    assert note is not None
    # Inside the frame, below the panels it speaks of.
    assert note.get_bottom()[1] > -4 and note.width < 14
    assert note.get_top()[1] < scene.panels.get_bottom()[1]
    assert scene.spoken[0].step_id == f"why_layers.{pieces.key}"


CHECKS = {"plan": check_plan, "layers": check_layers, "why_layers": check_why_layers}


# -- fallbacks no real network reaches: said in words all the same ------------------------


def test_layers_says_when_the_network_makes_no_mistake_to_show() -> None:
    """No network trained here is right on every unseen digit; if one were, the step
    before the last digit is the one whose words do not present it as a mistake."""
    script = load_inputs().script
    never_wrong = Example(row=3, label=1, read_right=True, fallback=True)
    wanted = Example(row=3, label=1, read_right=False, fallback=False)
    assert more_key(never_wrong, 3) == "more-digit-none-wrong"
    assert more_key(wanted, 3) == "more-digit-last"
    said = {
        "more-digit-none-wrong": script.words(
            "layers", "more-digit-none-wrong", {"row": 3}, part=3
        ),
        "more-digit-last": script.words("layers", "more-digit-last", {"row": 3}, part=3),
    }
    assert said["more-digit-none-wrong"].headline != said["more-digit-last"].headline


def test_the_shipped_network_takes_no_fallback() -> None:
    """With the default weights every scene picks exactly what it did before the fallbacks."""
    net = load_weights(SHIPPED_WEIGHTS["sigmoid"]).network
    val = bundled_split()[1]
    picks = example_per_label(net, val, [7, 0])
    assert [(e.row, e.fallback) for e in picks] == [(350, False), (0, False)]
    assert example_wrong(net, val, exclude=[350, 0]) == Example(71, 1, False, False)
    assert not any(e.fallback for e in example_per_label(net, val, list(PIECES)))


def test_three_with_a_users_image_does_not_claim_the_networks_guess_is_right(
    use_weights, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A user's image has no label: the untrained network's reading is only a reading."""
    val = bundled_split()[1]
    path = tmp_path / "mine.png"
    Image.fromarray((val.images[0].reshape(IMAGE_SIDE, IMAGE_SIDE) * 255).astype(np.uint8)).save(
        path
    )
    monkeypatch.setenv("LECTURE_DIGIT", str(path))
    net = use_weights("untrained")
    scene = dry_render(recording(SCENES["three"]))
    digit = scene.inputs.digit
    assert digit.label is None and net.predict(digit.pixels) == digit.prediction
    chapter = scene.chapter
    keys = [s.key for s in chapter.steps]
    assert keys[0] == "your-image" and keys[1].startswith("alike-yours")
    assert keys[2:4] == ["other-digits", "the-task"] and keys[4].startswith("answers-yours")
    assert [w.step_id for w in scene.spoken] == step_ids(chapter)
    assert chapter.step("the-digit").values["kind"] == digit.prediction
    # Its answer is not counted right: only the labelled digits are scored.
    labelled = [c for c in [*scene.alike_cards, *scene.others] if c.digit.label is not None]
    wrong = sum(c.digit.is_wrong for c in labelled)
    answers = chapter.step("answers").values
    assert (answers["right"], answers["wrong"]) == (len(labelled) - wrong, wrong)
