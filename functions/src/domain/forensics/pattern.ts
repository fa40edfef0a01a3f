import { createHmac } from 'node:crypto';

/**
 * The mark itself: per segment two keyed, smooth luminance patterns Q0 and Q1; variant v of the
 * segment adds A·g(Y)·(s0·Q0 + s1·Q1)/√2 to every frame's luma, with s0, s1 = ±1 its two bits.
 *
 * - Low spatial frequency (a cubic B-spline through a 7×11 grid of keyed Gaussian values: features
 *   about a sixth of the frame): it survives downscaling to 360p, cropping a few percent and x264 at
 *   CRF 35, which remove fine detail first.
 * - Luminance only, constant over the segment: the eye does not see a ±2-level change spread over a
 *   sixth of the frame, and the reader averages it over the segment's frames.
 * - g(Y) fades the mark towards black and white, where clipping would bend it and a shift shows most.
 * - Patterns are functions of normalised coordinates (u, v) ∈ [0, 1]², so the reader evaluates the
 *   very same field at the points a cropped, rescaled copy samples.
 */

export interface PatternId {
  seriesId: string;
  episode: number;
  segment: number;
  /** 0 and 1: the two bits' patterns; 2.. : null patterns the reader measures its noise with. */
  which: number;
}

export const gridW = 11;
export const gridH = 7;
/**
 * Mark amplitude in luma levels: the RMS of every variant's field (Q0 ⟂ Q1, both unit RMS). Where
 * g = 1 the marked frame's error is A² plus the rounding's 1/12: 1.25 keeps PSNR ≥ 45.9 dB on any
 * picture (20·log10(255 / √(1.25² + 1/12))).
 */
export const markAmplitude = 1.25;

/** Keyed standard normal values (HMAC-SHA256 in counter mode, Box–Muller). */
function keyedNormals(secret: string, label: string, n: number): Float64Array {
  const out = new Float64Array(n);
  let block = 0;
  let bytes = Buffer.alloc(0);
  let at = 0;
  const uniform = () => {
    if (at + 4 > bytes.length) {
      bytes = createHmac('sha256', secret).update(`${label}/${block++}`).digest();
      at = 0;
    }
    const u = (bytes.readUInt32BE(at) + 0.5) / 2 ** 32;
    at += 4;
    return u;
  };
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const t = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** Uniform cubic B-spline weights of the four control points around parameter fraction t. */
function bspline(t: number, w: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  w[0] = (1 - 3 * t + 3 * t2 - t3) / 6;
  w[1] = (4 - 6 * t2 + 3 * t3) / 6;
  w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
  w[3] = t3 / 6;
}

/** A smooth keyed field; `at(u, v)` for u, v in [0, 1] (values outside are clamped). */
export class MarkPattern {
  private readonly control: Float64Array;
  private readonly offset: number;
  private readonly scale: number;
  private readonly wx = new Float64Array(4);
  private readonly wy = new Float64Array(4);

  constructor(secret: string, id: PatternId) {
    // (gridH + 3) × (gridW + 3) control points: a cubic B-spline needs one beyond each edge.
    this.control = keyedNormals(secret, `pattern/${id.seriesId}/${id.episode}/${id.segment}/${id.which}`, (gridH + 3) * (gridW + 3));
    // Zero mean and unit RMS over the frame, measured on a 48×80 grid (the field is smooth).
    let sum = 0;
    let sum2 = 0;
    const n = 48 * 80;
    for (let y = 0; y < 80; y++) for (let x = 0; x < 48; x++) {
      const v = this.raw((x + 0.5) / 48, (y + 0.5) / 80);
      sum += v;
      sum2 += v * v;
    }
    this.offset = sum / n;
    this.scale = 1 / Math.sqrt(sum2 / n - this.offset * this.offset);
  }

  private raw(u: number, v: number): number {
    const { wx, wy } = this;
    // Comparisons and `| 0` rather than Math.min/max/floor: this runs per pixel (and Math calls are
    // slow in some hosts, jest's VM among them).
    const gx = (u < 0 ? 0 : u > 1 ? 1 : u) * gridW;
    const gy = (v < 0 ? 0 : v > 1 ? 1 : v) * gridH;
    const ix = gx >= gridW ? gridW - 1 : gx | 0;
    const iy = gy >= gridH ? gridH - 1 : gy | 0;
    bspline(gx - ix, wx);
    bspline(gy - iy, wy);
    let value = 0;
    for (let b = 0; b < 4; b++) {
      const row = (iy + b) * (gridW + 3) + ix;
      value += wy[b] * (wx[0] * this.control[row] + wx[1] * this.control[row + 1] + wx[2] * this.control[row + 2] + wx[3] * this.control[row + 3]);
    }
    return value;
  }

  /** The field at normalised frame coordinates (clamped to the frame). */
  at(u: number, v: number): number {
    return (this.raw(u, v) - this.offset) * this.scale;
  }

  /** The field sampled at pixel centres of a w×h image covering the whole frame. */
  render(w: number, h: number): Float32Array {
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = this.at((x + 0.5) / w, (y + 0.5) / h);
    return out;
  }
}

/** g(Y): 1 in the mid-tones, down to 0.25 within 24 levels of video black (16) and white (235). */
export const markGain: Float32Array = (() => {
  const lut = new Float32Array(256);
  for (let y = 0; y < 256; y++) lut[y] = Math.min(Math.max((y - 16) / 24, 0.25), 1) * Math.min(Math.max((235 - y) / 24, 0.25), 1);
  return lut;
})();

/** q1 made orthogonal to q0 over the frame (Gram–Schmidt) and back to unit RMS. */
export function orthogonalTo(q0: Float32Array, q1: Float32Array): Float32Array {
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < q0.length; i++) {
    dot += q0[i] * q1[i];
    norm += q0[i] * q0[i];
  }
  const out = new Float32Array(q1.length);
  let rms = 0;
  for (let i = 0; i < q1.length; i++) {
    out[i] = q1[i] - (dot / norm) * q0[i];
    rms += out[i] * out[i];
  }
  const scale = Math.sqrt(q1.length / rms);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/**
 * The four variants' mark fields of one segment at w×h: A·(s0·Q0 + s1·Q1')/√2 for v = 0..3, with Q1'
 * = Q1 made orthogonal to Q0, so every variant's field has RMS exactly A and the two bits do not
 * leak into each other's correlation.
 */
export function variantFields(q0: Float32Array, q1raw: Float32Array, amplitude = markAmplitude): Float32Array[] {
  const q1 = orthogonalTo(q0, q1raw);
  const k = amplitude / Math.SQRT2;
  return [0, 1, 2, 3].map((v) => {
    const s0 = v & 1 ? k : -k;
    const s1 = v & 2 ? k : -k;
    const field = new Float32Array(q0.length);
    for (let i = 0; i < field.length; i++) field[i] = s0 * q0[i] + s1 * q1[i];
    return field;
  });
}

/** Adds a mark field to a luma plane: out = round(Y + g(Y)·field), clamped to 0..255. */
export function embedLuma(luma: Uint8Array, field: Float32Array, out: Uint8Array): void {
  for (let i = 0; i < field.length; i++) {
    const y = luma[i];
    const v = y + markGain[y] * field[i];
    // Rounded to nearest (`| 0` truncates, exact for the non-negative values left after the clamp).
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
  }
}

/** PSNR (dB) of a marked luma plane against the unmarked one. */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    se += d * d;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / se);
}
