/* The live page's mathematics, kept apart from the page: a drawing made into the
 * 28×28 input the way network/image.py's mnist_style makes one, and the forward pass
 * of network/model.py. Pure functions on typed arrays, so that Node can check them
 * against Python too (tests/test_draw_page.py runs them in the browser).
 *
 * Every step repeats the Python one operation for operation, in the same order,
 * because the target is the same doubles, not merely close ones:
 *   - the medians, the ink scaling and the bounding box: NumPy's arithmetic;
 *   - the fit into the 20×20 box: Python's round (half to even), then Pillow's
 *     Lanczos resampling of an 8-bit image, with its fixed-point coefficients;
 *   - the centre of mass: scipy adds with NumPy's pairwise summation;
 *   - the shift: scipy's linear spline weights (w0 = 1 − t, w1 = 1 − w0) and its
 *     order of multiplying and adding the four neighbours.
 * The one thing that can differ is the sine inside the Lanczos kernel (the browser's
 * Math.sin against the C library's sin, both within an ulp): see the note in
 * scenes/export/draw_page.py for what that can change and what was measured.
 */
(function (root, factory) {
  "use strict";
  const maths = factory();
  if (typeof module === "object" && module.exports) module.exports = maths;
  else root.DrawMaths = maths;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /** NumPy's pairwise sum of a[start .. start + n), the order np.sum adds in. */
  function pairwiseSum(a, start, n) {
    if (n < 8) {
      let res = 0.0;
      for (let i = 0; i < n; i++) res += a[start + i];
      return res;
    }
    if (n <= 128) {
      const r = [a[start], a[start + 1], a[start + 2], a[start + 3],
                 a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
      let i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
      }
      let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[start + i];
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
  }

  /** np.median: the middle value, or the mean of the two middle ones. */
  function median(values) {
    const sorted = Float64Array.from(values).sort();
    const n = sorted.length;
    const half = n >> 1;
    return n % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }

  /** Python's round() of a float to an integer: halves go to the even neighbour. */
  function roundHalfEven(x) {
    const floor = Math.floor(x);
    const diff = x - floor;
    if (diff > 0.5) return floor + 1;
    if (diff < 0.5) return floor;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  // -- Pillow's Lanczos resampling of an 8-bit image (libImaging/Resample.c) ----------

  const PRECISION_BITS = 32 - 8 - 2;
  const ONE = 2 ** PRECISION_BITS;
  const LANCZOS_SUPPORT = 3.0;

  function sinc(x) {
    if (x === 0.0) return 1.0;
    x = x * Math.PI;
    return Math.sin(x) / x;
  }

  function lanczos(x) {
    if (-3.0 <= x && x < 3.0) return sinc(x) * sinc(x / 3);
    return 0.0;
  }

  /** Each output pixel's first input pixel, count, and fixed-point weights. */
  function coefficients(inSize, outSize) {
    const scale = inSize / outSize;
    const filterscale = scale < 1.0 ? 1.0 : scale;
    const support = LANCZOS_SUPPORT * filterscale;
    const ksize = Math.ceil(support) * 2 + 1;
    const bounds = new Int32Array(outSize * 2);
    const kk = new Float64Array(outSize * ksize);  // integers, as Pillow's INT32s
    const k = new Float64Array(ksize);
    const ss = 1.0 / filterscale;
    for (let xx = 0; xx < outSize; xx++) {
      const center = (xx + 0.5) * scale;
      let xmin = Math.trunc(center - support + 0.5);
      if (xmin < 0) xmin = 0;
      let xmax = Math.trunc(center + support + 0.5);
      if (xmax > inSize) xmax = inSize;
      xmax -= xmin;
      let ww = 0.0;
      for (let x = 0; x < xmax; x++) {
        const w = lanczos((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (let x = 0; x < xmax; x++) {
        const w = ww !== 0.0 ? k[x] / ww : k[x];
        kk[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return { bounds, kk, ksize };
  }

  function clip8(sum) {
    const v = Math.floor(sum / ONE);
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }

  /** An 8-bit image (row-major, width × height) resized to outWidth × outHeight as
   *  Image.resize(..., LANCZOS) does for mode "L": horizontal pass first, on the rows
   *  the vertical pass will read, rounded to 8 bits in between. */
  function resizeLanczos(src, width, height, outWidth, outHeight) {
    if (width === outWidth && height === outHeight) return Uint8Array.from(src);
    const vert = coefficients(height, outHeight);
    let image = src;
    let rowsFrom = 0;
    let imageWidth = width;
    if (outWidth !== width) {
      const first = vert.bounds[0];
      const last = vert.bounds[outHeight * 2 - 2] + vert.bounds[outHeight * 2 - 1];
      const hor = coefficients(width, outWidth);
      const temp = new Uint8Array(outWidth * (last - first));
      for (let yy = 0; yy < last - first; yy++) {
        const row = (yy + first) * width;
        for (let xx = 0; xx < outWidth; xx++) {
          const xmin = hor.bounds[xx * 2];
          const xmax = hor.bounds[xx * 2 + 1];
          const base = xx * hor.ksize;
          let sum = ONE / 2;
          for (let x = 0; x < xmax; x++) sum += src[row + x + xmin] * hor.kk[base + x];
          temp[yy * outWidth + xx] = clip8(sum);
        }
      }
      image = temp;
      rowsFrom = first;
      imageWidth = outWidth;
    }
    if (outHeight === height) return image;
    const out = new Uint8Array(imageWidth * outHeight);
    for (let yy = 0; yy < outHeight; yy++) {
      const ymin = vert.bounds[yy * 2] - rowsFrom;
      const ymax = vert.bounds[yy * 2 + 1];
      const base = yy * vert.ksize;
      for (let xx = 0; xx < imageWidth; xx++) {
        let sum = ONE / 2;
        for (let y = 0; y < ymax; y++) {
          sum += image[(y + ymin) * imageWidth + xx] * vert.kk[base + y];
        }
        out[yy * imageWidth + xx] = clip8(sum);
      }
    }
    return out;
  }

  // -- scipy.ndimage: centre of mass and a linear shift ---------------------------------

  /** ndimage.center_of_mass of a side × side field: (row, column). */
  function centerOfMass(field, side) {
    const rows = new Float64Array(field.length);
    const cols = new Float64Array(field.length);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        rows[r * side + c] = field[r * side + c] * r;
        cols[r * side + c] = field[r * side + c] * c;
      }
    }
    const total = pairwiseSum(field, 0, field.length);
    return [pairwiseSum(rows, 0, rows.length) / total, pairwiseSum(cols, 0, cols.length) / total];
  }

  /** Where one output index samples along an axis, as scipy's zoom_shift for order 1 and
   *  mode "constant": null outside the input; else the two input indices (mirrored at
   *  the far edge, as scipy does) and their weights. */
  function linearTap(index, shift, size) {
    const cc = index + shift;
    if (cc < 0 || cc > size - 1) return null;
    const start = Math.floor(cc);
    const w0 = 1.0 - (cc - Math.floor(cc));
    const w1 = 1.0 - w0;
    const mirror = (i) => {
      const s2 = 2 * size - 2;
      if (i >= size) {
        i -= s2 * Math.trunc(i / s2);
        if (i >= size) i = s2 - i;
      }
      return i;
    };
    return [start, mirror(start + 1), w0, w1];
  }

  /** ndimage.shift(field, (dr, dc), order=1, mode="constant"). */
  function shiftLinear(field, side, dr, dc) {
    const out = new Float64Array(field.length);
    const rowTaps = [];
    const colTaps = [];
    for (let i = 0; i < side; i++) {
      rowTaps.push(linearTap(i, -dr, side));
      colTaps.push(linearTap(i, -dc, side));
    }
    for (let r = 0; r < side; r++) {
      const rt = rowTaps[r];
      if (rt === null) continue;
      for (let c = 0; c < side; c++) {
        const ct = colTaps[c];
        if (ct === null) continue;
        let t = 0.0;
        t += field[rt[0] * side + ct[0]] * rt[2] * ct[2];
        t += field[rt[0] * side + ct[1]] * rt[2] * ct[3];
        t += field[rt[1] * side + ct[0]] * rt[3] * ct[2];
        t += field[rt[1] * side + ct[1]] * rt[3] * ct[3];
        out[r * side + c] = t;
      }
    }
    return out;
  }

  // -- mnist_style ---------------------------------------------------------------------

  /**
   * A grey picture (0 black … 1 white, row-major, width × height) as the network's
   * input: network/image.py's mnist_style, step for step.
   *
   * `rules` carries the Python constants: {side: 28, box: 20, inkThreshold: 0.1}.
   * Returns {pixels: Float64Array(side²), crop: [top, left, height, width],
   * fitted: [height, width]}, or null when there is no ink (Python refuses the image).
   */
  function mnistStyle(grey, width, height, rules) {
    const side = rules.side;
    const border = new Float64Array(2 * width + 2 * height);
    let b = 0;
    for (let x = 0; x < width; x++) border[b++] = grey[x];
    for (let x = 0; x < width; x++) border[b++] = grey[(height - 1) * width + x];
    for (let y = 0; y < height; y++) border[b++] = grey[y * width];
    for (let y = 0; y < height; y++) border[b++] = grey[y * width + width - 1];
    const middle = median(border);
    const light = middle > 0.5;  // dark ink on light paper: turn it bright
    const paper = light ? median(border.map((v) => 1.0 - v)) : middle;
    const ink = new Float64Array(grey.length);
    let top = 0;
    for (let i = 0; i < grey.length; i++) {
      const v = (light ? 1.0 - grey[i] : grey[i]) - paper;
      ink[i] = v > 0 ? v : 0;
      if (ink[i] > top) top = ink[i];
    }
    if (top <= rules.inkThreshold) return null;
    let r0 = height, r1 = -1, c0 = width, c1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (ink[i] === 0) continue;  // most of a drawing: 0 / top is 0, no ink
        const v = (ink[i] /= top);
        if (v > rules.inkThreshold) {
          if (y < r0) r0 = y;
          if (y > r1) r1 = y;
          if (x < c0) c0 = x;
          if (x > c1) c1 = x;
        }
      }
    }
    const cropHeight = r1 - r0 + 1;
    const cropWidth = c1 - c0 + 1;
    const crop = new Uint8Array(cropHeight * cropWidth);
    for (let y = 0; y < cropHeight; y++) {
      for (let x = 0; x < cropWidth; x++) {
        crop[y * cropWidth + x] = Math.trunc(ink[(y + r0) * width + x + c0] * 255);
      }
    }
    const scale = rules.box / Math.max(cropHeight, cropWidth);
    const fitWidth = Math.max(1, roundHalfEven(cropWidth * scale));
    const fitHeight = Math.max(1, roundHalfEven(cropHeight * scale));
    const small = resizeLanczos(crop, cropWidth, cropHeight, fitWidth, fitHeight);
    const field = new Float64Array(side * side);
    const fieldTop = Math.floor((side - fitHeight) / 2);
    const fieldLeft = Math.floor((side - fitWidth) / 2);
    for (let y = 0; y < fitHeight; y++) {
      for (let x = 0; x < fitWidth; x++) {
        const v = small[y * fitWidth + x] / 255.0;
        field[(y + fieldTop) * side + x + fieldLeft] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
    const [comRow, comCol] = centerOfMass(field, side);
    const centre = (side - 1) / 2.0;
    const shifted = shiftLinear(field, side, centre - comRow, centre - comCol);
    for (let i = 0; i < shifted.length; i++) {
      shifted[i] = shifted[i] < 0 ? 0 : shifted[i] > 1 ? 1 : shifted[i];
    }
    return {
      pixels: shifted,
      crop: [r0, c0, cropHeight, cropWidth],
      fitted: [fitHeight, fitWidth],
    };
  }

  // -- the forward pass ------------------------------------------------------------------

  function sigmoid(z) {
    return 0.5 * (1.0 + Math.tanh(0.5 * z));  // as network/activations.py: never overflows
  }

  const HIDDEN = {
    sigmoid,
    relu: (z) => (z > 0 ? z : 0.0),
  };

  /**
   * network/model.py's Network.forward for one input: hidden layers use the network's
   * activation, the output a sigmoid. `net` = {sizes, activation, weights: [Float64Array
   * (n_out × n_in, row-major)], biases: [Float64Array]}. Returns {zs, activations}.
   */
  function forward(net, input) {
    const hidden = HIDDEN[net.activation];
    if (!hidden) throw new Error(`unknown activation ${net.activation}`);
    let a = Float64Array.from(input);
    const zs = [];
    const activations = [a];
    const last = net.weights.length - 1;
    for (let layer = 0; layer <= last; layer++) {
      const w = net.weights[layer];
      const bias = net.biases[layer];
      const nIn = a.length;
      const nOut = bias.length;
      const z = new Float64Array(nOut);
      const next = new Float64Array(nOut);
      const f = layer === last ? sigmoid : hidden;
      for (let j = 0; j < nOut; j++) {
        let sum = 0.0;
        const row = j * nIn;
        for (let k = 0; k < nIn; k++) sum += w[row + k] * a[k];
        z[j] = sum + bias[j];
        next[j] = f(z[j]);
      }
      zs.push(z);
      activations.push(next);
      a = next;
    }
    return { zs, activations };
  }

  /** The index of the largest value (the first on a tie, as np.argmax). */
  function argmax(values) {
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  /** Decode little-endian float64s from base64 (the build writes the weights this way:
   *  exact, and a third smaller than decimal text). */
  function float64s(base64) {
    const bytes = typeof atob === "function"
      ? Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
      : Uint8Array.from(Buffer.from(base64, "base64"));
    const view = new DataView(bytes.buffer);
    const out = new Float64Array(bytes.length / 8);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
    return out;
  }

  return {
    argmax, centerOfMass, float64s, forward, median, mnistStyle, pairwiseSum, resizeLanczos,
    roundHalfEven, shiftLinear, sigmoid,
  };
});
