import { estimateGeometry, findRuns, type Plane } from './align';
import { episodeKey, variantPicks } from './code';
import { fingerprintSize, frameFingerprint } from './fingerprint';
import { embedLuma, MarkPattern, orthogonalTo, variantFields } from './pattern';
import { readRun, type LumaFrames } from './read';
import { scoreCandidates, type Candidate } from './score';

/**
 * The reading stage on synthetic video, no ffmpeg: a source with a still backdrop and moving shapes,
 * marked per segment for a viewer's picks, then "leaked": 3 % cropped off each side, scaled down,
 * brightened, noised and its first second cut. The copy is aligned, its bits read and the viewer
 * scored among 20 candidates.
 */
const secret = 'unit-test-mark-secret-0123456789abcdef';
const seriesId = 'synthetic';
const episode = 1;
const [W, H, fps, segments] = [108, 192, 24, 20];
const frames = fps * segments;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The unmarked source: a textured backdrop, two drifting bright shapes, and a "subtitle" box that comes and goes. */
const source: Uint8Array[] = (() => {
  const r = rng(7);
  const backdrop = Uint8Array.from({ length: W * H }, (_, i) => 40 + (((i % W) * 3 + ((i / W) | 0)) % 60) + ((r() * 8) | 0));
  return Array.from({ length: frames }, (_, f) => {
    const y = Uint8Array.from(backdrop);
    const shapes = [[20 + ((f * 1.3) % 60), 40 + 30 * Math.sin(f / 17)], [70 - ((f * 0.7) % 50), 120 + 20 * Math.cos(f / 23)]];
    for (const [cx, cy] of shapes) for (let dy = -6; dy <= 6; dy++) for (let dx = -6; dx <= 6; dx++) {
      const x = (cx + dx + 0.5) | 0, yy = (cy + dy + 0.5) | 0;
      if (x >= 0 && x < W && yy >= 0 && yy < H) y[yy * W + x] = 200;
    }
    if (Math.floor(f / 30) % 3 === 1) for (let yy = 150; yy < 160; yy++) for (let x = 25 + (f % 7); x < 85; x++) y[yy * W + x] = 230;
    return y;
  });
})();

const planes = new Map<string, Float32Array>();
const planeOf = (segment: number, which: number) => {
  const id = `${segment}/${which}`;
  if (!planes.has(id)) planes.set(id, new MarkPattern(secret, { seriesId, episode, segment, which }).render(W, H));
  return planes.get(id)!;
};
const key = episodeKey(secret, seriesId, episode, segments);

/** The copy a viewer (or a mix of viewers, segment by segment) would get. */
function marked(picksOf: (segment: number) => number): Uint8Array[] {
  const fields = Array.from({ length: segments }, (_, j) => variantFields(planeOf(j, 0), planeOf(j, 1)));
  return source.map((y, f) => {
    const out = new Uint8Array(y.length);
    embedLuma(y, fields[Math.floor(f / fps)][picksOf(Math.floor(f / fps))], out);
    return out;
  });
}

/** Crop 3 % a side, area-scale to 72 px wide, gain and offset, noise, the first second cut. */
function leak(video: Uint8Array[]): LumaFrames {
  const r = rng(11);
  const [cw, ch] = [72, 128];
  const x0 = W * 0.03, y0 = H * 0.03, sx = (W * 0.94) / cw, sy = (H * 0.94) / ch;
  const out = video.slice(fps).map((y) => {
    const c = new Uint8Array(cw * ch);
    // (`| 0` for floor and rounding: Math calls are slow under jest.)
    for (let j = 0; j < ch; j++) for (let i = 0; i < cw; i++) {
      let sum = 0, n = 0;
      for (let yy = (y0 + j * sy) | 0; yy < ((y0 + (j + 1) * sy) | 0); yy++) for (let xx = (x0 + i * sx) | 0; xx < ((x0 + (i + 1) * sx) | 0); xx++) {
        sum += y[yy * W + xx];
        n++;
      }
      const v = (sum / n) * 1.04 + 3 + (r() - 0.5) * 6;
      c[j * cw + i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
    }
    return c;
  });
  return { width: cw, height: ch, frames: out };
}

function trace(copy: LumaFrames, candidates: Candidate[]) {
  const print = (f: Uint8Array, w: number, h: number) => frameFingerprint(f, w, h);
  const sourcePrints = new Uint8Array(frames * fingerprintSize);
  source.forEach((f, i) => sourcePrints.set(print(f, W, H), i * fingerprintSize));
  const copyPrints = new Uint8Array(copy.frames.length * fingerprintSize);
  copy.frames.forEach((f, i) => copyPrints.set(print(f, copy.width, copy.height), i * fingerprintSize));
  const runs = findRuns(copyPrints, copy.frames.length, [{ key: 'e', prints: sourcePrints, frames }]);
  const sourceFrames: LumaFrames = { width: W, height: H, frames: source };
  const mean = (l: LumaFrames, shift: number, from: number, to: number): Plane => {
    const data = new Float32Array(l.width * l.height);
    for (let i = from; i < to; i++) l.frames[i + shift].forEach((v, p) => (data[p] += v / (to - from)));
    return { width: l.width, height: l.height, data };
  };
  const reads = runs.flatMap((run) => {
    const { geometry } = estimateGeometry(mean(copy, 0, run.from, run.to), mean(sourceFrames, run.shift, run.from, run.to));
    const pattern = (segment: number, which: number): Plane => ({ width: W, height: H, data: which === 1 ? orthogonalTo(planeOf(segment, 0), planeOf(segment, 1)) : planeOf(segment, which) });
    return readRun({ copy, source: sourceFrames, run, geometry, framesPerSegment: fps, pattern });
  });
  return { runs, reads, verdict: scoreCandidates([{ seriesId, episode, key, segments: reads }], candidates, secret) };
}

const viewers: Candidate[] = Array.from({ length: 20 }, (_, i) => ({ userId: `u_${i}`, markId: 100 + i * 13 }));
const picks = viewers.map((v) => variantPicks(v.markId, secret, key));

describe('reading marks from a degraded copy', () => {
  it('aligns the copy in time and space, reads its bits and names the viewer', () => {
    const { runs, reads, verdict } = trace(leak(marked((j) => picks[3][j])), viewers);
    expect(runs).toEqual([expect.objectContaining({ key: 'e', shift: fps })]);
    expect(reads.length).toBeGreaterThanOrEqual(segments - 2);
    const wrongBits = reads.flatMap((r) => [0, 1].filter((b) => Math.sign(r.z[b]) !== (((picks[3][r.segment] >> b) & 1) === 1 ? 1 : -1)));
    expect(wrongBits.length).toBeLessThanOrEqual(2);
    expect(verdict.userId).toBe('u_3');
    expect(verdict.confidence).toBeGreaterThanOrEqual(0.999);
  });

  it('names nobody from an unmarked copy, and no one but the two from a copy mixed of two viewers', () => {
    expect(trace(leak(source), viewers).verdict.userId).toBeNull();
    const mixed = trace(leak(marked((j) => picks[j % 2 === 0 ? 5 : 8][j])), viewers).verdict.userId;
    expect([null, 'u_5', 'u_8']).toContain(mixed);
  });
});
