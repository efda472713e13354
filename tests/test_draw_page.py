"""The live page (``draw.html``): a drawing becomes the network's input exactly as
``network.image`` makes one, and the page runs the lecture's own networks.

The page is built from ``load_inputs()`` into a temporary folder (no video is rendered)
and driven in Debian's headless chromium through chromium-driver, opened from disk with
every network request blocked. Strokes are drawn with real pointer actions from the
fixture paths of several digits (``fixtures/draw_strokes.json``); the page's drawing,
its 28×28 and its activations are read back and compared with Python's on the same input.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from browser import axe_violations, headless_chromium, until
from german_script import german_script, lecture_script

from lecture.chapters.layers import PER_TARGET
from lecture.choices import drawn_neurons, fan_in_strengths
from lecture.inputs import Inputs, load_inputs
from network.flow import edge_flow
from network.image import mnist_style
from network.model import Network
from scenes.export import present as present_export
from scenes.export.catalogue import ExportInputError
from scenes.export.draw_page import DATA, FILES, PAD_PIXELS, PAGE, STATIC_NOTES, DrawPage
from scenes.export.options import ExportOptions
from scenes.export.present import HTML, INDEX, Step, make_present, write_html
from scenes.export.quality import quality
from scenes.kit.type_scale import TYPE
from scenes.narration.script import load_script
from scenes.weighted_sum import FAN_IN_WIDTH, OVERLAY_OPACITY

STROKES: dict[str, list[list[list[float]]]] = json.loads(
    (Path(__file__).parent / "fixtures" / "draw_strokes.json").read_text(encoding="utf-8")
)["digits"]
#: The digits each drawn with its own kind of pointer (the page treats them alike).
DRAWN = {"0": "mouse", "2": "pen", "3": "mouse", "4": "touch", "7": "mouse", "8": "mouse",
         "small-7": "mouse", "dot": "touch"}  # fmt: skip
#: Page and Python must agree this closely (the targets: 1/255 per pixel, 1e-6 per
#: activation). What was measured is printed by the tests (run with -s) and is 0 and
#: about 1e-15.
PIXEL_TOLERANCE = 1 / 255
ACTIVATION_TOLERANCE = 1e-6


# -- the page, built ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    return load_inputs()


@pytest.fixture(scope="module")
def page(inputs: Inputs) -> DrawPage:
    return DrawPage.of(inputs)


@pytest.fixture(scope="module")
def folder(page: DrawPage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("present")
    page.write(out)
    return out


def test_the_page_and_its_files_are_written_beside_each_other_and_fit_in_two_megabytes(
    page: DrawPage, tmp_path: Path
) -> None:
    written = page.write(tmp_path)
    assert written == list(FILES) and sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    assert sum((tmp_path / name).stat().st_size for name in written) <= 2_000_000
    html = (tmp_path / PAGE).read_text(encoding="utf-8")
    linked = re.findall(r'(?:src|href)="([^"#]+)', html)
    assert set(linked) == {*FILES[1:], "lecture.html"}  # every file it loads is beside it
    assert "$" not in html  # every placeholder of the template filled


def test_the_data_carries_the_lecture_networks_exactly(
    page: DrawPage, inputs: Inputs, folder: Path
) -> None:
    text = (folder / DATA).read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("self.DRAW_DATA = ").removesuffix(";\n"))
    for name, net in (("sigmoid", inputs.network), ("relu", inputs.relu)):
        shipped = data["networks"][name]
        assert shipped["sizes"] == list(net.sizes) and shipped["activation"] == net.activation
        for b64, array in zip(shipped["weights"], net.weights, strict=True):
            decoded = np.frombuffer(base64.b64decode(b64), "<f8")
            assert np.array_equal(decoded, array.reshape(-1))  # bit for bit
    assert data["palette"]["positive"] == inputs.palette.positive.to_hex()
    assert data["perTarget"] == PER_TARGET and data["overlayOpacity"] == OVERLAY_OPACITY


# -- in a real browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium"), log_network=True) as driver:
        yield driver


def _open(driver: Any, page: Path, anchor: str = "") -> None:
    driver.get("about:blank")  # a new page, even when only the #anchor differs
    driver.get_log("performance")  # forget earlier pages' requests
    driver.get(page.as_uri() + anchor)
    until(driver, "return window.DrawPage !== undefined && DrawPage.version > 0")


def _requests(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (its own request log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _no_network(driver: Any) -> None:
    requested = _requests(driver)
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert requested, "the request log is empty: it would not see a request either"
    assert all(u.startswith(("file://", "data:")) for u in [*requested, *resources]), requested


def _draw(driver: Any, strokes: list[list[list[float]]], kind: str = "mouse") -> dict:
    """Draw ``strokes`` on the pad with pointer actions of ``kind``; the page's snapshot."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    before = driver.execute_script("return DrawPage.version")
    left, top, width, height = driver.execute_script(
        "const b = document.getElementById('pad').getBoundingClientRect();"
        "return [b.left, b.top, b.width, b.height];"
    )
    actions = ActionBuilder(driver, mouse=PointerInput(kind, f"{kind}-1"), duration=0)
    pointer = actions.pointer_action
    for stroke in strokes:
        for i, (x, y) in enumerate(stroke):
            pointer.move_to_location(round(left + x * width), round(top + y * height))
            if i == 0:
                pointer.pointer_down()
        pointer.pointer_up()
    actions.perform()
    until(driver, f"return DrawPage.settled && DrawPage.version > {before}")
    return driver.execute_script("return DrawPage.snapshot(true)")


