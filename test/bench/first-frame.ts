/**
 * `npm run bench:first-frame`: time from the end of a swipe in the feed to the first new video frame
 * of the next series, with that episode preloaded, in Chromium on the H5 build against the local
 * stack. The feed gets BENCH_SWIPES + 1 series (copies of the seeded ones, over their media), and
 * each swipe goes to a series the feed has already preloaded. Every feed episode is a paid one the
 * viewer holds a membership for, so it is served as the viewer's HLS playlist of marked segments and
 * preloaded through hls.js (each copy goes through the ingest once; cached in RENDER_DIR). Prints
 * every swipe, the median (goal ≤ 150 ms) and p90.
 */
import { QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureH5Build } from '../../functions/local/h5-build';
import { stackSettings } from '../../functions/local/settings';
import { markSecretOf, startStack } from '../../functions/local/stack';
import { ingestEpisodes, type SeedIngestItem } from '../../functions/local/seed/ingest';
import { launchBrowser } from '../support/browser';
import { apiClient } from '../support/http';
import { buy } from '../support/pay';
import { eventually } from '../support/eventually';
import { freeStackPorts } from '../support/free-port';
import { percentile } from './rate';

const swipes = Number(process.env.BENCH_SWIPES ?? 20);
const goalMs = 150;

/**
 * In the page (plain JavaScript: the bundler's helpers do not exist there): arms the measurement
 * for the video `sel` — the release of the swipe, then the first frame presented while that video
 * plays past where it stood (requestVideoFrameCallback), or the media clock moving if the renderer
 * presents no frame callbacks — both on the page's clock.
 */
