/**
 * Press-to-frame latency through the HTTP API (`POST /scenes/{id}/steps`), with the 8-branch batch
 * precomputed before each press, and with precompute switched off (every press computes its frame).
 * Part of `npm run bench:scene`. Options (env): BENCH_PRESSES (15).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { eventually } from '../support/eventually';
import { freeStackPorts } from '../support/free-port';
import { apiClient } from '../support/http';
import { testEpisodes } from '../support/stack-setup';
import { percentile } from './rate';

const presses = Number(process.env.BENCH_PRESSES ?? 15);

async function measure(precompute: boolean): Promise<number[]> {
  if (precompute) delete process.env.PRECOMPUTE_FUNCTION;
  else process.env.PRECOMPUTE_FUNCTION = 'precompute-switched-off';
  const settings = stackSettings({ dataDir: mkdtempSync(join(tmpdir(), 'drama-scene-bench-')), ports: await freeStackPorts() });
  const stack = await startStack(settings, { seed: { maxEpisodes: testEpisodes }, api: true, app: false });
  try {
    const { api, signIn } = apiClient(stack.urls.API);
    const { token } = await signIn(`scene-bench-${precompute}`);
    const series = (await api('/series')).body.items[0];
    const { sceneId } = (await api('/scenes', { body: { source: { kind: 'frame', seriesId: series.id, episode: 1, atS: 3 } }, token })).body;
    const times: number[] = [];
    for (let i = 0; i < presses; i++) {
      // Like a viewer: look at the frame until the next ones are ready (or a second without precompute).
      if (precompute) await eventually(() => api(`/scenes/${sceneId}`, { token }), (r) => r.body.ready === true, 'the batch', 60_000);
      else await new Promise((r) => setTimeout(r, 1000));
      const t0 = performance.now();
      const reply = await api(`/scenes/${sceneId}/steps`, { body: { action: i % 8 }, token });
      times.push(performance.now() - t0);
      if (reply.status !== 200 || reply.body.precomputed !== precompute) throw new Error(`press ${i}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    }
    return times.sort((a, b) => a - b);
  } finally {
    await stack.stop();
  }
}

async function main() {
  const withBatch = await measure(true);
  const without = await measure(false);
  const row = (name: string, t: number[]) => console.log(`${name.padEnd(34)} p50 ${percentile(t, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(t, 99).toFixed(1).padStart(7)} ms  (${t.length} presses)`);
  console.log('press-to-frame through the HTTP API (serverless-offline, CPU inference):');
  row('with the precomputed 8-branch batch', withBatch);
  row('without precompute', without);
  console.log(`goal: p50 ≤ 20 ms with precompute: ${percentile(withBatch, 50) <= 20 ? 'met' : 'NOT MET'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
