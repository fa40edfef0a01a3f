import { fingerprintSize } from './fingerprint';

/**
 * Aligning a suspect copy to the episodes it was made from, in time and then in space.
 *
 * Time: the copy's frames (resampled to the source's frame rate while decoding) are cut into 1 s
 * chunks; each chunk's fingerprints (fingerprint.ts) are compared with every marked episode at every
 * offset, after removing each block's mean over the chunk (what stays still says little about where
 * we are; what changes — subtitles, particles, fades — says a lot). Chunks that agree on an episode
 * and a steady offset form a run: a stretch of the copy that is that episode from that frame on.
 * Several runs are several episodes joined, or one episode with a piece cut out.
 *
 * Space: a copy may be cropped and rescaled. Its frames cover the rectangle (x0, y0)–(x1, y1) of the
 * source in normalised coordinates; the rectangle is the one whose resampled source best correlates
 * with the copy over a run's frames (normalised cross-correlation, coarse symmetric crop search then
 * coordinate descent on the four edges).
 */

export interface EpisodePrints {
  /** Whatever identifies the episode to the caller. */
  key: string;
  /** fingerprintSize bytes per frame. */
  prints: Uint8Array;
  frames: number;
}

export interface Run {
  key: string;
  /** Copy frames [from, to) are source frames [from + shift, to + shift). */
  from: number;
  to: number;
  shift: number;
  /** Mean per-block distance of the matched chunks (luma levels), lower is better. */
  distance: number;
}

const chunk = 24;
/** A search compares this many frames (3 s): long enough that moving subtitles outweigh looping particles. */
const window = 72;

/** An episode's fingerprints with per-block prefix sums, so any window's block means cost nothing. */
class Indexed {
  readonly sums: Float64Array;
  constructor(readonly e: EpisodePrints) {
    this.sums = new Float64Array((e.frames + 1) * fingerprintSize);
    for (let f = 0; f < e.frames; f++) {
      for (let k = 0; k < fingerprintSize; k++) this.sums[(f + 1) * fingerprintSize + k] = this.sums[f * fingerprintSize + k] + e.prints[f * fingerprintSize + k];
    }
  }

  /** RMS distance between the centred copy frames `a` and this episode's frames [t, t + length), centred. */
  distance(a: Float32Array, t: number): number {
    const length = a.length / fingerprintSize;
    if (t < 0 || t + length > this.e.frames) return Infinity;
    const { prints } = this.e;
    let d = 0;
    const base = t * fingerprintSize;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] - prints[base + i];
      d += x * x;
    }
    // Σ(a − (b − m_b))² = Σ(a − b)² − length·Σ m_b², since a is centred.
    for (let k = 0; k < fingerprintSize; k++) {
      const m = (this.sums[(t + length) * fingerprintSize + k] - this.sums[t * fingerprintSize + k]) / length;
      d -= length * m * m;
    }
    return Math.sqrt(Math.max(d, 0) / a.length);
  }
}

/** Mean-removed fingerprints of `length` copy frames from `start`, and their mean square (how much moves). */
function centred(prints: Uint8Array, start: number, length: number): { a: Float32Array; energy: number } {
  const a = new Float32Array(length * fingerprintSize);
  let energy = 0;
  for (let k = 0; k < fingerprintSize; k++) {
    let sum = 0;
    for (let f = 0; f < length; f++) sum += prints[(start + f) * fingerprintSize + k];
    const mean = sum / length;
    for (let f = 0; f < length; f++) {
      const x = prints[(start + f) * fingerprintSize + k] - mean;
      a[f * fingerprintSize + k] = x;
      energy += x * x;
    }
  }
  return { a, energy: energy / a.length };
}

/** Below this a chunk is quiet: re-encoding noise, nothing to place it in time by. */
const quiet = 2;

/**
 * Whether a chunk is explained at an offset: the distance left is a fraction of what moves in it
 * (content from elsewhere leaves at least all of it, d² ≥ energy) plus the noise of a re-encode.
 */
const explains = (distance: number, energy: number) => distance * distance <= 0.6 + 0.45 * energy;

/**
 * The best place of copy frames `a` if clearly better than any other place (≤ 0.7× the best more than
 * half a second away or in another episode: nearby offsets differ little where the picture moves slowly).
 */
function search(a: Float32Array, start: number, episodes: Indexed[]): { e: Indexed; shift: number; distance: number } | null {
  const length = a.length / fingerprintSize;
  const all = episodes.map((e) => Float64Array.from({ length: Math.max(0, e.e.frames - length + 1) }, (_, t) => e.distance(a, t)));
  let best: { i: number; t: number } | null = null;
  all.forEach((ds, i) => ds.forEach((d, t) => {
    if (!best || d < all[best.i][best.t]) best = { i, t };
  }));
  if (!best) return null;
  const { i: bi, t: bt } = best;
  let runnerUp = Infinity;
  all.forEach((ds, i) => ds.forEach((d, t) => {
    if (i !== bi || Math.abs(t - bt) > 12) runnerUp = Math.min(runnerUp, d);
  }));
  const distance = all[bi][bt];
  return distance <= 0.7 * runnerUp ? { e: episodes[bi], shift: bt - start, distance } : null;
}

