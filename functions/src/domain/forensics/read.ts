import { sample, type Geometry, type Plane, type Run } from './align';
import { markGain } from './pattern';

/**
 * Reading the marks of one run of a suspect copy (non-blind: the unmarked source is at hand).
 *
 * For each segment, over its frames in the copy (2 frames at each end left out: the re-encode blurs
 * a switch of variants across a few frames), the residual r = copy − source is averaged, with the
 * source resampled through the run's geometry onto the copy's pixels. What a re-encode does to the
 * whole picture (brightness, contrast) is removed by fitting r ≈ a + b·source and keeping the rest.
 * The rest is correlated with g(source)·Q0 and g(source)·Q1 — the matched filter of the embedded
 * A·g(Y)·(s0·Q0 + s1·Q1)/√2 — and, to know what a correlation means on this copy, with null
 * patterns made like Q0 and Q1 but never embedded: z = c / RMS(c_null). A segment's bit b reads as
 * s_b ≈ sign(z_b), |z_b| saying how sure; the scoring (score.ts) uses z itself, not just its sign.
 */

export interface LumaFrames {
  width: number;
  height: number;
  /** One luma plane per frame (width × height bytes). */
  frames: Uint8Array[];
}

export interface SegmentReading {
  segment: number;
  /** Soft reads of the segment's two bits (positive: bit 1). */
  z: [number, number];
  /** Copy frames averaged. */
  frames: number;
}

export interface ReadInput {
  copy: LumaFrames;
  source: LumaFrames;
  run: Run;
  geometry: Geometry;
  framesPerSegment: number;
  /** Q0, Q1 (which 0, 1) and the null patterns (which ≥ 2) of a segment, rendered over the whole frame. */
  pattern: (segment: number, which: number) => Plane;
  nulls?: number;
}

const edgeFrames = 2;

export function readRun(input: ReadInput): SegmentReading[] {
  const { copy, source, run, geometry: g, framesPerSegment: F } = input;
  const nulls = input.nulls ?? 12;
  const w = copy.width;
  const n = w * copy.height;

  // Where each copy pixel falls in the source, and its bilinear taps there.
  const us = new Float32Array(n);
  const vs = new Float32Array(n);
  const tap = new Int32Array(n);
  const fx = new Float32Array(n);
  const fy = new Float32Array(n);
  const inside = new Uint8Array(n);
  for (let y = 0; y < copy.height; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const u = g.x0 + ((x + 0.5) / w) * (g.x1 - g.x0);
      const v = g.y0 + ((y + 0.5) / copy.height) * (g.y1 - g.y0);
      us[i] = u;
      vs[i] = v;
      inside[i] = u >= 0 && u <= 1 && v >= 0 && v <= 1 ? 1 : 0;
      const sx = Math.min(Math.max(u * source.width - 0.5, 0), source.width - 1.001);
      const sy = Math.min(Math.max(v * source.height - 0.5, 0), source.height - 1.001);
      tap[i] = Math.floor(sy) * source.width + Math.floor(sx);
      fx[i] = sx - Math.floor(sx);
      fy[i] = sy - Math.floor(sy);
    }
  }

  // Copy frames by segment of the source.
  const bySegment = new Map<number, number[]>();
  for (let i = run.from; i < run.to; i++) {
    const s = i + run.shift;
    const inSegment = s % F;
    if (s < 0 || s >= source.frames.length || inSegment < edgeFrames || inSegment >= F - edgeFrames) continue;
    const segment = Math.floor(s / F);
    (bySegment.get(segment) ?? bySegment.set(segment, []).get(segment)!).push(i);
  }

  const readings: SegmentReading[] = [];
  const residual = new Float64Array(n);
  const level = new Float64Array(n);
  for (const [segment, frames] of [...bySegment.entries()].sort((a, b) => a[0] - b[0])) {
    if (frames.length < F / 3) continue;
    residual.fill(0);
    level.fill(0);
    for (const i of frames) {
      const c = copy.frames[i];
      const src = source.frames[i + run.shift];
      const sw = source.width;
      for (let p = 0; p < n; p++) {
        const t = tap[p];
        const a = fx[p];
        const b = fy[p];
        const s = (src[t] * (1 - a) + src[t + 1] * a) * (1 - b) + (src[t + sw] * (1 - a) + src[t + sw + 1] * a) * b;
        residual[p] += c[p] - s;
        level[p] += s;
      }
    }
    // r ≈ a + b·level over the pixels inside the source; keep what the fit leaves.
    let k = 0, sl = 0, sr = 0, sll = 0, slr = 0;
    for (let p = 0; p < n; p++) {
      if (!inside[p]) continue;
      const l = (level[p] /= frames.length);
      const r = (residual[p] /= frames.length);
      k++; sl += l; sr += r; sll += l * l; slr += l * r;
    }
    if (k < n / 4) continue;
    const slope = (slr - (sl * sr) / k) / Math.max(sll - (sl * sl) / k, 1e-9);
    const intercept = (sr - slope * sl) / k;
    for (let p = 0; p < n; p++) {
      residual[p] = inside[p] ? (residual[p] - intercept - slope * level[p]) * markGain[(level[p] + 0.5) | 0] : 0;
    }
    const correlate = (which: number) => {
      const q = input.pattern(segment, which);
      let c = 0;
      for (let p = 0; p < n; p++) if (inside[p]) c += residual[p] * sample(q, us[p], vs[p]);
      return c;
    };
    const c0 = correlate(0);
    const c1 = correlate(1);
    let noise = 0;
    for (let m = 0; m < nulls; m++) noise += correlate(2 + m) ** 2;
    const sigma = Math.sqrt(noise / nulls) || 1;
    readings.push({ segment, z: [c0 / sigma, c1 / sigma], frames: frames.length });
  }
  return readings;
}
