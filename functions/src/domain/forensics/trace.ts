import type { TraceResult } from '@drama/shared/forensics';
import type { HlsLayout } from '../media/hls';
import { estimateGeometry, findRuns, type Plane, type Run } from './align';
import { episodeKey } from './code';
import { fingerprintSize, frameFingerprint } from './fingerprint';
import { MarkPattern, orthogonalTo } from './pattern';
import { readRun, type LumaFrames } from './read';
import { scoreCandidates, type Candidate, type EpisodeReads } from './score';

/**
 * Tracing a suspect copy back to a viewer: decode it at the marked episodes' frame rate, find which
 * episodes it shows and from where (align.ts), estimate its crop (align.ts), read every segment's two
 * bits (read.ts), and score the viewers who received those episodes (score.ts). The copy may be
 * several episodes joined: every matched episode's bits count for the viewer.
 */

export interface MarkedEpisode {
  seriesId: string;
  episode: number;
  mediaKey: string;
  layout: HlsLayout;
}

export interface TracePorts {
  /** Every episode that has marked variants (published or not). */
  markedEpisodes(): Promise<MarkedEpisode[]>;
  fingerprints(episode: MarkedEpisode): Promise<Uint8Array>;
  /** The unmarked source's luma at width × height, one plane per frame. */
  sourceFrames(episode: MarkedEpisode, width: number, height: number): Promise<LumaFrames>;
  /** The suspect copy's luma at `fps` (frames dropped or repeated to match), width × height. */
  copyFrames(file: string, fps: number, width: number): Promise<LumaFrames>;
  recipients(seriesId: string, episode: number): Promise<Candidate[]>;
  secret: string;
}

/** Analysis sizes: the copy at 120 px wide, the source at a third of 540 × 960 (its aspect kept). */
const copyWidth = 120;
const sourceWidth = 180;
const patternWidth = 64;

function meanPlane(frames: LumaFrames, from: number, to: number, shift: number): Plane {
  const data = new Float32Array(frames.width * frames.height);
  let n = 0;
  for (let i = from; i < to; i += 4) {
    const f = frames.frames[i + shift];
    for (let p = 0; p < data.length; p++) data[p] += f[p];
    n++;
  }
  for (let p = 0; p < data.length; p++) data[p] /= Math.max(n, 1);
  return { width: frames.width, height: frames.height, data };
}

/** Rendered patterns, kept across traces (a trace of the same episode reuses them). */
const patternCache = new Map<string, Plane>();
function patternPlane(secret: string, e: MarkedEpisode, segment: number, which: number): Plane {
  const id = `${e.seriesId}/${e.episode}/${e.layout.rev}/${segment}/${which}`;
  let plane = patternCache.get(id);
  if (!plane) {
    const height = Math.round((patternWidth * e.layout.height) / e.layout.width);
    const render = (w: number) => new MarkPattern(secret, { seriesId: e.seriesId, episode: e.episode, segment, which: w }).render(patternWidth, height);
    // The second bit's pattern is embedded made orthogonal to the first (pattern.ts): read it so too.
    plane = { width: patternWidth, height, data: which === 1 ? orthogonalTo(render(0), render(1)) : render(which) };
    if (patternCache.size > 20_000) patternCache.clear();
    patternCache.set(id, plane);
  }
  return plane;
}

const emptyEvidence = (candidates = 0): TraceResult['evidence'] => ({ bitsRead: 0, clearBits: 0, agreeingBits: 0, episodes: [], ranking: [], candidates });

export async function traceCopy(file: string, ports: TracePorts): Promise<TraceResult> {
  const episodes = await ports.markedEpisodes();
  const none: TraceResult = { seriesId: null, episode: null, userId: null, confidence: 0, evidence: emptyEvidence() };
  if (episodes.length === 0) return none;
  const fps = episodes[0].layout.fps;
  const marked = episodes.filter((e) => e.layout.fps === fps);

  const copy = await ports.copyFrames(file, fps, copyWidth);
  const prints = new Uint8Array(copy.frames.length * fingerprintSize);
  copy.frames.forEach((f, i) => frameFingerprint(f, copy.width, copy.height, prints.subarray(i * fingerprintSize, (i + 1) * fingerprintSize)));
  const keyOf = (e: MarkedEpisode) => `${e.seriesId}#${e.episode}`;
  const withPrints = await Promise.all(marked.map(async (e) => ({ key: keyOf(e), prints: await ports.fingerprints(e), frames: e.layout.frames })));
  const runs = findRuns(prints, copy.frames.length, withPrints);
  if (runs.length === 0) return none;

  const reads: EpisodeReads[] = [];
  const matched: TraceResult['evidence']['episodes'] = [];
  const byEpisode = new Map<string, Run[]>();
  for (const run of runs) byEpisode.set(run.key, [...(byEpisode.get(run.key) ?? []), run]);
  for (const [key, episodeRuns] of byEpisode) {
    const e = marked.find((m) => keyOf(m) === key)!;
    const source = await ports.sourceFrames(e, sourceWidth, Math.round((sourceWidth * e.layout.height) / e.layout.width));
    const segments = episodeRuns.flatMap((run) => {
      const { geometry } = estimateGeometry(meanPlane(copy, run.from, run.to, 0), meanPlane(source, run.from, run.to, run.shift));
      const read = readRun({ copy, source, run, geometry, framesPerSegment: Math.round(fps * (e.layout.segmentsS[0] ?? 1)), pattern: (segment, which) => patternPlane(ports.secret, e, segment, which) });
      matched.push({ seriesId: e.seriesId, episode: e.episode, fromS: Number((run.from / fps).toFixed(2)), toS: Number((run.to / fps).toFixed(2)), segments: read.length });
      return read;
    });
    reads.push({ seriesId: e.seriesId, episode: e.episode, key: episodeKey(ports.secret, e.seriesId, e.episode, e.layout.segmentsS.length), segments });
  }

  const candidates = new Map<string, Candidate>();
  for (const r of reads) for (const c of await ports.recipients(r.seriesId, r.episode)) candidates.set(c.userId, c);
  const verdict = scoreCandidates(reads, [...candidates.values()], ports.secret);
  const primary = [...matched].sort((a, b) => b.segments - a.segments)[0];
  return {
    seriesId: primary.seriesId,
    episode: primary.episode,
    userId: verdict.userId,
    confidence: Number(verdict.confidence.toFixed(6)),
    evidence: {
      bitsRead: verdict.bitsRead,
      clearBits: verdict.clearBits,
      agreeingBits: verdict.ranking[0]?.agreeing ?? 0,
      episodes: matched,
      ranking: verdict.ranking.slice(0, 5).map((r) => ({ userId: r.userId, score: Number(r.score.toFixed(2)) })),
      candidates: candidates.size,
    },
  };
}