/**
 * The runs of a copy (`copy`: fingerprintSize bytes per frame, at the source's frame rate). Anchors
 * are found by searching 3 s windows over every episode and offset; a run grows from its anchor a
 * 1 s chunk at a time both ways, over the chunks its offset explains, and over quiet chunks that lie
 * between explained ones or at the copy's ends; then the next unexplained chunk is searched.
 */
export function findRuns(copy: Uint8Array, copyFrames: number, episodes: EpisodePrints[]): Run[] {
  const indexed = episodes.map((e) => new Indexed(e));
  const chunks = Math.floor(copyFrames / chunk);
  const parts = Array.from({ length: chunks }, (_, k) => centred(copy, k * chunk, chunk));
  const owner = new Array<Run | undefined>(chunks).fill(undefined);
  const runs: Run[] = [];

  const grow = (run: Run, e: Indexed, from: number, step: 1 | -1) => {
    let pending: number[] = [];
    let k = from;
    for (; k >= 0 && k < chunks && !owner[k]; k += step) {
      const { a, energy } = parts[k];
      if (energy < quiet) {
        if (e.distance(a, k * chunk + run.shift) === Infinity) break;
        pending.push(k);
        continue;
      }
      if (!explains(e.distance(a, k * chunk + run.shift), energy)) break;
      for (const j of [...pending, k]) owner[j] = run;
      pending = [];
    }
    if (k < 0 || k >= chunks) for (const j of pending) owner[j] = run;
  };

  for (let k = 0; k < chunks; k++) {
    if (owner[k] || parts[k].energy < quiet) continue;
    const length = Math.min(window, copyFrames - k * chunk);
    const { a, energy } = centred(copy, k * chunk, length);
    const found = energy >= quiet ? search(a, k * chunk, indexed) : null;
    if (!found || !explains(found.e.distance(parts[k].a, k * chunk + found.shift), parts[k].energy)) continue;
    const run: Run = { key: found.e.e.key, from: 0, to: 0, shift: found.shift, distance: found.distance };
    owner[k] = run;
    grow(run, found.e, k - 1, -1);
    grow(run, found.e, k + 1, 1);
    runs.push(run);
  }

  // Each run covers its chunks (assumed contiguous); frames past the last whole chunk go to the run before them.
  for (const run of runs) {
    const mine = owner.flatMap((o, k) => (o === run ? [k] : []));
    run.from = Math.max(mine[0] * chunk, -run.shift);
    const end = mine[mine.length - 1] + 1 === chunks ? copyFrames : (mine[mine.length - 1] + 1) * chunk;
    run.to = Math.min(end, episodes.find((e) => e.key === run.key)!.frames - run.shift);
  }
  return runs.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
}

// --- space -------------------------------------------------------------------------------------------

/** The source rectangle a copy's frame covers, in normalised source coordinates. */
export interface Geometry {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** Bilinear sample of a plane at normalised coordinates (pixel centres at (i + 0.5) / size). */
export function sample(p: Plane, u: number, v: number): number {
  // Per pixel: comparisons and `| 0` rather than Math calls (slow in some hosts, jest's VM among them).
  const xr = u * p.width - 0.5;
  const yr = v * p.height - 0.5;
  const x = xr < 0 ? 0 : xr > p.width - 1.001 ? p.width - 1.001 : xr;
  const y = yr < 0 ? 0 : yr > p.height - 1.001 ? p.height - 1.001 : yr;
  const ix = x | 0;
  const iy = y | 0;
  const fx = x - ix;
  const fy = y - iy;
  const i = iy * p.width + ix;
  const d = p.data;
  return (d[i] * (1 - fx) + d[i + 1] * fx) * (1 - fy) + (d[i + p.width] * (1 - fx) + d[i + p.width + 1] * fx) * fy;
}

/** Normalised cross-correlation of the copy plane with the source plane seen through `g`. */
export function correlation(copy: Plane, source: Plane, g: Geometry, step = 2): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = 0;
  for (let y = 0; y < copy.height; y += step) {
    const v = g.y0 + ((y + 0.5) / copy.height) * (g.y1 - g.y0);
    for (let x = 0; x < copy.width; x += step) {
      const u = g.x0 + ((x + 0.5) / copy.width) * (g.x1 - g.x0);
      const a = copy.data[y * copy.width + x];
      const b = sample(source, u, v);
      sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b; n++;
    }
  }
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** The crop rectangle that best explains `copy` as a view of `source` (both mean frames of one run). */
export function estimateGeometry(copy: Plane, source: Plane): { geometry: Geometry; correlation: number } {
  let best: Geometry = { x0: 0, y0: 0, x1: 1, y1: 1 };
  let score = correlation(copy, source, best, 3);
  for (let c = 0.01; c <= 0.15 + 1e-9; c += 0.01) {
    const g = { x0: c, y0: c, x1: 1 - c, y1: 1 - c };
    const s = correlation(copy, source, g, 3);
    if (s > score) [best, score] = [g, s];
  }
  score = correlation(copy, source, best);
  for (let step = 0.008; step >= 0.0005; step /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const edge of ['x0', 'y0', 'x1', 'y1'] as const) {
        for (const delta of [-step, step]) {
          const g = { ...best, [edge]: best[edge] + delta };
          if (g.x1 - g.x0 < 0.5 || g.y1 - g.y0 < 0.5) continue;
          const s = correlation(copy, source, g);
          if (s > score) {
            [best, score] = [g, s];
            improved = true;
          }
        }
      }
    }
  }
  return { geometry: best, correlation: score };
}