def _clear(driver: Any) -> None:
    driver.execute_script("document.getElementById('clear').click()")
    until(driver, "return DrawPage.settled && DrawPage.snapshot().strokes === 0")


def _python_reads(snapshot: dict) -> np.ndarray:
    raster = np.asarray(snapshot["raster"], dtype=float).reshape(PAD_PIXELS, PAD_PIXELS)
    return mnist_style(raster / 255.0)


def _check_forward(net: Network, snapshot: dict, drawn: list[tuple[int, ...]]) -> float:
    """The page's sums, activations, answer and kept connections against NumPy's on the
    page's own input; returns the largest difference."""
    x = np.asarray(snapshot["input"])
    trace = net.forward(x)
    worst = 0.0
    pairs = [*zip(snapshot["zs"], trace.zs, strict=True)]
    pairs += zip(snapshot["activations"], trace.activations[1:], strict=True)
    for mine, theirs in pairs:
        worst = max(worst, float(np.max(np.abs(np.asarray(mine) - theirs))))
    assert worst <= ACTIVATION_TOLERANCE
    assert snapshot["answer"] == trace.prediction
    for t, kept in enumerate(snapshot["kept"]):
        flow = edge_flow(net, trace, t, drawn[t], drawn[t + 1], PER_TARGET)
        expected = {(j, k, sign): b for j, k, b, sign in flow.pulses()}
        assert {(j, k, sign) for j, k, sign, _ in kept} == set(expected)
        for j, k, sign, brightness in kept:
            assert brightness == pytest.approx(expected[(j, k, sign)], abs=1e-9)
    return worst


@pytest.mark.parametrize("digit", list(DRAWN))
def test_a_drawn_digit_becomes_the_28x28_python_makes_and_the_networks_answer(
    browser: Any, folder: Path, inputs: Inputs, digit: str
) -> None:
    _open(browser, folder / PAGE)
    shot = _draw(browser, STROKES[digit], DRAWN[digit])
    raster = np.asarray(shot["raster"])
    assert shot["strokes"] == len(STROKES[digit]) and raster.max() == 255  # ink on the pad
    expected = _python_reads(shot)
    pixels = float(np.max(np.abs(np.asarray(shot["input"]) - expected)))
    assert pixels <= PIXEL_TOLERANCE
    sizes = inputs.network.sizes
    drawn = [drawn_neurons(sizes, i) for i in range(len(sizes))]
    worst = _check_forward(inputs.network, shot, drawn)
    print(f"{digit}: pixels differ by at most {pixels:.3g}, activations by {worst:.3g}")
    _no_network(browser)


