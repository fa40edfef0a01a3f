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

/** An episode's fingerprints with per-block prefix sums, so any window's block means cost nothing. */
class Indexed {
  readonly sums: Float64Array;
  constructor(readonly e: EpisodePrints) {
    this.sums = new Float64Array((e.frames + 1) * fingerprintSize);
    for (let f = 0; f < e.frames; f++) {
      for (let k = 0; k < fingerprintSize; k++) this.sums[(f + 1) * fingerprintSize + k] = this.sums[f * fingerprintSize + k] + e.prints[f * fingerprintSize + k];
    }
  }

  /** RMS distance between the centred copy chunk `a` and this episode's frames [t, t + chunk), centred. */
  distance(a: Float32Array, t: number): number {
    const { prints } = this.e;
    let d = 0;
    const base = t * fingerprintSize;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] - prints[base + i];
      d += x * x;
    }
    // Σ(a − (b − m_b))² = Σ(a − b)² − chunk·Σ m_b², since a is centred.
    for (let k = 0; k < fingerprintSize; k++) {
      const m = (this.sums[(t + chunk) * fingerprintSize + k] - this.sums[t * fingerprintSize + k]) / chunk;
      d -= chunk * m * m;
    }
    return Math.sqrt(Math.max(d, 0) / a.length);
  }
}

/** Mean-removed fingerprints of one chunk of the copy, and whether anything in it moves. */
function centred(prints: Uint8Array, start: number): Float32Array | null {
  const out = new Float32Array(chunk * fingerprintSize);
  let energy = 0;
  for (let k = 0; k < fingerprintSize; k++) {
    let sum = 0;
    for (let f = 0; f < chunk; f++) sum += prints[(start + f) * fingerprintSize + k];
    const mean = sum / chunk;
    for (let f = 0; f < chunk; f++) {
      const x = prints[(start + f) * fingerprintSize + k] - mean;
      out[f * fingerprintSize + k] = x;
      energy += x * x;
    }
  }
  // A chunk where nothing moves cannot be placed in time.
  return energy / out.length < 0.5 ? null : out;
}

interface ChunkMatch {
  key: string;
  start: number;
  shift: number;
  distance: number;
}

/** The best place of a chunk, if it is clearly better than anywhere else (≤ 0.6× the runner-up). */
function searchChunk(a: Float32Array, start: number, episodes: Indexed[]): ChunkMatch | null {
  let best: ChunkMatch | null = null;
  let runnerUp = Infinity;
  for (const e of episodes) {
    for (let t = 0; t + chunk <= e.e.frames; t++) {
      const d = e.distance(a, t);
      if (!best || d < best.distance) {
        // The previous best stays a runner-up only if it is not a neighbour of this offset.
        if (best && (best.key !== e.e.key || Math.abs(best.start + best.shift - t) > 2)) runnerUp = Math.min(runnerUp, best.distance);
        best = { key: e.e.key, start, shift: t - start, distance: d };
      } else if (best.key !== e.e.key || Math.abs(best.start + best.shift - t) > 2) {
        runnerUp = Math.min(runnerUp, d);
      }
    }
  }
  return best && best.distance <= 0.6 * runnerUp ? best : null;
}

/**
 * The runs of a copy (`copy`: fingerprintSize bytes per frame, at the source's frame rate). A chunk
 * that continues the current run (same episode, same shift, distance no worse than twice the run's)
 * is taken without a search; any other is searched for over every episode and offset.
 */
export function findRuns(copy: Uint8Array, copyFrames: number, episodes: EpisodePrints[]): Run[] {
  const indexed = episodes.map((e) => new Indexed(e));
  const runs: Run[] = [];
  for (let start = 0; start + chunk <= copyFrames; start += chunk) {
    const a = centred(copy, start);
    if (!a) continue;
    const last = runs[runs.length - 1];
    const lastEpisode = last && indexed.find((e) => e.e.key === last.key)!;
    const t = last ? start + last.shift : -1;
    if (last && t + chunk <= lastEpisode.e.frames) {
      const d = lastEpisode.distance(a, t);
      if (d <= 2 * last.distance + 1) {
        last.distance = (last.distance * (last.to - last.from) + d * chunk) / (start + chunk - last.from);
        last.to = start + chunk;
        continue;
      }
    }
    const m = searchChunk(a, start, indexed);
    if (!m) continue;
    if (last && last.key === m.key && Math.abs(last.shift - m.shift) <= 1 && m.start - last.to <= chunk) {
      last.to = m.start + chunk;
    } else {
      runs.push({ key: m.key, from: m.start, to: m.start + chunk, shift: m.shift, distance: m.distance });
    }
  }
  // Extend each run to the frames around it that the chunks did not cover, within the source.
  for (const [i, run] of runs.entries()) {
    const prevEnd = i > 0 ? runs[i - 1].to : 0;
    const nextStart = i + 1 < runs.length ? runs[i + 1].from : copyFrames;
    const episode = episodes.find((e) => e.key === run.key)!;
    run.from = Math.max(prevEnd, -run.shift, run.from - chunk + 1);
    run.to = Math.min(nextStart, episode.frames - run.shift, run.to + chunk - 1);
  }
  return runs;
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
  const x = Math.min(Math.max(u * p.width - 0.5, 0), p.width - 1.001);
  const y = Math.min(Math.max(v * p.height - 0.5, 0), p.height - 1.001);
  const ix = Math.floor(x);
  const iy = Math.floor(y);
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
