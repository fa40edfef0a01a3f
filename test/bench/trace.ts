/**
 * `npm run bench:trace`: simulated leaks through the real stack, traced back. Viewers sign in and buy
 * a drama at the sandbox cashier; each plays the paid episodes through their own playlist; a leak is
 * made from what they downloaded (segments joined), re-encoded with x264, cropped and trimmed, and
 * then traced as the console and `npm run trace` do. Scenarios (the issue's):
 * - one episode of ≥ 20 s: 360p, CRF 30, 2 % cropped each side, first 3 s cut — one leak per viewer;
 * - three episodes joined: 360p, CRF 35, 5 % cropped, first 3 s cut;
 * - unmarked copies (the sources themselves, degraded the same ways): nobody may be named;
 * - copies spliced from two viewers' segments: only one of the two, or nobody, may be named.
 * Prints a line per leak and the table. Options (env): BENCH_TRACE_VIEWERS (100),
 * BENCH_TRACE_MULTI (20: three-episode leaks), BENCH_TRACE_MIXED (20), BENCH_TRACE_WORKERS (2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlayOutput } from '@drama/shared/playback';
import type { TraceResult } from '@drama/shared/forensics';
import { episodePath } from '../../functions/local/seed/cli';
import { seedSeries } from '../../functions/local/seed/catalog';
import { stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { freeStackPorts } from '../support/free-port';
import { apiClient } from '../support/http';
import { degrade, joinSegments, segmentUrls, type Degrade } from '../support/leak';
import { buy } from '../support/pay';
import { percentile } from './rate';

const viewersWanted = Number(process.env.BENCH_TRACE_VIEWERS ?? 100);
const multiWanted = Number(process.env.BENCH_TRACE_MULTI ?? 20);
const mixedWanted = Number(process.env.BENCH_TRACE_MIXED ?? 20);
const workers = Number(process.env.BENCH_TRACE_WORKERS ?? 2);

// The drama whose paid episodes are leaked: its shortest paid episode of at least 20 s for the
// one-episode scenario, and its first three paid episodes for the three-episode one.
const drama = seedSeries[1];
const paid = drama.episodes.filter((e) => e.index > drama.freeEpisodes);
const single = paid.filter((e) => e.durationS >= 20).sort((a, b) => a.durationS - b.durationS || a.index - b.index)[0];
const three = paid.slice(0, 3);
const marked = [single, ...three.filter((e) => e.index !== single.index)];

const oneEpisode: Degrade = { height: 640, crf: 30, crop: 0.02, cutS: 3 };
const threeEpisodes: Degrade = { height: 640, crf: 35, crop: 0.05, cutS: 3 };

type Outcome = 'right' | 'wrong' | 'none';
interface Row { scenario: string; outcome: Outcome; confidence: number; traceMs: number }

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'drama-bench-trace-'));
  const work = mkdtempSync(join(tmpdir(), 'drama-leaks-'));
  const settings = stackSettings({ dataDir, ports: await freeStackPorts() });
  process.env.CATALOG_TTL_MS = '500';
  const maxEpisodes = Math.max(...marked.map((e) => e.index));
  const seedStarted = Date.now();
  const stack = await startStack(settings, { seed: { maxEpisodes, hls: marked.map((e) => ({ seriesId: drama.id, episode: e.index })) }, api: true, app: false, inference: false });
  console.log(`stack up with ${marked.length} marked episodes of ${drama.id} in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s (variants cached in RENDER_DIR after the first run)`);
  try {
    Object.assign(process.env, stack.apiEnv, { LOG_LEVEL: 'ERROR' });
    const { traceCopy } = await import('../../functions/src/domain/forensics/trace');
    const { tracePorts } = await import('../../functions/src/wiring/forensics-ports');
    const { api, signIn } = apiClient(stack.urls.API);
    const rows: Row[] = [];
    const trace = async (file: string) => {
      const started = Date.now();
      const result: TraceResult = await traceCopy(file, tracePorts());
      return { result, ms: Date.now() - started };
    };
    /** `right`: named a viewer whose segments the copy holds; `none`: named nobody; `wrong`: anyone else. */
    const record = (scenario: string, label: string, result: TraceResult, ms: number, leakers: string[]) => {
      const outcome: Outcome = result.userId === null ? 'none' : leakers.includes(result.userId) ? 'right' : 'wrong';
      rows.push({ scenario, outcome, confidence: result.confidence, traceMs: ms });
      console.log(`${scenario.padEnd(34)} ${label.padEnd(28)} → ${String(result.userId).padEnd(26)} conf ${result.confidence.toFixed(6)}  bits ${result.evidence.clearBits}/${result.evidence.bitsRead}  ${outcome.toUpperCase()}  ${ms} ms`);
    };

    // Viewers buy the drama and play every marked episode (which records them as its recipients).
    const count = Math.max(viewersWanted, multiWanted, 2 * mixedWanted);
    const viewers: Array<{ userId: string; token: string }> = [];
    /** A viewer's segment URLs of an episode, from a fresh playlist (they expire like play URLs). */
    const segmentsOf = async (v: { token: string }, episode: number) => {
      const played = await api<PlayOutput>('/play', { body: { seriesId: drama.id, episode }, token: v.token });
      if (played.body.format !== 'hls') throw new Error(`episode ${episode} is not served as HLS`);
      return segmentUrls(await (await fetch(played.body.url)).text());
    };
    await pool(Array.from({ length: count }, (_, i) => i), 4, async (i) => {
      const { token, user } = await signIn(`bench-trace-${i}`);
      await buy(stack.urls, token, { kind: 'series', seriesId: drama.id });
      for (const e of marked) await segmentsOf({ token }, e.index);
      viewers[i] = { userId: user.id, token };
    });
    console.log(`${count} viewers bought ${drama.id} and received playlists of episodes ${marked.map((e) => e.index).join(', ')}`);

    const leak = async (name: string, urls: string[], d: Degrade) => degrade(await joinSegments(urls, join(work, `${name}.ts`)), join(work, `${name}.mp4`), d);

    await pool(viewers.slice(0, viewersWanted), workers, async (v, i) => {
      const file = await leak(`one-${i}`, await segmentsOf(v, single.index), oneEpisode);
      const { result, ms } = await trace(file);
      record(`1 episode (${single.durationS} s), CRF 30, 2 %`, v.userId, result, ms, [v.userId]);
    });
    await pool(viewers.slice(0, multiWanted), workers, async (v, i) => {
      const urls: string[] = [];
      for (const e of three) urls.push(...(await segmentsOf(v, e.index)));
      const file = await leak(`three-${i}`, urls, threeEpisodes);
      const { result, ms } = await trace(file);
      record('3 episodes, CRF 35, 5 %', v.userId, result, ms, [v.userId]);
    });
    const unmarked = [
      ...marked.map((e) => ({ label: `source ep ${e.index}`, file: episodePath(settings.renderDir, drama.id, e.index), d: oneEpisode })),
      ...marked.map((e) => ({ label: `source ep ${e.index}`, file: episodePath(settings.renderDir, drama.id, e.index), d: threeEpisodes })),
    ];
    await pool(unmarked, workers, async (u, i) => {
      const file = await degrade(u.file, join(work, `unmarked-${i}.mp4`), u.d);
      const { result, ms } = await trace(file);
      record(`unmarked, CRF ${u.d.crf}, ${u.d.crop * 100} %`, u.label, result, ms, []);
    });
    await pool(Array.from({ length: mixedWanted }, (_, i) => i), workers, async (i) => {
      const [x, y] = [viewers[2 * i], viewers[2 * i + 1]];
      const xs = await segmentsOf(x, single.index);
      const ys = await segmentsOf(y, single.index);
      // Alternate segments, or the first half from one and the rest from the other.
      const urls = i % 2 === 0 ? xs.map((u, j) => (j % 2 === 0 ? u : ys[j])) : xs.map((u, j) => (j < xs.length / 2 ? u : ys[j]));
      const file = await leak(`mixed-${i}`, urls, oneEpisode);
      const { result, ms } = await trace(file);
      record(`2 viewers mixed (${i % 2 === 0 ? 'alternating' : 'halves'}), CRF 30`, `${x.userId.slice(0, 10)}+${y.userId.slice(0, 10)}`, result, ms, [x.userId, y.userId]);
    });

    console.log(`\nbench:trace — ${drama.id}; candidates are the ${count} viewers who received playlists`);
    console.log('scenario                                 leaks viewers  right  wrong   none  trace p50 ms');
    const scenarios = [...new Set(rows.map((r) => r.scenario))];
    for (const s of scenarios) {
      const r = rows.filter((x) => x.scenario === s);
      const n = (o: Outcome) => r.filter((x) => x.outcome === o).length;
      const viewersIn = s.startsWith('unmarked') ? 0 : s.startsWith('2 viewers') ? 2 * r.length : r.length;
      console.log(`${s.padEnd(40)} ${String(r.length).padStart(5)} ${String(viewersIn).padStart(7)} ${String(n('right')).padStart(6)} ${String(n('wrong')).padStart(6)} ${String(n('none')).padStart(6)} ${percentile(r.map((x) => x.traceMs).sort((a, b) => a - b), 50).toFixed(0).padStart(12)}`);
    }
    const wrong = rows.filter((r) => r.outcome === 'wrong').length;
    const singleRows = rows.filter((r) => r.scenario.startsWith('1 episode'));
    const rate = singleRows.filter((r) => r.outcome === 'right').length / singleRows.length;
    console.log('right: named a viewer whose segments the copy holds; none: named nobody; wrong: named anyone else');
    console.log(`one episode: right viewer in ${(100 * rate).toFixed(1)} % of ${singleRows.length} leaks (goal ≥ 99 %: ${rate >= 0.99 ? 'met' : 'NOT MET'}); wrong names overall: ${wrong} (goal 0: ${wrong === 0 ? 'met' : 'NOT MET'})`);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
