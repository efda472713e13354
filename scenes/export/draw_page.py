"""The live page: draw a digit and watch the lecture's own network read it.

``make present`` writes ``draw.html`` beside ``lecture.html``, with everything it needs
in the same folder (it works from ``file://``, offline, from a USB stick):

- ``draw.html``: the page, from the template ``scenes/export/draw/draw.html`` with the
  script's words and the palette and type scale as CSS variables filled in;
- ``draw.css``, ``draw.js``, ``draw-maths.js``: copied as they are from
  ``scenes/export/draw/``; ``draw-maths.js`` holds the mathematics (the drawing made into
  the 28×28 input, the forward pass), apart from the page so that it can be checked on
  its own;
- ``draw-data.js``: what this lecture is, written by the build: both networks' weights and
  biases (little-endian float64, base64: exact), the diagram as the kit draws it (the
  positions are read off ``NetworkDiagram`` itself), the palette, the type scale, the
  preprocessing's constants, the lecture's validation digits, and every word.

``lecture.html`` gets two slides linking to the page (template ``draw/slide.html``): one
after the forward-pass step, one at the end (``DrawPage.slides``).

Nothing is typed in here that the lecture already knows: the weights and the palette come
from ``load_inputs()``, the drawn neurons and pixels from ``lecture.choices``, the
connections kept per neuron from the layers chapter, the overlay's opacity from the
weighted-sum chapter, the box and ink threshold from ``network.image``.

How the page's 28×28 agrees with ``network.image.mnist_style``: the pad's strokes are
painted into a ``PAD_PIXELS``-square grey image (the same size on every screen), which
is what both read; ``draw-maths.js`` repeats ``mnist_style`` operation for operation
(NumPy's medians and pairwise sums, Python's half-to-even round, Pillow's fixed-point
Lanczos resampling, scipy's linear shift and its order of adding the four neighbours),
so the same stroke image gives the same doubles. The one operation that may differ is
the sine inside the Lanczos kernel: the browser's ``Math.sin`` against the C library's
``sin``, each within one ulp. A one-ulp difference moves a kernel weight by about 1e-16;
the weights are rounded to multiples of 2⁻²² before use, so only a weight lying within
1e-16 of a rounding boundary could change, by one step, and a pixel would then move by
1/255 only if its sum also lay within 255 steps of a boundary. Measured: no pixel
differs (the same doubles) on 4,000 random grey images of every kind run through Node
(V8, as in Chromium) while this was built (the 9 without ink refused by both), on 60
more and on every fixture stroke in Chromium in ``tests/test_draw_page.py``. The
activations agree with ``Network.forward`` to 2e-14 at most on the fixture strokes: the
sums are added in another order than NumPy's matrix product, and ``Math.tanh`` is not
glibc's ``tanh``.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import re
import shutil
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lecture.chapters.layers import MORE_LABELS, PER_TARGET, more_examples
from lecture.choices import colour_words, drawn_pixel_cells, hidden_variant
from lecture.inputs import Inputs
from lecture.palette import Palette
from network.data import IMAGE_SIDE
from network.image import BOX, INK_THRESHOLD
from network.model import Network, Trace
from scenes.narration.script import Script, ScriptError

from .catalogue import ExportInputError

__all__ = [
    "ASSETS",
    "DATA",
    "FILES",
    "KEYS",
    "LIVE_NOTES",
    "PAD_PIXELS",
    "PAGE",
    "PEN",
    "SCENE",
    "STATIC_NOTES",
    "DrawPage",
    "near_tie",
    "page_digits",
]

TEMPLATES = Path(__file__).resolve().parent / "draw"
PAGE = "draw.html"
ASSETS = ("draw.css", "draw-maths.js", "draw.js")
DATA = "draw-data.js"
SLIDE = "slide.html"  # the template of lecture.html's slides that open the page
#: Every file the page needs, written beside ``lecture.html``.
FILES = (PAGE, *ASSETS, DATA)

#: The page's table in the script (``[draw.<key>]``): not a scene, but its words live
#: with every other word of the lecture.
SCENE = "draw"
KEYS = frozenset({"page", "slide", "closing", "neuron", "neuron-one", "fan-in", "output"})
#: Notes of ``[draw.page]`` filled once, by the build.
STATIC_NOTES = (
    "pad", "undo", "clear", "relu", "input", "blank", "digits", "back", "diagram", "close",
    "relative", "inspect", "how",
)  # fmt: skip
#: Notes of ``[draw.page]`` the page fills as you draw, and the values each may use. The
#: page's formatter knows ``{name}`` and fixed-point formats such as ``{name:.2f}``.
LIVE_NOTES: dict[str, tuple[str, ...]] = {
    "answer": ("answer", "activation"),
    "label": ("label",),
    "sum": ("sum",),
    "bias": ("bias", "total"),
    "sigmoid": ("activation",),
    "relu-value": ("activation",),
    "neuron-label": ("name", "activation"),
}
_LIVE_SPEC = re.compile(r"(\+?\.\d+f)?")
#: Which live values are text, not numbers (a sample of each kind checks the template).
_TEXT_VALUES = frozenset({"name"})

#: The pad's drawing is read at this many pixels a side, whatever the screen: the same
#: strokes give the same digit on a projector and on a phone (and the tests can redo it).
PAD_PIXELS = 280
#: The pen's width, as a fraction of the pad's side: a digit drawn across most of the pad
#: ends up with strokes about two pixels wide in the 20×20 box, as MNIST's are.
PEN = 1 / 14

#: The diagram as the layers chapter draws it (``scenes/layers.py``): this width and
#: height of columns, in frame units.
DIAGRAM_WIDTH, DIAGRAM_HEIGHT = 8.3, 5.8
#: A Manim stroke width is hundredths of a frame unit (Manim's cairo_line_width_multiple).
LINE_UNIT = 0.01
#: Room beside the output labels for the answer's activation, in frame units.
ANSWER_ROOM = 1.3
DIGITS_PLACES = 4  # decimals kept of the diagram's coordinates (a frame unit is 135 px at 1080p)


def _b64(values: np.ndarray) -> str:
    """Little-endian float64s as base64: exact, and a third smaller than decimal text."""
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def _xy(point: np.ndarray) -> list[float]:
    """A frame point as SVG coordinates (y grows downwards)."""
    return [round(float(point[0]), DIGITS_PLACES), round(float(-point[1]), DIGITS_PLACES)]


def _svg_path(mobject: Any) -> str:
    """A filled VMobject (the brace) as SVG path data, from its own cubic Bézier curves."""
    parts = []
    for member in mobject.family_members_with_points():
        for subpath in member.get_subpaths():
            curves = np.asarray(subpath).reshape(-1, 4, 3)
            start = _xy(curves[0][0])
            parts.append(f"M{start[0]} {start[1]}")
            for curve in curves:
                handles = " ".join(f"{p[0]} {p[1]}" for p in map(_xy, curve[1:]))
                parts.append(f"C{handles}")
            parts.append("Z")
    return "".join(parts)


def _words_of(text: Any) -> str:
    """What a kit's label says (Manim's Text keeps its string, untyped)."""
    return str(text.original_text)


def _answering(answer: int, outputs: int) -> Trace:
    """A trace whose answer is ``answer``: what the kit's answer marker needs."""
    return Trace(zs=(), activations=(np.eye(outputs)[answer],))


