/* The live page: a pad to draw on, the 28×28 the network reads, the lecture's diagram lit
 * by the drawing, and one neuron looked inside. The mathematics is draw-maths.js; the
 * lecture's data (weights, diagram, palette, words) is draw-data.js, written by
 * scenes/export/draw_page.py. Nothing here is fetched: the page works from file://.
 *
 * One update (the drawing read, made into the 28×28, run through the network, and every
 * picture redrawn) runs at most once a frame, however fast the pointer moves.
 */
(function () {
  "use strict";

  const DATA = self.DRAW_DATA;
  const M = self.DrawMaths;
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const words = DATA.words;
  const palette = DATA.palette;
  const side = DATA.rules.side;

  const networks = {};
  for (const [name, net] of Object.entries(DATA.networks)) {
    networks[name] = {
      sizes: net.sizes,
      activation: net.activation,
      weights: net.weights.map(M.float64s),
      biases: net.biases.map(M.float64s),
    };
  }
  const digits = DATA.digits.map((d) => ({ ...d, pixels: M.float64s(d.pixels) }));

  // -- words ------------------------------------------------------------------------------

  /** Python's f"{x:.Nf}": JavaScript's toFixed, except that an exact tie goes to the even
   *  digit (toFixed rounds it up), so the page writes what the lecture would. */
  function fixed(x, places, plus) {
    const scale = 10 ** places;
    const scaled = Math.abs(x) * scale;
    let text;
    if (Number.isInteger(scaled - 0.5) && scaled / scale === Math.abs(x)) {
      const down = Math.floor(scaled);
      const even = down % 2 === 0 ? down : down + 1;
      text = (x < 0 ? "-" : "") + (even / scale).toFixed(places);
    } else {
      text = x.toFixed(places);
    }
    return plus && x >= 0 ? `+${text}` : text;
  }

  /** A live note of the script filled with values: {name} or {name:.2f} (the build checks
   *  that the script uses nothing else). */
  function fill(template, values) {
    return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)(?::(\+)?\.(\d+)f)?\}/g,
      (_, name, plus, places) => {
        const value = values[name];
        return places === undefined ? String(value) : fixed(value, Number(places), plus);
      });
  }

  // -- state ------------------------------------------------------------------------------

  /** What is on the pad: strokes (lists of [x, y] in 0…1) or a digit of the lecture's. */
  let current = { strokes: [], digit: null };
  const history = [];
  let stroke = null;  // the stroke being drawn (the last of current.strokes)
  let strokePointer = null;
  let networkName = "sigmoid";
  let selected = null;  // {layer, index}: the neuron looked inside
  let result = null;
  let pending = false;
  let version = 0;
  const timings = [];  // each update's milliseconds
  const phases = [];  // and its parts: [read the pad, make the 28×28, forward pass, redraw]
  const pen = { x: 0.5, y: 0.5, down: false, shown: false };  // the keyboard's pen

  // -- the pad ----------------------------------------------------------------------------

  const pad = $("pad");
  const padContext = pad.getContext("2d");
  const raster = document.createElement("canvas");
  raster.width = raster.height = DATA.pad.pixels;
  const rasterContext = raster.getContext("2d", { willReadFrequently: true });
  const cell = document.createElement("canvas");  // a 28×28 picture, drawn scaled up
  cell.width = cell.height = side;
  const cellContext = cell.getContext("2d");

  function paintStrokes(context, size) {
    context.fillStyle = "#000";
    context.fillRect(0, 0, size, size);
    context.strokeStyle = context.fillStyle = "#fff";
    context.lineWidth = DATA.pad.pen * size;
    context.lineCap = context.lineJoin = "round";
    for (const points of current.strokes) {
      if (points.length === 1) {
        context.beginPath();
        const [x, y] = points[0];
        context.arc(x * size, y * size, context.lineWidth / 2, 0, 2 * Math.PI);
        context.fill();
        continue;
      }
      context.beginPath();
      context.moveTo(points[0][0] * size, points[0][1] * size);
      for (const [x, y] of points.slice(1)) context.lineTo(x * size, y * size);
      context.stroke();
    }
  }

  /** A 28×28 grey picture (values 0…1) drawn into `context`, `size` pixels a side. */
  function paintGrey(context, size, pixels) {
    const image = cellContext.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const v = Math.round((pixels ? pixels[i] : 0) * 255);
      image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    cellContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(cell, 0, 0, size, size);
  }

  /** Each canvas's size on screen, kept by a ResizeObserver: reading it from the layout
   *  in every update would make the browser lay the page out mid-update. */
  const shownSize = new WeakMap();
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      shownSize.set(entry.target, [entry.contentRect.width, entry.contentRect.height]);
    }
    schedule();
  });

  function fitCanvas(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const known = shownSize.get(canvas);  // none yet, or 0 while it was hidden: ask the page
    const [shownWidth, shownHeight] =
      known && known[0] > 0 ? known : [canvas.clientWidth, canvas.clientHeight];
    const width = Math.max(1, Math.round(shownWidth * ratio));
    const height = Math.max(1, Math.round(shownHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    return [width, height];
  }

  /** What the pad shows already: while a stroke grows, only its new segments are drawn
   *  (the picture is the same; the drawing the network reads is always drawn whole). */
  let padShows = { state: null, size: 0, points: 0, pen: false };

  function drawPad() {
    const [size] = fitCanvas(pad);
    const last = current.strokes[current.strokes.length - 1];
    const growing = padShows.state === current && padShows.size === size && !pen.shown
      && !padShows.pen && last === stroke && stroke && padShows.points > 0;
    if (growing) {
      padContext.strokeStyle = "#fff";
      padContext.lineWidth = DATA.pad.pen * size;
      padContext.lineCap = padContext.lineJoin = "round";
      padContext.beginPath();
      const [x, y] = stroke[padShows.points - 1];
      padContext.moveTo(x * size, y * size);
      for (let i = padShows.points; i < stroke.length; i++) {
        padContext.lineTo(stroke[i][0] * size, stroke[i][1] * size);
      }
      padContext.stroke();
    } else if (current.digit) {
      paintGrey(padContext, size, current.digit.pixels);
    } else {
      paintStrokes(padContext, size);
    }
    padShows = { state: current, size, points: last ? last.length : 0, pen: pen.shown };
    if (pen.shown) {
      padContext.strokeStyle = palette.highlight;
      padContext.lineWidth = Math.max(2, size / 200);
      padContext.beginPath();
      const ring = (DATA.pad.pen * size) / 2 + size / 100;
      padContext.arc(pen.x * size, pen.y * size, ring, 0, 2 * Math.PI);
      padContext.stroke();
    }
    $("pad-hint").hidden = current.strokes.length > 0 || current.digit !== null;
  }

  let padBox = null;  // where the pad is, taken as a stroke starts

  function padPoint(event) {
    const box = padBox || pad.getBoundingClientRect();
    const clamp = (v) => Math.min(1, Math.max(0, v));
    return [
      clamp((event.clientX - box.left) / box.width),
      clamp((event.clientY - box.top) / box.height),
    ];
  }

  function change(next) {
    history.push(current);
    current = next;
  }

  function beginStroke(point) {
    stroke = [point];
    const kept = current.digit ? [] : current.strokes;  // a lecture digit is drawn over afresh
    change({ strokes: [...kept, stroke], digit: null });
    schedule();
  }

  function extendStroke(point) {
    if (!stroke) return;
    const last = stroke[stroke.length - 1];
    if (last[0] === point[0] && last[1] === point[1]) return;
    stroke.push(point);
    schedule();
  }

  function endStroke() {
    if (!stroke) return;
    stroke = null;
    strokePointer = null;
    schedule(true);
  }

  function undo() {
    if (!history.length) return;
    stroke = null;
    strokePointer = null;
    pen.down = false;
    current = history.pop();
    schedule(true);
  }

  function clear() {
    if (!current.strokes.length && !current.digit) return;
    stroke = null;
    pen.down = false;
    change({ strokes: [], digit: null });
    schedule(true);
  }

  function loadDigit(digit) {
    stroke = null;
    pen.down = false;
    change({ strokes: [], digit });
    schedule(true);
  }

  pad.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    if (strokePointer !== null) return;  // a second finger does not start a second stroke
    event.preventDefault();
    pen.shown = false;
    pad.setPointerCapture(event.pointerId);
    strokePointer = event.pointerId;
    padBox = pad.getBoundingClientRect();
    beginStroke(padPoint(event));
  });
  pad.addEventListener("pointermove", (event) => {
    if (event.pointerId !== strokePointer) return;
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const each of events.length ? events : [event]) extendStroke(padPoint(each));
  });
  for (const type of ["pointerup", "pointercancel"]) {
    pad.addEventListener(type, (event) => {
      if (event.pointerId === strokePointer) endStroke();
    });
  }

  /** Drawing with the keyboard: the arrows move a pen (Shift: finely), Space or Enter puts
   *  it down or lifts it, Escape lifts it. */
  pad.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 0.005 : 0.02;
    const moves = {
      ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step],
    };
    if (event.key in moves) {
      event.preventDefault();
      pen.shown = true;
      pen.x = Math.min(1, Math.max(0, pen.x + moves[event.key][0]));
      pen.y = Math.min(1, Math.max(0, pen.y + moves[event.key][1]));
      if (pen.down) extendStroke([pen.x, pen.y]);
      else schedule();
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      pen.shown = true;
      pen.down = !pen.down;
      if (pen.down) beginStroke([pen.x, pen.y]);
      else endStroke();
    } else if (event.key === "Escape" && pen.down) {
      event.preventDefault();
      event.stopPropagation();
      pen.down = false;
      endStroke();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      clear();
    }
  });
  pad.addEventListener("blur", () => {
    if (pen.down) { pen.down = false; endStroke(); }
    pen.shown = false;
    schedule();
  });

  $("undo").addEventListener("click", undo);
  $("clear").addEventListener("click", clear);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z") {
      event.preventDefault();
      undo();
    } else if (event.key === "Escape" && selected) {
      const from = selected;
      select(null);
      focusNeuron(from.layer, from.index);
    }
  });

  const digitButtons = digits.map((digit) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = digit.text;
    button.dataset.kind = digit.kind;
    button.dataset.row = digit.row;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => loadDigit(digit));
    $("digits").append(button);
    return button;
  });
  if (!digits.length) $("digits").hidden = true;

  const reluSwitch = $("relu");
  reluSwitch.addEventListener("change", () => {
    networkName = reluSwitch.checked ? "relu" : "sigmoid";
    buildDiagram();
    if (selected && !diagram.drawn[selected.layer]?.includes(selected.index)) select(null);
    $("relative").hidden = networkName !== "relu";
    schedule(true);
  });

  // -- the diagram ------------------------------------------------------------------------

  const svg = $("diagram");
  let diagram = null;  // the built picture of the current network

  function node(name, attributes = {}, parent = null) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (parent) parent.append(element);
    return element;
  }

  /** Text at a type-scale role, sized in frame units: type size / 72 (as the lecture
   *  draws it), but never under a legible size in pixels when the picture is small. */
  function fontUnits(role) {
    const box = svg.getBoundingClientRect();
    const { width, height } = svg.viewBox.baseVal;
    const perUnit = box.width > 0 ? Math.min(box.width / width, box.height / height) : 100;
    const legible = 16;  // pixels
    return Math.max(DATA.type[role] / 72, legible / perUnit);
  }

  function buildDiagram() {
    const g = DATA.diagrams[networkName];
    const net = networks[networkName];
    svg.replaceChildren();
    const [x, y, width, height] = g.box;
    svg.setAttribute("viewBox", `${x} ${y} ${width} ${height}`);  // sizeTexts fits it
    for (const elision of g.elisions) {
      for (const [cx, cy] of elision.dots) {
        node("circle", { cx, cy, r: elision.radius, fill: palette.text }, svg);
      }
    }
    node("path", { d: g.brace, fill: palette.muted }, svg);
    const texts = [];
    for (const count of g.counts) {
      const text = node("text", {
        x: count.at[0], y: count.at[1], fill: count.role === "label" ? palette.text : palette.muted,
        "text-anchor": "middle", "dominant-baseline": "central",
      }, svg);
      text.textContent = count.text;
      texts.push([text, count.role]);
    }
    const neurons = g.neurons.map((layer, l) => layer.map(([cx, cy], i) => {
      const index = g.drawn[l][i];
      const group = node("g", {
        class: l ? "neuron" : "input-neuron", "data-layer": l, "data-index": index,
      }, svg);
      if (l) {
        group.setAttribute("role", "button");
        group.setAttribute("tabindex", "-1");
        group.setAttribute("aria-pressed", "false");
      }
      // Its fill is painted on the canvas below (drawCanvasLayer); this transparent one is
      // what a tap or a click finds, and its ring is drawn here.
      const circle = node("circle", {
        class: "ring", cx, cy, r: g.radius, fill: palette.neuron_fill, "fill-opacity": 0,
        stroke: palette.neuron_stroke, "stroke-width": g.stroke,
      }, group);
      return { group, circle, cx, cy, index };
    }));
    const labels = g.outputLabels.map((label) => {
      const text = node("text", {
        x: label.at[0], y: label.at[1], fill: palette.text,
        "text-anchor": "middle", "dominant-baseline": "central",
      }, svg);
      text.textContent = label.text;
      texts.push([text, "label"]);
      return text;
    });
    const frame = node("rect", {
      fill: "none", "stroke-width": g.frame.stroke, rx: g.frame.corner, visibility: "hidden",
    }, svg);
    const value = node("text", { "dominant-baseline": "central", visibility: "hidden" }, svg);
    texts.push([value, "value"]);
    diagram = { g, net, neurons, labels, frame, value, texts, drawn: g.drawn };
    for (let l = 1; l < neurons.length; l++) {
      for (const n of neurons[l]) {
        n.group.addEventListener("click", () => select({ layer: l, index: n.index }));
        n.group.addEventListener("keydown", (event) => neuronKey(event, l, n.index));
      }
    }
    roving(1, diagram.drawn[1][0]);
    sizeTexts();
  }

  /** The texts at their sizes for the picture's size now, and the picture widened if the
   *  answer's activation would not fit beside the frame at that size (a small screen
   *  enlarges the texts). Two rounds: widening shrinks the picture a little. */
  function sizeTexts() {
    if (!diagram) return;
    const [x, y, width, height] = diagram.g.box;
    const margin = 0.1;
    for (let round = 0; round < 2; round++) {
      for (const [text, role] of diagram.texts) text.setAttribute("font-size", fontUnits(role));
      diagram.labelBoxes = diagram.labels.map((label) => label.getBBox());  // kept until resized
      const shown = diagram.value.textContent;
      diagram.value.textContent = "0.00";
      const room = diagram.value.getBBox().width;
      diagram.value.textContent = shown;
      const labelsEnd = Math.max(...diagram.labelBoxes.map((b) => b.x + b.width));
      const end = Math.max(x + width, labelsEnd + diagram.g.frame.buff + 0.12 + room);
      const [shownWidth, shownHeight] = [end - x + 2 * margin, height + 2 * margin];
      svg.setAttribute("viewBox", `${x - margin} ${y - margin} ${shownWidth} ${shownHeight}`);
      $("diagram-box").style.setProperty("--diagram-aspect", String(shownWidth / shownHeight));
    }
  }

  /** One neuron of the diagram in the Tab order at a time; the arrows move between them. */
  function roving(layer, index) {
    for (let l = 1; l < diagram.neurons.length; l++) {
      for (const n of diagram.neurons[l]) {
        n.group.setAttribute("tabindex", l === layer && n.index === index ? "0" : "-1");
      }
    }
  }

  function focusNeuron(layer, index) {
    const n = diagram.neurons[layer]?.find((each) => each.index === index);
    if (!n) return;
    roving(layer, index);
    n.group.focus();
  }

  function neuronKey(event, layer, index) {
    const column = diagram.drawn[layer];
    const at = column.indexOf(index);
    let target = null;
    if (event.key === "ArrowDown") target = [layer, column[Math.min(column.length - 1, at + 1)]];
    else if (event.key === "ArrowUp") target = [layer, column[Math.max(0, at - 1)]];
    else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const next = layer + (event.key === "ArrowRight" ? 1 : -1);
      if (next >= 1 && next < diagram.drawn.length) {
        const other = diagram.drawn[next];
        const across = Math.round((at * (other.length - 1)) / Math.max(1, column.length - 1));
        target = [next, other[Math.min(other.length - 1, across)]];
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const open = selected && selected.layer === layer && selected.index === index;
      select(open ? null : { layer, index });
      return;
    }
    if (target) {
      event.preventDefault();
      focusNeuron(target[0], target[1]);
    }
  }

  /** What each drawn connection passes on and which are kept: network/flow.py's edge_flow
   *  (each target keeps its perTarget largest |w·a|, ties to the lower source, zeros never;
   *  brightness is |w·a| over the largest kept one of the transition). */
  function flows(net, trace) {
    const out = [];
    for (let t = 0; t < net.weights.length; t++) {
      const sources = diagram.drawn[t];
      const targets = diagram.drawn[t + 1];
      const nIn = net.sizes[t];
      const a = trace.activations[t];
      const kept = [];
      let top = 0;
      targets.forEach((target, j) => {
        const row = sources.map((source, k) => [
          k, net.weights[t][target * nIn + source] * a[source],
        ]);
        row.sort((p, q) => Math.abs(q[1]) - Math.abs(p[1]) || p[0] - q[0]);
        for (const [k, value] of row.slice(0, DATA.perTarget)) {
          if (value === 0) continue;
          kept.push({ target: j, source: k, value });
          top = Math.max(top, Math.abs(value));
        }
      });
      for (const edge of kept) edge.brightness = top > 0 ? Math.abs(edge.value) / top : 0;
      out.push(kept);
    }
    return out;
  }

  /** Fill opacity of each neuron: its activation, or relative to the brightest of its layer
   *  when that exceeds one (ReLU), as the kit's NetworkDiagram.brightness. */
  function brightness(values) {
    let top = 1.0;
    for (const v of values) if (v > top) top = v;
    return (v) => v / top;
  }

  /** setAttribute, skipped when the value is already there: every attribute written
   *  costs the browser style work, and most do not change from one frame to the next. */
  const written = new WeakMap();
  function put(element, values) {
    let had = written.get(element);
    if (!had) written.set(element, (had = {}));
    for (const [name, value] of Object.entries(values)) {
      if (had[name] !== value) {
        had[name] = value;
        element.setAttribute(name, value);
      }
    }
  }

  const edgesCanvas = $("edges");
  const edgesContext = edgesCanvas.getContext("2d");

  /** What changes with every stroke, painted on the canvas under the diagram's outlines
   *  (a canvas repaints without the page's style or layout being worked out again):
   *  - the kept connections, each from its source's right to its target's left (as the
   *    kit's Line), in the sign's colour, as wide and opaque as edge_style draws one of
   *    that strength (its |w·a| over the largest kept one of its layer);
   *  - each neuron filled as bright as its activation (NetworkDiagram.brightness).
   *  The canvas maps the diagram's units as the SVG above it does (viewBox, centred). */
  function drawCanvasLayer(trace) {
    const kept = trace ? result.flows : [];
    const [width, height] = fitCanvas(edgesCanvas);
    const box = svg.viewBox.baseVal;
    const scale = Math.min(width / box.width, height / box.height);
    const dx = (width - box.width * scale) / 2 - box.x * scale;
    const dy = (height - box.height * scale) / 2 - box.y * scale;
    const d = diagram;
    const { edge, radius } = d.g;
    edgesContext.setTransform(1, 0, 0, 1, 0, 0);
    edgesContext.clearRect(0, 0, width, height);
    edgesContext.setTransform(scale, 0, 0, scale, dx, dy);
    edgesContext.lineCap = "round";
    kept.forEach((edges, t) => {
      for (const e of edges) {
        const from = d.neurons[t][e.source];
        const to = d.neurons[t + 1][e.target];
        const s = e.brightness;
        edgesContext.globalAlpha = edge.opacity[0] + (edge.opacity[1] - edge.opacity[0]) * s;
        edgesContext.strokeStyle = e.value > 0 ? palette.positive : palette.negative;
        edgesContext.lineWidth = edge.width[0] + (edge.width[1] - edge.width[0]) * s;
        edgesContext.beginPath();
        edgesContext.moveTo(from.cx + radius, from.cy);
        edgesContext.lineTo(to.cx - radius, to.cy);
        edgesContext.stroke();
      }
    });
    edgesContext.fillStyle = palette.neuron_fill;
    if (trace) {
      d.neurons.forEach((layer, l) => {
        const values = trace.activations[l];
        const bright = brightness(values);
        for (const n of layer) {
          edgesContext.globalAlpha = bright(values[n.index]);
          edgesContext.beginPath();
          edgesContext.arc(n.cx, n.cy, radius, 0, 2 * Math.PI);
          edgesContext.fill();
        }
      });
    }
    edgesContext.globalAlpha = 1;
  }

  function drawDiagram() {
    const d = diagram;
    const trace = result.trace;
    const say = !stroke;  // the neurons' labels for screen readers: once a stroke ends
    drawCanvasLayer(trace);
    d.neurons.forEach((layer, l) => {
      const values = trace ? trace.activations[l] : null;
      for (const n of layer) {
        const activation = values ? values[n.index] : 0;
        if (l) {
          const on = !!selected && selected.layer === l && selected.index === n.index;
          put(n.group, { "aria-pressed": String(on) });
          if (say) {
            const name = words.neurons[networkName][l][n.index].title;
            put(n.group, { "aria-label": fill(words.live["neuron-label"], { name, activation }) });
          }
        }
      }
    });
    if (!trace) {
      put(d.frame, { visibility: "hidden" });
      put(d.value, { visibility: "hidden" });
      return;
    }
    // The answer framed as the kit's answer_marker frames it: around the output neuron
    // and its label, with the activation beside the frame.
    const answer = result.answer;
    const output = d.neurons[d.neurons.length - 1][answer];
    const label = d.labelBoxes[answer];
    const r = d.g.radius;
    // A text's box runs from its font's ascent to its descent; the kit frames the ink of
    // the digit, which stands about 0.36 em either side of the centre line.
    const ink = 0.36 * Number(d.labels[answer].getAttribute("font-size"));
    const left = Math.min(output.cx - r, label.x);
    const right = Math.max(output.cx + r, label.x + label.width);
    const top = Math.min(output.cy - r, output.cy - ink);
    const bottom = Math.max(output.cy + r, output.cy + ink);
    const buff = d.g.frame.buff;
    const colour = result.wrong ? palette.wrong : palette.highlight;
    put(d.frame, {
      x: left - buff, y: top - buff,
      width: right - left + 2 * buff, height: bottom - top + 2 * buff,
      stroke: colour, visibility: "visible",
    });
    put(d.value, { x: right + buff + 0.12, y: output.cy, fill: colour, visibility: "visible" });
    const value = fixed(trace.activations[trace.activations.length - 1][answer], 2);
    if (d.value.textContent !== value) d.value.textContent = value;
  }

  // -- what the network reads ---------------------------------------------------------------

  const thumb = $("input");
  const thumbContext = thumb.getContext("2d");

  function drawThumb() {
    const [size] = fitCanvas(thumb);
    thumbContext.clearRect(0, 0, size, size);
    paintGrey(thumbContext, size, result.input);
    const unit = size / side;
    thumbContext.strokeStyle = palette.highlight;
    thumbContext.lineWidth = Math.max(1, unit / 6);
    for (const cells of DATA.rowMarks) {
      const rows = cells.map((c) => c[0]);
      const cols = cells.map((c) => c[1]);
      const pad_ = unit * 0.15;
      thumbContext.strokeRect(
        Math.min(...cols) * unit - pad_, Math.min(...rows) * unit - pad_,
        (Math.max(...cols) - Math.min(...cols) + 1) * unit + 2 * pad_,
        (Math.max(...rows) - Math.min(...rows) + 1) * unit + 2 * pad_,
      );
    }
  }

  // -- one neuron, looked inside --------------------------------------------------------------

  const inspector = $("inspector");
  const weightsCanvas = $("weights");
  const weightsContext = weightsCanvas.getContext("2d");
  const fanIn = $("fan-in");
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

  function select(which) {
    selected = which;
    inspector.hidden = !which;
    $("about").hidden = !!which;
    if (which) roving(which.layer, which.index);
    schedule();
  }

  $("close").addEventListener("click", () => {
    const from = selected;
    select(null);
    if (from) focusNeuron(from.layer, from.index);
  });

  /** The neuron's weights over the drawing: each pixel's grey under its weight's colour
   *  (hue by sign, brightness ∝ |w| / the largest |w|, as Palette.weight_rgb), laid over at
   *  the weighted-sum chapter's opacity. */
  function drawWeightGrid(w, nIn, index, input) {
    const [size] = fitCanvas(weightsCanvas);
    const image = cellContext.createImageData(side, side);
    let top = 0;
    for (let p = 0; p < nIn; p++) top = Math.max(top, Math.abs(w[index * nIn + p]));
    const positive = rgb(palette.positive);
    const negative = rgb(palette.negative);
    const alpha = DATA.overlayOpacity;
    for (let p = 0; p < nIn; p++) {
      const weight = w[index * nIn + p];
      const strength = top > 0 ? Math.min(Math.abs(weight) / top, 1) : 0;
      const hue = weight >= 0 ? positive : negative;
      const grey = input ? input[p] : 0;
      for (let c = 0; c < 3; c++) {
        image.data[p * 4 + c] = Math.round((grey * (1 - alpha) + hue[c] * strength * alpha) * 255);
      }
      image.data[p * 4 + 3] = 255;
    }
    cellContext.putImageData(image, 0, 0);
    weightsContext.imageSmoothingEnabled = false;
    weightsContext.drawImage(cell, 0, 0, size, size);
  }

  /** A later neuron's fan-in: the drawn neurons of the layer before, each joined to it by
   *  a line as thick as |w| over the largest drawn |w| (lecture.choices.fan_in_strengths),
   *  in the sign's colour; each neuron as bright as its activation. */
  function drawFanIn(layer, index) {
    const net = networks[networkName];
    const sources = diagram.drawn[layer - 1];
    const nIn = net.sizes[layer - 1];
    const w = sources.map((s) => net.weights[layer - 1][index * nIn + s]);
    const top = Math.max(...w.map(Math.abs));
    const values = result.trace ? result.trace.activations[layer - 1] : null;
    const bright = values ? brightness(values) : () => 0;
    const targetValues = result.trace ? result.trace.activations[layer] : null;
    fanIn.replaceChildren();
    fanIn.setAttribute("viewBox", "0 0 4 4");
    const r = 0.14;
    const gap = Math.min(3.6 / Math.max(1, sources.length - 1), 0.5);
    const y0 = 2 - (gap * (sources.length - 1)) / 2;
    const widest = DATA.fanInWidth * 0.01;
    sources.forEach((source, k) => {
      const y = y0 + k * gap;
      const strength = top > 0 ? Math.abs(w[k]) / top : 0;
      node("line", {
        x1: 0.6 + r, y1: y, x2: 3.4 - r, y2: 2,
        stroke: w[k] >= 0 ? palette.positive : palette.negative,
        "stroke-width": Math.max(0.004, widest * strength),
        "data-source": source, "data-weight": w[k],
      }, fanIn);
    });
    sources.forEach((source, k) => {
      node("circle", {
        cx: 0.6, cy: y0 + k * gap, r, fill: palette.neuron_fill,
        "fill-opacity": values ? bright(values[source]) : 0,
        stroke: palette.neuron_stroke, "stroke-width": 0.016,
      }, fanIn);
    });
    node("circle", {
      cx: 3.4, cy: 2, r: r * 1.6, fill: palette.neuron_fill,
      "fill-opacity": targetValues ? brightness(targetValues)(targetValues[index]) : 0,
      stroke: palette.highlight, "stroke-width": 0.03,
    }, fanIn);
  }

  function drawInspector() {
    if (!selected) return;
    const { layer, index } = selected;
    const net = networks[networkName];
    const said = words.neurons[networkName][layer][index];
    $("neuron-title").textContent = said.title;
    $("neuron-text").textContent = said.text;
    const first = layer === 1;
    weightsCanvas.hidden = !first;
    fanIn.toggleAttribute("hidden", first);  // an SVG element has no .hidden property
    weightsCanvas.setAttribute("aria-label", said.text);
    fanIn.setAttribute("aria-label", said.text);
    const nIn = net.sizes[layer - 1];
    if (first) drawWeightGrid(net.weights[0], nIn, index, result.input);
    else drawFanIn(layer, index);
    const numbers = [$("neuron-sum"), $("neuron-bias"), $("neuron-activation")];
    const trace = result.trace;
    inspector.dataset.layer = layer;
    inspector.dataset.index = index;
    if (!trace) {
      numbers.forEach((p) => { p.textContent = ""; });
      delete inspector.dataset.sum;
      return;
    }
    const a = trace.activations[layer - 1];
    const w = net.weights[layer - 1];
    let sum = 0.0;
    for (let k = 0; k < nIn; k++) sum += w[index * nIn + k] * a[k];
    const bias = net.biases[layer - 1][index];
    const total = trace.zs[layer - 1][index];
    const activation = trace.activations[layer][index];
    const last = layer === net.sizes.length - 1;
    const squash = last || net.activation === "sigmoid" ? "sigmoid" : "relu-value";
    numbers[0].textContent = fill(words.live.sum, { sum });
    numbers[1].textContent = fill(words.live.bias, { bias, total });
    numbers[2].textContent = fill(words.live[squash], { activation });
    Object.assign(inspector.dataset, { sum, bias, total, activation });
  }

  // -- the answer, said -----------------------------------------------------------------------

  const answerLine = $("answer");
  let announced = "";

  function drawAnswer(announce) {
    let text = words.notes.blank;
    if (result.trace) {
      const output = result.trace.activations[result.trace.activations.length - 1];
      text = fill(words.live.answer, { answer: result.answer, activation: output[result.answer] });
      if (current.digit) text += ` · ${fill(words.live.label, { label: current.digit.label })}`;
    }
    if (answerLine.textContent !== text) answerLine.textContent = text;
    answerLine.classList.toggle("wrong", !!result.wrong);
    const corner = $("pad-answer");  // shown on a phone only (the stylesheet decides)
    const output = result.trace && result.trace.activations[result.trace.activations.length - 1];
    const short = output ? `${result.answer} · ${fixed(output[result.answer], 2)}` : "";
    if (corner.textContent !== short) corner.textContent = short;
    corner.classList.toggle("wrong", !!result.wrong);
    if (announce && text !== announced) {  // said once a stroke ends, not at every move
      announced = text;
      $("announce").textContent = text;
    }
    digitButtons.forEach((button, i) => {
      button.setAttribute("aria-pressed", String(current.digit === digits[i]));
    });
    const [undo, clearButton] = [$("undo"), $("clear")];
    if (undo.disabled !== (history.length === 0)) undo.disabled = history.length === 0;
    const empty = !current.strokes.length && !current.digit;
    if (clearButton.disabled !== empty) clearButton.disabled = empty;
  }

  // -- one update -----------------------------------------------------------------------------

  let announceNext = false;

  function schedule(announce = false) {
    announceNext = announceNext || announce;
    if (pending) return;
    pending = true;
    requestAnimationFrame(update);
  }

  function update() {
    pending = false;
    const start = performance.now();
    let input = null;
    let grey = null;
    let prepared = null;
    let read = start;
    if (current.digit) {
      input = current.digit.pixels;
    } else if (current.strokes.length) {
      const n = DATA.pad.pixels;
      paintStrokes(rasterContext, n);
      const bytes = rasterContext.getImageData(0, 0, n, n).data;
      grey = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) grey[i] = bytes[i * 4] / 255;
      read = performance.now();
      prepared = M.mnistStyle(grey, n, n, DATA.rules);
      input = prepared ? prepared.pixels : null;
    }
    const prepare = performance.now();
    const net = networks[networkName];
    const trace = input ? M.forward(net, input) : null;
    const forwarded = performance.now();
    const output = trace ? trace.activations[trace.activations.length - 1] : null;
    const answer = output ? M.argmax(output) : null;
    result = {
      input, grey, prepared, trace, answer,
      wrong: !!(current.digit && answer !== current.digit.label),
      flows: trace ? flows(net, trace) : null,
    };
    drawPad();
    drawThumb();
    drawDiagram();
    drawInspector();
    drawAnswer(announceNext && !stroke);
    announceNext = false;
    pad.getBoundingClientRect();  // the layout this frame needs, inside the measured time
    const end = performance.now();
    timings.push(end - start);
    phases.push([read - start, prepare - read, forwarded - prepare, end - forwarded]);
    if (timings.length > 5000) {
      timings.splice(0, timings.length - 5000);
      phases.splice(0, phases.length - 5000);
    }
    version++;
  }

  /** In a wide window the pad takes the height the tools and the digits leave under it
   *  (their height depends on the pad's width, hence a few rounds), at most a third of
   *  the width; a narrow window stacks everything and the stylesheet sizes the pad. */
  const wide = matchMedia("(min-aspect-ratio: 1/1)");
  function layoutPad() {
    const drawing = $("drawing");
    if (!wide.matches) {
      drawing.style.removeProperty("--pad-side");
      return;
    }
    const room = document.querySelector("main").clientHeight;
    const widest = innerWidth * 0.34;
    let padSide = Math.min(widest, room);
    for (let round = 0; round < 3; round++) {
      drawing.style.setProperty("--pad-side", `${padSide}px`);
      const rest = drawing.scrollHeight - padSide;
      padSide = Math.max(120, Math.min(widest, room - rest));
    }
    drawing.style.setProperty("--pad-side", `${Math.floor(padSide)}px`);
  }

  new ResizeObserver(() => { layoutPad(); sizeTexts(); schedule(); }).observe(document.body);
  for (const canvas of [pad, thumb, weightsCanvas, edgesCanvas]) sizes.observe(canvas);

  /** For the tests and the benchmark: what the page computed, read back. */
  self.DrawPage = {
    get version() { return version; },
    get settled() { return !pending && !stroke; },
    timings,
    phases,
    network: () => networkName,
    snapshot(withRaster = false) {
      const t = result.trace;
      return {
        version,
        network: networkName,
        strokes: current.strokes.length,
        digit: current.digit ? current.digit.row : null,
        raster: withRaster && result.grey
          ? Array.from(result.grey, (v) => Math.round(v * 255)) : null,
        rasterSide: DATA.pad.pixels,
        input: result.input ? Array.from(result.input) : null,
        zs: t ? t.zs.map((z) => Array.from(z)) : null,
        activations: t ? t.activations.slice(1).map((a) => Array.from(a)) : null,
        answer: result.answer,
        kept: result.flows ? result.flows.map((edges) => edges.map(
          (e) => [e.target, e.source, e.value > 0 ? 1 : -1, e.brightness])) : null,
        selected,
      };
    },
    updateNow() { update(); },
    strokes: () => current.strokes.map((s) => s.map((p) => p.slice())),
  };

  DATA.type = DATA.type || {};
  const styles = getComputedStyle(document.documentElement);
  for (const role of ["display", "formula", "value", "body", "headline", "label", "small"]) {
    DATA.type[role] = parseFloat(styles.getPropertyValue(`--type-${role}`));
  }
  layoutPad();
  buildDiagram();
  const back = () => { $("back").href = `lecture.html${backTo()}`; };
  back();
  addEventListener("hashchange", back);
  update();

  /** Back to the slide the page was opened from (draw.html#back=<slide id>). */
  function backTo() {
    const match = /(?:^#|&)back=([A-Za-z0-9_-]+)/.exec(location.hash);
    return match ? `#/${match[1]}` : "";
  }
})();
