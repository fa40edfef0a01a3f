import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { PlayOutput } from '@drama/shared/playback';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';
import { degrade, joinSegments, segmentUrls } from '../support/leak';
import { buy } from '../support/pay';
import { readStackInfo, testHlsEpisode } from '../support/stack-setup';

/**
 * Paid media over HLS in the H5 app, and the operators' trace: a viewer buys the drama and plays the
 * paid episode (hls.js plays their playlist), a copy of what they downloaded is leaked, and the
 * operator uploads it on the console's 溯源 page and sees that viewer named, with the evidence.
 */
const stack = readStackInfo('e2e');
const { api, signIn } = apiClient(stack.urls.API);
const { seriesId, episode } = testHlsEpisode;
const work = mkdtempSync(join(tmpdir(), 'drama-e2e-trace-'));
const code = `h5-e2e-trace-${Date.now().toString(36)}`;
let viewer: { token: string; user: { id: string } };
let browser: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  viewer = await signIn(code);
  await buy(stack.urls, viewer.token, { kind: 'series', seriesId });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('paid media over HLS and tracing a leak', () => {
  it('plays the bought paid episode in H5 through hls.js', async () => {
    const page = await browser.newPage();
    // The H5 app's sandbox identity is a code in its storage: the same viewer who bought the drama.
    await page.addInitScript((c) => localStorage.setItem('drama.sandboxCode', JSON.stringify({ data: c })), code);
    await page.goto(`${stack.urls.APP}/#/packages/watch/pages/player/index?seriesId=${seriesId}&episode=${episode}`);
    const state = () => page.evaluate(() => [...document.querySelectorAll('video')].map((v) => ({ t: v.currentTime, src: v.currentSrc.slice(0, 5) })));
    const playing = await eventually(state, (vs) => vs.some((v) => v.t > 0.5), 'the paid episode playing', 30_000);
    // Media Source Extensions: hls.js feeds the element from a blob: URL, not the playlist itself.
    expect(playing.find((v) => v.t > 0.5)?.src).toBe('blob:');
    await page.close();
  }, 60_000);

  it('names the viewer of a leaked copy on the console\'s trace page, and records the trace', async () => {
    const played = await api<PlayOutput>('/play', { body: { seriesId, episode }, token: viewer.token });
    expect(played.body.format).toBe('hls');
    const joined = await joinSegments(segmentUrls(await (await fetch(played.body.url)).text()), join(work, 'copy.ts'));
    const leak = await degrade(joined, join(work, 'leak.mp4'));

    const ops = await browser.newPage();
    await ops.goto(`${stack.urls.APP}/#/packages/console/pages/trace/index`);
    await ops.getByLabel('运营密钥').fill(stack.apiEnv.OPERATOR_SECRET);
    await ops.getByRole('button', { name: '登录' }).click();
    await ops.getByRole('navigation', { name: '运营后台' }).waitFor();
    await ops.getByRole('button', { name: '溯源' }).click();
    await ops.getByLabel('可疑视频文件').setInputFiles(leak);
    const result = ops.getByLabel('溯源结果', { exact: true });
    await result.getByText(`来自观众 ${viewer.user.id}`).waitFor({ timeout: 120_000 });
    await result.getByText('置信度（命名须 ≥ 99.9%）').waitFor();
    await result.getByRole('table', { name: '匹配到的剧集' }).getByText(`第 ${episode} 集`).waitFor();
    await ops.getByRole('region', { name: '溯源记录' }).getByText(`观众 ${viewer.user.id}`).first().waitFor();
  }, 180_000);
});