def _random_pictures(count: int, seed: int = 0) -> list[np.ndarray]:
    """Grey pictures of every kind mnist_style meets: any size, bright ink on black or dark
    ink on white, faint ink, specks, blobs the size of the box (no resizing) or narrower
    than it along one side only (one pass of the resampling), all in 8-bit steps."""
    from scipy import ndimage

    rng = np.random.default_rng(seed)
    pictures = []
    for i in range(count):
        h, w = (int(v) for v in rng.integers(3, 160, size=2))
        if i % 7 == 0:
            h, w = 20, int(rng.integers(3, 20))  # already fits the box upright
        picture = np.zeros((h, w))
        for _ in range(int(rng.integers(1, 4))):
            r = np.linspace(rng.integers(0, h), rng.integers(0, h), 100).astype(int)
            c = np.linspace(rng.integers(0, w), rng.integers(0, w), 100).astype(int)
            picture[r, c] = 1
        picture = ndimage.gaussian_filter(picture, rng.uniform(0.3, 3))
        picture = picture / picture.max() * rng.uniform(0.3, 1.0)
        if i % 3 == 1:
            picture = 1 - picture
        pictures.append(np.round(picture * 255) / 255)
    return pictures


def test_the_page_s_preprocessing_is_python_s_on_pictures_of_every_kind(
    browser: Any, folder: Path
) -> None:
    """draw-maths.js against network.image.mnist_style bit for bit, on pictures the pad
    cannot make (other sizes, dark ink on white, faint ink, fits needing one pass)."""
    _open(browser, folder / PAGE)
    pictures = _random_pictures(60)
    made = browser.execute_script(
        """return arguments[0].map(([h, w, values]) => {
          const r = DrawMaths.mnistStyle(Float64Array.from(values), w, h, DRAW_DATA.rules);
          return r && Array.from(r.pixels);
        });""",
        [[p.shape[0], p.shape[1], p.reshape(-1).tolist()] for p in pictures],
    )
    for picture, mine in zip(pictures, made, strict=True):
        assert mine is not None
        assert np.array_equal(np.asarray(mine), mnist_style(picture))  # the same doubles


def test_the_relu_switch_runs_the_relu_network(browser: Any, folder: Path, inputs: Inputs) -> None:
    _open(browser, folder / PAGE)
    sigmoid = _draw(browser, STROKES["5"])
    switch = browser.find_element("id", "relu")
    switch.click()
    until(browser, "return DrawPage.settled && DrawPage.network() === 'relu'")
    relu = browser.execute_script("return DrawPage.snapshot()")
    assert relu["input"] == sigmoid["input"]  # the same drawing, read by the other network
    sizes = inputs.relu.sizes
    _check_forward(inputs.relu, relu, [drawn_neurons(sizes, i) for i in range(len(sizes))])
    assert not np.allclose(relu["activations"][0], sigmoid["activations"][0])
    assert browser.find_element("id", "relative").is_displayed()  # ReLU's brightness, said
    switch.click()
    until(browser, "return DrawPage.settled && DrawPage.network() === 'sigmoid'")
    back = browser.execute_script("return DrawPage.snapshot()")
    assert back["activations"] == sigmoid["activations"]
    _no_network(browser)


def _tap(driver: Any, layer: int, index: int) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    neuron = driver.find_element(
        "css selector", f'#diagram .neuron[data-layer="{layer}"][data-index="{index}"] circle'
    )
    ActionChains(driver, duration=0).move_to_element(neuron).click().perform()
    until(
        driver,
        "const i = document.getElementById('inspector');"
        f"return !i.hidden && i.dataset.layer === '{layer}' && i.dataset.index === '{index}'"
        " && i.dataset.sum !== undefined && DrawPage.settled",
    )


