/**
 * `npm run bench:play`: the play handler invoked in-process with API Gateway events, against a raw
 * DynamoDB GetItem on the same dynalite, in the same run, at a fixed rate — a free episode (MP4) and a
 * paid one (the viewer's HLS playlist URL); the playlist handler (one read, every segment URL signed
 * for the viewer); then /play through the local HTTP API (serverless-offline). Prints p50/p99 of each
 * and the in-process/GetItem ratios. Options (env): BENCH_RPS (200), BENCH_SECONDS (20).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { apiEvent } from '../support/api-event';
import { freeStackPorts } from '../support/free-port';
import { seedSeries } from '../../functions/local/seed/catalog';
import { buy } from '../support/pay';
import { atFixedRate, printTable } from './rate';

const rps = Number(process.env.BENCH_RPS ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);

async function main() {
  const settings = stackSettings({
    dataDir: mkdtempSync(join(tmpdir(), 'drama-bench-')),
    ports: await freeStackPorts(),
  });
  const series0 = seedSeries[0];
  const paidEpisode = series0.freeEpisodes + 1;
  const stack = await startStack(settings, { seed: { hls: [{ seriesId: series0.id, episode: paidEpisode }] }, api: true, app: false });
  try {
    Object.assign(process.env, stack.apiEnv, { LOG_LEVEL: 'ERROR' });
    const { handler: login } = await import('../../functions/src/handlers/login');
    const { handler: play } = await import('../../functions/src/handlers/play');
    const { handler: getPlaylist } = await import('../../functions/src/handlers/get-playlist');
    const { token, user } = JSON.parse((await login(apiEvent({ method: 'POST', path: '/auth/login', body: { platform: 'sandbox', code: 'bench' } }))).body);
    const series = JSON.parse((await fetch(`${stack.urls.API}/series`).then((r) => r.text()))).items[0];
    const body = { seriesId: series.id, episode: 1 };
    const event = () => apiEvent({ method: 'POST', path: '/play', body, token });
    await buy(stack.urls, token, { kind: 'series', seriesId: series0.id });
    const paidBody = { seriesId: series0.id, episode: paidEpisode };
    const paidEvent = () => apiEvent({ method: 'POST', path: '/play', body: paidBody, token });
    const paid = JSON.parse((await play(paidEvent())).body);
    if (paid.format !== 'hls') throw new Error(`the paid episode is not served as HLS: ${JSON.stringify(paid)}`);
    const link = new URL(paid.url);
    const playlistEvent = () => ({
      ...apiEvent({ method: 'GET', path: link.pathname, pathParameters: { seriesId: series0.id, episode: String(paidEpisode) } }),
      queryStringParameters: Object.fromEntries(link.searchParams),
    });
    const segments = (await getPlaylist(playlistEvent())).body.split('\n').filter((l: string) => l.startsWith('http')).length;

    // Warm both paths (module-scope catalog cache, SDK connections) before measuring.
    for (let i = 0; i < 50; i++) await Promise.all([play(event()), play(paidEvent()), getPlaylist(playlistEvent())]);
    const key = { pk: `USER#${user.id}`, sk: 'WALLET' };
    const getItem = () => stack.clients.documents.send(new GetCommand({ TableName: settings.tableName, Key: key }));
    for (let i = 0; i < 50; i++) await getItem();

    console.log(`bench:play — ${rps} req/s for ${seconds} s each, dynalite at ${stack.urls.DYNAMODB}`);
    const handlerRun = await atFixedRate('play handler (in-process)', rps, seconds, async () => (await play(event())).statusCode === 200);
    const paidRun = await atFixedRate('play handler, paid HLS (in-process)', rps, seconds, async () => JSON.parse((await play(paidEvent())).body).format === 'hls');
    const playlistRun = await atFixedRate(`playlist handler, ${segments} segments`, rps, seconds, async () => (await getPlaylist(playlistEvent())).statusCode === 200);
    const getRun = await atFixedRate('DynamoDB GetItem (raw)', rps, seconds, async () => {
      await getItem();
      return true;
    });
    const httpRun = await atFixedRate('POST /play via HTTP API (offline)', rps, seconds, async () => {
      const r = await fetch(`${stack.urls.API}/play`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      await r.arrayBuffer();
      return r.status === 200;
    });
    printTable([handlerRun, paidRun, playlistRun, getRun, httpRun]);
    console.log(`ratio in-process p50 / GetItem p50: ${(handlerRun.p50 / getRun.p50).toFixed(2)} free, ${(paidRun.p50 / getRun.p50).toFixed(2)} paid HLS (goal ≤ 2)`);
    console.log(`playlist per play: p50 ${playlistRun.p50.toFixed(2)} ms, p99 ${playlistRun.p99.toFixed(2)} ms for ${segments} segment URLs (${(playlistRun.p50 / getRun.p50).toFixed(2)}× a GetItem)`);
    console.log(`in-process p99: ${handlerRun.p99.toFixed(2)} ms (goal ≤ 30)`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