const armFirstFrame = `function (sel) {
  var video = document.querySelector(sel);
  var readyState = video.readyState;
  var startTime = video.currentTime;
  var released;
  var done = false;
  window.firstFrame = new Promise(function (resolve) {
    function finish(by, at) {
      if (done || released === undefined) return;
      done = true;
      resolve({ ms: at - released, readyState: readyState, by: by });
    }
    window.addEventListener('pointerup', function () { released = performance.now(); }, { once: true, capture: true });
    function onFrame(now, meta) {
      if (released !== undefined && !video.paused && meta.mediaTime > startTime) finish('frame callback', now);
      else if (!done) video.requestVideoFrameCallback(onFrame);
    }
    video.requestVideoFrameCallback(onFrame);
    function poll() {
      if (released !== undefined && !video.paused && video.currentTime > startTime) finish('media clock', performance.now());
      else if (!done) setTimeout(poll, 2);
    }
    poll();
  });
}`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'drama-first-frame-'));
  // The copies below have no platform review of their own: the feed lists every published series.
  process.env.CATALOG_VISIBILITY = 'published';
  const settings = stackSettings({ dataDir, ports: await freeStackPorts() });
  process.env.CATALOG_TTL_MS = '500';
  process.env.LOG_LEVEL = 'ERROR';
  ensureH5Build(settings);
  const stack = await startStack(settings, { seed: { maxEpisodes: 6, hls: [] }, api: true, app: true, inference: false });
  const browser = await launchBrowser();
  try {
    // More series than swipes: copies of the seeded ones, each episode pointing at seeded media.
    const documents = stack.clients.documents;
    const { Items = [] } = await documents.send(new QueryCommand({ TableName: settings.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CATALOG' } }));
    const seeded = Items.filter((i) => i.kind === 'series');
    const episodes = Items.filter((i) => i.kind === 'episode');
    // Episode 1 of every series is paid (freeEpisodes 0) and goes through the ingest to marked HLS.
    const ingest: SeedIngestItem[] = [];
    for (const from of seeded) {
      await documents.send(new PutCommand({ TableName: settings.tableName, Item: { ...from, freeEpisodes: 0 } }));
      ingest.push({ seriesId: from.id, episode: 1, mediaKey: episodes.find((e) => e.seriesId === from.id && e.index === 1)!.mediaKey });
    }
    for (let n = 0; n < swipes + 1 - seeded.length; n++) {
      const from = seeded[n % seeded.length];
      const id = `bench-${n}`;
      await documents.send(new PutCommand({ TableName: settings.tableName, Item: { ...from, freeEpisodes: 0, sk: `S#${id}`, id, title: `${from.title} ${n + 2}`, order: 1000 + n } }));
      for (const e of episodes.filter((e) => e.seriesId === from.id)) {
        await documents.send(new PutCommand({ TableName: settings.tableName, Item: { ...e, sk: `S#${id}#E#${String(e.index).padStart(4, '0')}`, seriesId: id } }));
      }
      ingest.push({ seriesId: id, episode: 1, mediaKey: episodes.find((e) => e.seriesId === from.id && e.index === 1)!.mediaKey });
    }
    const ingestStarted = Date.now();
    await ingestEpisodes(settings, stack.clients, ingest, markSecretOf(settings), (done, total) => process.stdout.write(`\ringest ${done}/${total}`));
    console.log(` (${((Date.now() - ingestStarted) / 1000).toFixed(0)} s)`);
    await eventually(async () => (await (await fetch(`${stack.urls.API}/series`)).json()).items.length, (n) => n >= swipes + 1, 'the feed catalog');

    // The browser's viewer (the H5 app's sandbox code, set before it starts) holds a membership.
    const code = `h5-bench-${Date.now().toString(16)}`;
    const { token } = await apiClient(stack.urls.API).signIn(code);
    await buy(stack.urls, token, { kind: 'membership', plan: 'month' });

    const page = await browser.newPage();
    await page.addInitScript((c) => localStorage.setItem('drama.sandboxCode', JSON.stringify({ data: c })), code);
    await page.goto(stack.urls.APP);
    await page.locator('.feed__swiper').waitFor();
    const videoOf = (i: number) => `[id="feed-video-${i}"] video`;
    const playing = (i: number) => page.evaluate((sel) => (document.querySelector(sel) as HTMLVideoElement | null)?.currentTime ?? 0, videoOf(i));
    await eventually(() => playing(0), (t) => t > 0.2, 'the first episode playing', 30_000);
    const box = (await page.locator('.feed__swiper').boundingBox())!;

    const results: Array<{ ms: number; readyState: number; by: string }> = [];
    let ignored = 0;
    for (let i = 0; i < swipes; i++) {
      // The next series is preloaded: its video element exists and has decoded data to show.
      await eventually(
        () => page.evaluate((sel) => (document.querySelector(sel) as HTMLVideoElement | null)?.readyState ?? -1, videoOf(i + 1)),
        (state) => state >= 2,
        `series ${i + 2} preloaded`,
        30_000,
      );
      // Arm the measurement in the page: the release of the swipe, then the next video's first frame
      // presented while it plays (requestVideoFrameCallback), both on the page's clock. A quick upward
      // swipe, as a thumb makes it. Now and then the swiper lets a synthetic swipe pass without moving
      // (the current video plays on, the next one never starts): such a swipe is counted as ignored and
      // made again, and the figure is measured from the release of the swipe that moved the feed.
      const x = box.x + box.width / 2;
      type FirstFrame = { ms: number; readyState: number; by: string };
      const swipe = async (attempt: number): Promise<FirstFrame> => {
        await page.evaluate(`(${armFirstFrame})(${JSON.stringify(videoOf(i + 1))})`);
        await page.mouse.move(x, box.y + box.height * 0.75);
        await page.mouse.down();
        for (let s = 1; s <= 5; s++) await page.mouse.move(x, box.y + box.height * (0.75 - 0.1 * s));
        await page.mouse.up();
        const frame = await page.evaluate(() => Promise.race([(window as unknown as { firstFrame: Promise<FirstFrame> }).firstFrame, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]));
        if (frame) return frame;
        const state = await page.evaluate(() => [...document.querySelectorAll('video')].map((v) => ({ id: v.closest('[id]')?.id, paused: v.paused, t: v.currentTime, rs: v.readyState, src: v.src.slice(0, 60) })));
        const stayed = state.find((v) => v.id === `feed-video-${i}`)?.paused === false && state.find((v) => v.id === `feed-video-${i + 1}`)?.t === 0;
        if (!stayed || attempt === 3) throw new Error(`swipe ${i + 1}: no frame of series ${i + 2} within 5 s: ${JSON.stringify(state)}`);
        ignored++;
        console.log(`swipe ${String(i + 1).padStart(2)}: ignored by the swiper (the feed stayed on series ${i + 1}); swiping again`);
        return swipe(attempt + 1);
      };
      const result = await swipe(1);
      results.push(result);
      const source = await page.evaluate((sel) => (document.querySelector(sel) as HTMLVideoElement).currentSrc.slice(0, 5), videoOf(i + 1));
      console.log(`swipe ${String(i + 1).padStart(2)}: first frame ${result.ms.toFixed(1).padStart(6)} ms after release (${result.by}; next video readyState ${result.readyState} at the swipe; ${source === 'blob:' ? 'HLS through hls.js' : 'not HLS'})`);
      await eventually(() => playing(i + 1), (t) => t > 0.1, `series ${i + 2} playing`);
    }
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const median = percentile(ms, 50);
    console.log(`\nbench:first-frame — ${swipes} swipes, Chromium (headless) on the H5 build, local stack`);
    console.log(`time to first frame after a swipe: median ${median.toFixed(1)} ms, p90 ${percentile(ms, 90).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (goal median ≤ ${goalMs} ms: ${median <= goalMs ? 'met' : 'NOT MET'}); swipes the swiper ignored and that were made again: ${ignored}`);
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