def test_tapping_a_first_layer_neuron_shows_its_real_weights_over_the_drawing(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    _open(browser, folder / PAGE)
    shot = _draw(browser, STROKES["2"], "touch")
    net, neuron = inputs.network, 5
    _tap(browser, 1, neuron)
    x = np.asarray(shot["input"])
    w, b = net.weights[0][neuron], net.biases[0][neuron]
    shown = browser.execute_script("return {...document.getElementById('inspector').dataset}")
    assert float(shown["sum"]) == pytest.approx(float(w @ x), abs=1e-9)
    assert float(shown["bias"]) == b
    trace = net.forward(x)
    assert float(shown["total"]) == pytest.approx(trace.zs[0][neuron], abs=1e-9)
    assert float(shown["activation"]) == pytest.approx(trace.activations[1][neuron], abs=1e-9)
    lines = browser.execute_script(
        "return ['neuron-sum', 'neuron-bias', 'neuron-activation']"
        ".map(id => document.getElementById(id).textContent)"
    )
    assert f"{w @ x:.2f}" in lines[0] and f"{b:.2f}" in lines[1]
    assert f"{trace.activations[1][neuron]:.2f}" in lines[2]
    # The grid, read back from the canvas at every cell's centre: the drawing's grey under
    # this neuron's weights in the palette's colours (Palette.weight_rgb), laid over it.
    cells = browser.execute_script(
        """const c = document.getElementById('weights'), g = c.getContext('2d');
        const d = g.getImageData(0, 0, c.width, c.height).data, out = [];
        for (let r = 0; r < 28; r++) for (let k = 0; k < 28; k++) {
          const x = Math.floor((k + 0.5) * c.width / 28);
          const y = Math.floor((r + 0.5) * c.height / 28);
          const i = (y * c.width + x) * 4; out.push([d[i], d[i + 1], d[i + 2]]);
        }
        return out;"""
    )
    colour = inputs.palette.weight_rgb(w)
    expected = x[:, None] * (1 - OVERLAY_OPACITY) + colour * OVERLAY_OPACITY
    assert np.max(np.abs(np.asarray(cells) - np.round(expected * 255))) <= 1
    other = inputs.palette.weight_rgb(net.weights[0][neuron + 1])  # another neuron's would not do
    wrong = x[:, None] * (1 - OVERLAY_OPACITY) + other * OVERLAY_OPACITY
    assert np.max(np.abs(np.asarray(cells) / 255 - wrong)) > 0.1
    _no_network(browser)


def test_tapping_a_later_neuron_shows_its_fan_in_and_the_output_its_sum(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    _open(browser, folder / PAGE)
    shot = _draw(browser, STROKES["7"])
    net, layer, neuron = inputs.network, 2, 9
    _tap(browser, layer, neuron)
    lines = browser.execute_script(
        "return [...document.querySelectorAll('#fan-in line')].map(l => ["
        "Number(l.dataset.source), Number(l.dataset.weight), l.getAttribute('stroke'),"
        "Number(l.getAttribute('stroke-width'))])"
    )
    sources = drawn_neurons(net.sizes, layer - 1)
    weights = net.weights[layer - 1][neuron]
    assert [s for s, _, _, _ in lines] == list(sources)
    assert [w for _, w, _, _ in lines] == [float(weights[s]) for s in sources]
    palette = inputs.palette
    assert [c for _, _, c, _ in lines] == [
        (palette.positive if weights[s] >= 0 else palette.negative).to_hex() for s in sources
    ]
    widths = np.array([width for _, _, _, width in lines])
    strengths = fan_in_strengths(weights, sources)
    np.testing.assert_allclose(widths, np.maximum(0.004, strengths * FAN_IN_WIDTH / 100))
    x = np.asarray(shot["input"])
    trace = net.forward(x)
    shown = browser.execute_script("return {...document.getElementById('inspector').dataset}")
    assert float(shown["total"]) == pytest.approx(trace.zs[layer - 1][neuron], abs=1e-9)
    _tap(browser, len(net.sizes) - 1, 7)  # an output neuron: its sum through the sigmoid
    shown = browser.execute_script("return {...document.getElementById('inspector').dataset}")
    assert float(shown["activation"]) == pytest.approx(trace.output[7], abs=1e-9)


def test_the_lecture_digits_load_exactly_and_are_read_as_the_network_reads_them(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    _open(browser, folder / PAGE)
    buttons = browser.find_elements("css selector", "#digits button")
    kinds = [b.get_attribute("data-kind") for b in buttons]
    assert kinds == ["right", "tie", "wrong"]  # the shipped network has all three
    for button in buttons:
        button.click()
        row = int(button.get_attribute("data-row"))
        until(browser, f"return DrawPage.settled && DrawPage.snapshot().digit === {row}")
        shot = browser.execute_script("return DrawPage.snapshot()")
        digit = inputs.validation_digit(row)
        assert np.array_equal(np.asarray(shot["input"]), digit.pixels)
        assert shot["answer"] == digit.prediction
        assert button.get_attribute("aria-pressed") == "true"
        kind = button.get_attribute("data-kind")
        output = np.sort(digit.trace.output)
        if kind == "right":
            assert digit.prediction == digit.label
        elif kind == "wrong":
            assert digit.prediction != digit.label
            assert "wrong" in browser.find_element("id", "answer").get_attribute("class")
        else:  # the true digit is one of the two brightest, and no such digit is closer
            assert digit.label in np.argsort(digit.trace.output)[-2:]
            validation = inputs.validation()
            everyone = inputs.network.forward(validation.images).output
            two = np.argsort(everyone, axis=1)[:, -2:]
            torn = (two == validation.labels[:, None]).any(axis=1)
            gaps = np.sort(everyone, axis=1)[torn]
            assert output[-1] - output[-2] == pytest.approx(np.min(gaps[:, -1] - gaps[:, -2]))
    _no_network(browser)


def test_undo_and_clear(browser: Any, folder: Path) -> None:
    _open(browser, folder / PAGE)
    three = _draw(browser, STROKES["3"])
    assert three["strokes"] == 2
    _clear(browser)
    blank = browser.execute_script("return DrawPage.snapshot()")
    assert blank["input"] is None and blank["answer"] is None
    browser.find_element("id", "undo").click()  # the clear undone: the whole 3 again
    until(browser, "return DrawPage.settled && DrawPage.snapshot().strokes === 2")
    assert browser.execute_script("return DrawPage.snapshot()")["input"] == three["input"]
    browser.find_element("id", "undo").click()  # then its second stroke
    until(browser, "return DrawPage.settled && DrawPage.snapshot().strokes === 1")
    browser.find_element("id", "undo").click()
    until(browser, "return DrawPage.settled && DrawPage.snapshot().strokes === 0")
    assert browser.find_element("id", "undo").get_attribute("disabled") == "true"


def test_everything_works_from_the_keyboard(browser: Any, folder: Path, inputs: Inputs) -> None:
    from selenium.webdriver.common.keys import Keys

    _open(browser, folder / PAGE)
    pad = browser.find_element("id", "pad")
    pad.send_keys(*[Keys.ARROW_UP] * 15, Keys.SPACE, *[Keys.ARROW_DOWN] * 30, Keys.SPACE)
    until(browser, "return DrawPage.settled && DrawPage.snapshot().strokes === 1")
    shot = browser.execute_script("return DrawPage.snapshot(true)")
    assert shot["input"] is not None
    assert np.max(np.abs(np.asarray(shot["input"]) - _python_reads(shot))) <= PIXEL_TOLERANCE
    announced = browser.find_element("id", "announce").get_attribute("textContent")
    assert announced.startswith("The network reads")  # the answer, said to a screen reader
    neuron = browser.find_element("css selector", '#diagram .neuron[tabindex="0"]')
    neuron.send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    assert (focused.get_attribute("data-layer"), focused.get_attribute("data-index")) == ("1", "1")
    focused.send_keys(Keys.ARROW_RIGHT, Keys.ENTER)
    until(browser, "return !document.getElementById('inspector').hidden")
    inspected = browser.execute_script("return {...document.getElementById('inspector').dataset}")
    assert inspected["layer"] == "2"
    label = browser.switch_to.active_element.get_attribute("aria-label")
    assert label.startswith(f"Neuron {inspected['index']} of the second hidden layer: ")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    until(browser, "return document.getElementById('inspector').hidden")
    browser.switch_to.active_element.send_keys(Keys.CONTROL, "z")
    until(browser, "return DrawPage.settled && DrawPage.snapshot().strokes === 0")


def test_the_words_sizes_and_colours_are_the_lecture_s(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    _open(browser, folder / PAGE, "#back=draw")
    script = inputs.script
    assert browser.find_element("tag name", "h1").text == script.words("draw", "page", {
        "side": 28, "box": 20, "pixels": 784}).headline  # fmt: skip
    assert browser.title == browser.find_element("tag name", "h1").text
    assert browser.find_element("id", "back").get_attribute("href").endswith("lecture.html#/draw")
    sizes = browser.execute_script(
        """const px = (el) => parseFloat(getComputedStyle(el).fontSize);
        return {width: innerWidth, height: innerHeight,
                h1: px(document.querySelector('h1')), undo: px(document.getElementById('undo')),
                body: px(document.body), answer: px(document.getElementById('answer')),
                background: getComputedStyle(document.body).backgroundColor};"""
    )
    pt = max(0.8, min(sizes["height"] / 576, sizes["width"] / 1024))
    assert sizes["h1"] == pytest.approx(TYPE.headline * pt, abs=0.05)
    assert sizes["undo"] == pytest.approx(TYPE.label * pt, abs=0.05)
    assert sizes["answer"] == pytest.approx(TYPE.label * pt, abs=0.05)
    assert sizes["body"] == pytest.approx(TYPE.small * pt, abs=0.05)
    r, g, b = (round(255 * c) for c in inputs.palette.background.to_rgb())
    assert sizes["background"] == f"rgb({r}, {g}, {b})"


def test_on_a_phone_a_finger_draws_and_nothing_runs_off_the_side(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True},
    )
    try:
        _open(browser, folder / PAGE)
        shot = _draw(browser, STROKES["4"], "touch")
        assert np.max(np.abs(np.asarray(shot["input"]) - _python_reads(shot))) <= PIXEL_TOLERANCE
        wide = browser.execute_script(
            "return [document.documentElement.scrollWidth, innerWidth, "
            "document.getElementById('pad').getBoundingClientRect().width]"
        )
        assert wide[0] <= wide[1] and wide[2] >= 0.8 * wide[1]  # a large pad, no side scroll
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# -- other networks ------------------------------------------------------------------------


def test_any_supported_shape_is_drawn_and_run(
    browser: Any, inputs: Inputs, tmp_path: Path
) -> None:
    """A 784-32-10 sigmoid network and a 784-16-16-16-10 ReLU one (untrained: the page
    does not care what the weights are): the wide layer is drawn 8 + ⋮ + 8 with its count,
    and the switch rebuilds the diagram for the other shape."""
    wide = Network.initialised((784, 32, 10), "sigmoid", seed=1)
    deep = Network.initialised((784, 16, 16, 16, 10), "relu", seed=2)
    other = dataclasses.replace(inputs, network=wide, relu=deep)
    DrawPage.of(other).write(tmp_path)
    _open(browser, tmp_path / PAGE)
    shot = _draw(browser, STROKES["0"])
    _check_forward(wide, shot, [drawn_neurons(wide.sizes, i) for i in range(3)])
    texts = browser.execute_script(
        "return [...document.querySelectorAll('#diagram text')].map(t => t.textContent)"
    )
    assert "32" in texts and "784" in texts
    assert len(browser.find_elements("css selector", '#diagram .neuron[data-layer="1"]')) == 16
    browser.find_element("id", "relu").click()
    until(browser, "return DrawPage.settled && DrawPage.network() === 'relu'")
    relu = browser.execute_script("return DrawPage.snapshot()")
    _check_forward(deep, relu, [drawn_neurons(deep.sizes, i) for i in range(5)])
    _no_network(browser)


# -- the words, and the deck --------------------------------------------------------------


def test_a_live_note_the_page_cannot_fill_is_refused_naming_it(
    inputs: Inputs, tmp_path: Path
) -> None:
    text = inputs.script.path.read_text(encoding="utf-8")
    bad = tmp_path / "en.toml"
    bad.write_text(
        text.replace('note-answer = "The network reads {answer}', 'note-answer = "{answer!w}', 1),
        encoding="utf-8",
    )
    with pytest.raises(ExportInputError, match=r"\[draw.page\] note-answer: the page fills"):
        DrawPage.of(dataclasses.replace(inputs, script=load_script(bad)))
    bad.write_text(re.sub(r"\n\[draw\.output\]\n(.|\n)*", "\n", text), encoding="utf-8")
    with pytest.raises(ExportInputError, match=r"no words for step\(s\) output of scene draw"):
        DrawPage.of(dataclasses.replace(inputs, script=load_script(bad)))


def _step(name: str) -> Step:
    return Step(name, name, f"headline {name}", None, 1.0, False)


def test_lecture_html_opens_the_page_after_the_forward_pass_and_at_the_end(
    page: DrawPage, tmp_path: Path
) -> None:
    steps = [_step(n) for n in ("01-layers-strongest-paths", "02-layers-forward-pass",
                                "03-layers-answer", "04-relu-ahead")]  # fmt: skip
    write_html(
        steps, tmp_path / HTML, 1920, 1080, False, page.slides([s.name for s in steps], 1080)
    )
    html = (tmp_path / HTML).read_text(encoding="utf-8")
    order = re.findall(r'<section id="([^"]+)" data-step|data-step="([^"]+)"', html)
    names = [a or b for a, b in order]
    assert names == ["01-layers-strongest-paths", "02-layers-forward-pass", "draw",
                     "03-layers-answer", "04-relu-ahead", "draw-end"]  # fmt: skip
    assert 'href="draw.html#back=draw"' in html and 'href="draw.html#back=draw-end"' in html
    no_layers = page.slides(["01-relu-ahead"], 480)
    assert [at for at, _ in no_layers] == [1]  # without the forward pass: only at the end


def test_make_present_writes_the_page_beside_lecture_html(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The hook in make_present, with the rendering and the clips left out."""

    def steps(
        outcomes: Any, parts: Path, cache: Path, staging: Path, _described: Any
    ) -> list[Step]:
        made = [_step("01-layers-forward-pass"), _step("02-layers-answer")]
        for step in made:
            for ext in ("mp4", "png"):
                (staging / f"{step.name}.{ext}").write_bytes(b"")
        return made

    monkeypatch.setattr(present_export, "render_all", lambda *args, **kwargs: [])
    monkeypatch.setattr(present_export, "_steps", steps)
    monkeypatch.setattr(present_export, "write_pptx", lambda s, f, target: target.write_bytes(b""))
    out = tmp_path / "present"
    options = ExportOptions(quality("l"), out, jobs=1, stream=io.StringIO())
    make_present([], options, tmp_path / "lecture")
    assert all((out / name).is_file() for name in FILES)
    assert set(FILES) <= set(json.loads((out / INDEX).read_text())["files"])
    html = (out / HTML).read_text(encoding="utf-8")
    assert html.index('data-step="01-layers-forward-pass"') < html.index('id="draw"')
    assert html.index('id="draw"') < html.index('data-step="02-layers-answer"')
    assert html.index('id="draw-end"') > html.index('data-step="02-layers-answer"')
    assert 'href="draw.html#back=draw"' not in (out / "self-running.html").read_text()


# -- accessible, in the script's language ---------------------------------------------


def _said(driver: Any) -> str:
    """What the page shows and announces: its title, its text (not its scripts) and every
    aria-label, joined."""
    return driver.execute_script(
        """const body = document.body.cloneNode(true);
        for (const script of body.querySelectorAll("script")) script.remove();
        const labels = [...document.querySelectorAll("[aria-label]")]
          .map((e) => e.getAttribute("aria-label"));
        return [document.title, body.textContent, ...labels].join(" | ");"""
    )


def _axe_in_every_state(driver: Any, page: Path, inputs: Inputs) -> dict[str, list[str]]:
    """axe-core's findings on the page as people use it: empty, a digit drawn, one of the
    lecture's digits read (the misread one: the answer in the wrong colour), a neuron of
    the first layer and one of a later layer looked inside, the ReLU network; also what
    it said (``_said``) in each state, under ``"said"``."""
    found: dict[str, list[str]] = {}
    said = []
    _open(driver, page)
    found["empty"] = axe_violations(driver)
    said.append(_said(driver))
    _draw(driver, STROKES["3"])
    found["drawn"] = axe_violations(driver)
    driver.find_element("css selector", '#digits button[data-kind="wrong"]').click()
    until(driver, "return DrawPage.settled && DrawPage.snapshot().digit !== null")
    found["misread digit"] = axe_violations(driver)
    said.append(_said(driver))
    _tap(driver, 1, drawn_neurons(inputs.network.sizes, 1)[0])
    found["first-layer neuron"] = axe_violations(driver)
    said.append(_said(driver))
    _tap(driver, 2, drawn_neurons(inputs.network.sizes, 2)[0])
    found["later neuron"] = axe_violations(driver)
    said.append(_said(driver))
    driver.find_element("id", "relu").click()
    until(driver, "return DrawPage.settled && DrawPage.network() === 'relu'")
    found["relu"] = axe_violations(driver)
    said.append(_said(driver))
    return found | {"said": said}


def test_axe_finds_no_violation_on_the_page_empty_drawn_read_and_inspected(
    browser: Any, folder: Path, inputs: Inputs
) -> None:
    found = _axe_in_every_state(browser, folder / PAGE, inputs)
    found.pop("said")
    assert found == {state: [] for state in found}


@pytest.fixture(scope="module", params=["de-fixture", "de"])
def german(
    request: pytest.FixtureRequest, inputs: Inputs, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Inputs, Path]:
    """The page in German: from the English script with the pages' words in German, and
    from ``scenes/script/de.toml`` once it has them."""
    folder = tmp_path_factory.mktemp(f"draw-{request.param}")
    if request.param == "de":
        path = lecture_script()
    else:
        path = german_script(inputs.script.path, folder / "de.toml")
    german = dataclasses.replace(inputs, script=load_script(path))
    DrawPage.of(german).write(folder)
    return german, folder


def test_the_page_in_german_says_german_words_with_no_violation(
    browser: Any, german: tuple[Inputs, Path], inputs: Inputs
) -> None:
    deutsch, folder = german
    script, english = deutsch.script, inputs.script
    found = _axe_in_every_state(browser, folder / PAGE, deutsch)
    said = found.pop("said")
    assert found == {state: [] for state in found}
    assert browser.execute_script("return document.documentElement.lang") == "de"
    title = script.words("draw", "page", {"side": 28, "box": 20, "pixels": 784}).headline
    assert browser.title == title
    notes = {name: script.note("draw", "page", name, {}) for name in STATIC_NOTES}
    assert browser.find_element("id", "undo").text == notes["undo"]
    assert notes["relu"] in said[-1] and notes["digits"] in said[0]
    answer = script.table("draw")["page"]["note-answer"].split("{")[0]
    assert browser.find_element("id", "answer").text.startswith(answer)  # filled as you draw
    for name in STATIC_NOTES:  # no English word left where the German differs
        word = english.note("draw", "page", name, {})
        if word != notes[name]:
            assert not any(word in text for text in said), f"{name}: {word!r} left in English"