def diagram_geometry(net: Network, palette: Palette) -> dict[str, Any]:
    """The network's diagram as the kit draws it, read off ``NetworkDiagram`` itself.

    The page draws the picture the lecture shows, so the positions of the neurons, the
    ⋮, the input brace and the labels are taken from the kit's own object (in frame
    units, y down), not laid out again.
    """
    from manim import DL, UR

    from scenes.kit.diagram import NEURON_STROKE, NetworkDiagram, edge_style

    d = NetworkDiagram(net, palette, width=DIAGRAM_WIDTH, height=DIAGRAM_HEIGHT)
    marker = d.answer_marker(_answering(0, net.sizes[-1]))
    faint, strong = edge_style(0.0, 1.0), edge_style(1.0, 1.0)
    low, high = d.get_corner(DL), d.get_corner(UR)
    dot_radius = float(d.input_dots[0].width) / 2
    counts: list[dict[str, Any]] = [
        {"text": _words_of(d.input_count), "at": _xy(d.input_count.get_center()), "role": "label"}
    ]
    hidden = [i for i in d.elisions if i > 0]
    counts += [
        {"text": _words_of(label), "at": _xy(label.get_center()), "role": "small", "layer": i}
        for i, label in zip(hidden, d.hidden_counts, strict=True)
    ]
    return {
        "drawn": [[int(i) for i in drawn] for drawn in d.drawn],
        "neurons": [[_xy(n.get_center()) for n in layer] for layer in d.layers],
        "radius": d.neuron_radius,
        "stroke": NEURON_STROKE * LINE_UNIT,
        "elisions": [
            {"layer": i, "dots": [_xy(dot.get_center()) for dot in dots], "radius": dot_radius}
            for i, dots in d.elisions.items()
        ],
        "brace": _svg_path(d.input_brace),
        "counts": counts,
        "outputLabels": [
            {"text": _words_of(label), "at": _xy(label.get_center())} for label in d.output_labels
        ],
        "frame": {
            # Manim allows one value per axis or per corner; the kit gives one number.
            "buff": float(np.max(marker.buff)),
            "corner": float(np.max(marker.corner_radius)),
            "stroke": marker.get_stroke_width() * LINE_UNIT,
        },
        "edge": {
            "width": [faint.width * LINE_UNIT, strong.width * LINE_UNIT],
            "opacity": [faint.opacity, strong.opacity],
        },
        "box": [
            round(float(low[0]), DIGITS_PLACES),
            round(float(-high[1]), DIGITS_PLACES),
            round(float(high[0] - low[0]) + ANSWER_ROOM, DIGITS_PLACES),
            round(float(high[1] - low[1]), DIGITS_PLACES),
        ],
    }


def _network(net: Network) -> dict[str, Any]:
    return {
        "sizes": list(net.sizes),
        "activation": net.activation,
        "weights": [_b64(w) for w in net.weights],
        "biases": [_b64(b) for b in net.biases],
    }


# -- the lecture's digits ------------------------------------------------------------------


def near_tie(
    net: Network, images: np.ndarray, labels: np.ndarray, exclude: Sequence[int] = ()
) -> int:
    """The row where the network hesitates most between the true digit and another: of the
    rows whose label is one of its two brightest outputs, the one where those two are
    closest (any row, if no label is ever among the two).

    The first such row on a tie (``np.argmin``), so the pick is the same every time;
    rows in ``exclude`` (digits already offered) are never picked.
    """
    output = np.asarray(net.forward(images).output)
    order = np.argsort(output, axis=1)
    top, second = order[:, -1], order[:, -2]
    rows = np.arange(len(output))
    gap = output[rows, top] - output[rows, second]
    gap[list(exclude)] = np.inf
    between = (labels == top) | (labels == second)
    if np.isfinite(gap[between]).any():
        gap[~between] = np.inf
    return int(np.argmin(gap))


@dataclass(frozen=True)
class PageDigit:
    """A validation digit the page offers: what kind of example it is, and its button."""

    kind: str  # "right", "tie" or "wrong"
    row: int
    label: int
    pixels: np.ndarray
    text: str


def page_digits(inputs: Inputs) -> list[PageDigit]:
    """The lecture's own validation digits, for a lecturer who wants a sure example.

    A right answer and a wrong one are the layers chapter's (the first of its "more"
    digits read right, and the one it misreads); the near tie is the validation digit on
    which the network hesitates most between its true digit and another (``near_tie``).
    A kind the network does not have (it reads every digit right, say) is left out rather
    than shown under a false name.
    """
    validation = inputs.validation()
    examples = more_examples(inputs)
    chosen: list[tuple[str, int]] = []
    right = [e for e in examples if e.read_right and not e.fallback and e.label in MORE_LABELS]
    if right:
        chosen.append(("right", right[0].row))
    wrong = [e for e in examples if not e.read_right and not e.fallback]
    offered = [r for _, r in chosen] + [e.row for e in wrong]
    tie = near_tie(inputs.network, validation.images, validation.labels, offered)
    chosen.append(("tie", tie))
    if wrong:
        chosen.append(("wrong", wrong[0].row))
    script, digits = inputs.script, []
    for kind, row in chosen:
        digit = inputs.validation_digit(row)
        output = digit.trace.output
        first, second = (int(i) for i in np.argsort(output)[::-1][:2])
        said: dict[str, dict[str, Any]] = {
            "right": {"label": digit.label},
            "tie": {"first": first, "second": second},
            "wrong": {"label": digit.label, "answer": digit.prediction},
        }
        values = said[kind]
        text = _note(script, "page", f"digit-{kind}", values)
        assert digit.label is not None  # a validation digit always has its label
        digits.append(PageDigit(kind, row, digit.label, digit.pixels, text))
    return digits


# -- the words -----------------------------------------------------------------------------


def _note(script: Script, key: str, name: str, values: Mapping[str, Any]) -> str:
    try:
        return script.note(SCENE, key, name, values)
    except ScriptError as exc:
        raise ExportInputError(str(exc)) from exc


def _words(script: Script, key: str, values: Mapping[str, Any]) -> tuple[str, str]:
    try:
        words = script.words(SCENE, key, values)
    except ScriptError as exc:
        raise ExportInputError(str(exc)) from exc
    return words.headline, words.narration


def _live(script: Script, name: str, names: Sequence[str]) -> str:
    """A note the page fills as you draw, checked here: every value it is given is used,
    every placeholder has a value, and each is written in a way the page can fill."""
    field = f"note-{name}"
    template = script.steps.get(SCENE, {}).get("page", {}).get(field)
    if template is None:
        raise ExportInputError(f"{script.path}: [{SCENE}.page] has no {field}")
    for _, placeholder, spec, conversion in string.Formatter().parse(template):
        if placeholder is None:
            continue
        if conversion or not _LIVE_SPEC.fullmatch(spec or ""):
            raise ExportInputError(
                f"{script.path}: [{SCENE}.page] {field}: the page fills {{{placeholder}}} as "
                "you draw, so write it plainly or with a fixed-point format such as "
                f"{{{placeholder}:.2f}}"
            )
    _note(script, "page", name, {n: "text" if n in _TEXT_VALUES else 0.5 for n in names})
    return template


def _neuron_words(inputs: Inputs, net: Network, drawn: Sequence[Sequence[int]]) -> list[Any]:
    """Per layer (the input layer has none), what the page says about each drawn neuron a
    reader can tap: its title and one sentence, filled as the script writes them."""
    script = inputs.script
    sizes, hidden = net.sizes, net.sizes[1:-1]
    colours = colour_words(inputs)  # as the script names the palette's colours
    layers: list[Any] = [None]
    for layer in range(1, len(sizes)):
        said: dict[str, dict[str, str]] = {}
        for neuron in drawn[layer]:
            if layer == 1:
                key = hidden_variant("neuron", hidden, mixed="")
                values: dict[str, Any] = {"neuron": neuron, "pixels": sizes[0], **colours}
            else:
                key = "output" if layer == len(sizes) - 1 else "fan-in"
                values = {"neuron": neuron, "inputs": sizes[layer - 1], **colours}
                if key == "fan-in":
                    values["layer"] = layer
            title, text = _words(script, key, values)
            said[str(neuron)] = {"title": title, "text": text}
        layers.append(said)
    return layers


def _check_tables(script: Script) -> None:
    try:
        script.check_scene(SCENE, KEYS)
    except ScriptError as exc:
        raise ExportInputError(str(exc)) from exc


# -- the page ------------------------------------------------------------------------------


def _css_variables(palette: Palette) -> str:
    """The palette and the type scale as CSS custom properties: the page's stylesheet
    names colours and text sizes only through these."""
    from scenes.kit.type_scale import TYPE

    colours = {
        f"--{f.name.replace('_', '-')}": getattr(palette, f.name).to_hex()
        for f in dataclasses.fields(palette)
        if hasattr(getattr(palette, f.name), "to_hex")
    }
    sizes = {f"--type-{name}": value for name, value in dataclasses.asdict(TYPE).items()}
    return " ".join(f"{name}: {value};" for name, value in {**colours, **sizes}.items())


@dataclass(frozen=True)
class DrawPage:
    """The live page of one lecture: its data and words, built (and checked) before any
    rendering, written beside ``lecture.html`` once the presentation is staged."""

    data: dict[str, Any]
    html_words: dict[str, str]
    css: str
    slide_words: dict[str, tuple[str, str, str]]  # key → (headline, narration, link)
    palette: Palette

    @classmethod
    def of(cls, inputs: Inputs) -> DrawPage:
        """Everything the page shows for ``inputs``' networks, palette and script.

        Raises
        ------
        ExportInputError
            If the script's ``[draw.*]`` tables are missing, incomplete or say something
            the page cannot fill (named by file, table and field).
        """
        from scenes.weighted_sum import FAN_IN_WIDTH, OVERLAY_OPACITY

        script, palette = inputs.script, inputs.palette
        # The words first: a mistake in them is reported before anything slow is done.
        _check_tables(script)
        title, intro = _words(
            script, "page", {"side": IMAGE_SIDE, "box": BOX, "pixels": IMAGE_SIDE * IMAGE_SIDE}
        )
        notes = {name: _note(script, "page", name, {}) for name in STATIC_NOTES}
        live = {name: _live(script, name, names) for name, names in LIVE_NOTES.items()}
        slides = {}
        for key in ("slide", "closing"):
            headline, narration = _words(script, key, {})
            slides[key] = (headline, narration, _note(script, key, "link", {}))
        networks = {"sigmoid": inputs.network, "relu": inputs.relu}
        diagrams = {name: diagram_geometry(net, palette) for name, net in networks.items()}
        cells = drawn_pixel_cells()
        data: dict[str, Any] = {
            "language": script.language,
            "rules": {"side": IMAGE_SIDE, "box": BOX, "inkThreshold": INK_THRESHOLD},
            "pad": {"pixels": PAD_PIXELS, "pen": PEN},
            "networks": {name: _network(net) for name, net in networks.items()},
            "diagrams": diagrams,
            "palette": {
                f.name: getattr(palette, f.name).to_hex()
                for f in dataclasses.fields(palette)
                if hasattr(getattr(palette, f.name), "to_hex")
            },
            "perTarget": PER_TARGET,
            "overlayOpacity": OVERLAY_OPACITY,
            "fanInWidth": FAN_IN_WIDTH,
            "rowMarks": [cells[:8], cells[8:]],
            "digits": [
                {"kind": d.kind, "row": d.row, "label": d.label, "text": d.text}
                | {"pixels": _b64(d.pixels)}
                for d in page_digits(inputs)
            ],
            "words": {
                "notes": notes,
                "live": live,
                "neurons": {
                    name: _neuron_words(inputs, net, diagrams[name]["drawn"])
                    for name, net in networks.items()
                },
            },
        }
        html_words = {"title": title, "intro": intro, "language": script.language, **notes}
        return cls(data, html_words, _css_variables(palette), slides, palette)

    def write(self, folder: Path) -> list[str]:
        """Write the page and its files into ``folder``; returns their names."""
        for name in ASSETS:
            shutil.copyfile(TEMPLATES / name, folder / name)
        template = string.Template((TEMPLATES / PAGE).read_text(encoding="utf-8"))
        words = {k.replace("-", "_"): html.escape(v) for k, v in self.html_words.items()}
        page = template.substitute(words, css_variables=self.css)
        (folder / PAGE).write_text(page, encoding="utf-8")
        payload = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))
        (folder / DATA).write_text(f"self.DRAW_DATA = {payload};\n", encoding="utf-8")
        return list(FILES)

    def slides(self, step_names: Sequence[str], height: int) -> list[tuple[int, str]]:
        """The slides of ``lecture.html`` that open the page, each with the index of the
        step it goes before: one after the forward-pass step (when the lecture has it),
        one at the end. ``height`` is the slides' height in pixels (for the type scale)."""
        after = [i + 1 for i, name in enumerate(step_names) if name.endswith(FORWARD_PASS)]
        placed = [(after[0], self._section("slide", "draw", height))] if after else []
        return [*placed, (len(step_names), self._section("closing", "draw-end", height))]

    def _section(self, key: str, anchor: str, height: int) -> str:
        """One slide opening the page (template ``draw/slide.html``): its headline at the
        type scale's formula size and a link at body size, sized for ``height`` pixels."""
        from scenes.kit.type_scale import TYPE

        headline, narration, link = self.slide_words[key]
        px = height / 576  # type-scale points to pixels: the frame is 8 units of 72 points
        template = string.Template((TEMPLATES / SLIDE).read_text(encoding="utf-8"))
        words = {"headline": headline, "narration": narration, "link": link}
        return template.substitute(
            {name: html.escape(text) for name, text in words.items()},
            anchor=anchor,
            page=PAGE,
            height=height,
            gap=round(TYPE.small * px),
            radius=round(TYPE.small * px / 2),
            headline_size=round(TYPE.formula * px),
            link_size=round(TYPE.body * px),
            background=self.palette.background.to_hex(),
            highlight=self.palette.highlight.to_hex(),
            text=self.palette.text.to_hex(),
        ).rstrip("\n")


#: The name of the step after which ``lecture.html`` offers the page: the layers chapter's
#: forward pass (slides are named ``NN-<chapter>-<step>``).
FORWARD_PASS = "-layers-forward-pass"
