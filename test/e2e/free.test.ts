import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { readStackInfo } from '../support/stack-setup';

/**
 * Free to watch in the H5 app, in Chromium: unlocking an episode by watching the sandbox network's
 * rewarded ad (ticket → ad → signed callback → plays), the trial preview (plays, stops, paywall),
 * what finishing costs, the player's remembered speed, and a shared link opening the episode for
 * someone else and counting in the console's funnel. Each test gets a fresh browser profile: a new
 * sandbox viewer.
 */
const stack = readStackInfo('e2e');

interface SeriesSummary {
  id: string;
  title: string;
  episodeCount: number;
  freeEpisodes: number;
}

let browser: BrowserContext;
let page: Page;
beforeEach(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterEach(async () => {
  await browser?.close();
});

const lockedSeries = async (): Promise<SeriesSummary> => {
  const { items } = await (await fetch(`${stack.urls.API}/series`)).json();
  return items.find((s: SeriesSummary) => s.freeEpisodes > 0 && s.episodeCount > s.freeEpisodes);
};
const playerUrl = (s: SeriesSummary, episode: number) => `${stack.urls.APP}/#/packages/watch/pages/player/index?seriesId=${s.id}&episode=${episode}`;
/** The <video> elements' sources and positions. */
const videos = (p: Page = page) => p.evaluate(() => [...document.querySelectorAll('video')].map((v) => ({ src: v.currentSrc || v.src, at: v.currentTime, rate: v.playbackRate, ended: v.ended })));

describe('free to watch in the H5 app', () => {
  it('plays the trial preview of a locked episode, opens the paywall where it ends, and unlocks the episode by a rewarded ad', async () => {
    const series = await lockedSeries();
    const episode = series.freeEpisodes + 1;
    await page.goto(playerUrl(series, episode));
    await page.getByLabel('试看').waitFor();
    const [preview] = await eventually(videos, (v) => v.length === 1 && v[0].at > 0.3, 'the preview playing', 20_000);
    expect(preview.src).toContain('.preview-');
    expect(await page.locator('.paywall').count()).toBe(0);
    // Skip to its last moment: the preview stops there (nothing past the cut) and the paywall opens.
    await page.evaluate(() => {
      const v = document.querySelector('video')!;
      v.currentTime = Math.max(0, v.duration - 0.3);
    });
    const paywall = page.locator('.paywall');
    await paywall.waitFor({ timeout: 10_000 });
    await page.getByText(`第 ${episode} 集需解锁后观看`).waitFor();
    // What finishing costs, beside the prices, and the cheapest way the server chose.
    await paywall.getByLabel('看完全剧').getByText(`看完全剧还需解锁 ${series.episodeCount - series.freeEpisodes} 集`, { exact: false }).waitFor();
    expect(await paywall.getByText('最省', { exact: true }).count()).toBe(1);

    // The reward is explained first; the viewer starts the ad; the sandbox network calls the API back.
    await paywall.getByText('看广告免费解锁本集').click();
    await paywall.getByText('完整看完即可免费解锁本集', { exact: false }).waitFor();
    await paywall.getByRole('button', { name: '开始观看' }).click();
    await page.getByRole('dialog', { name: '激励视频广告' }).waitFor();
    await page.getByText('解锁成功').waitFor({ timeout: 30_000 });
    await eventually(videos, (v) => v.some((x) => !x.src.includes('.preview-') && x.at > 0.5), `episode ${episode} playing after the ad`, 20_000);
    expect(await page.locator('.paywall').count()).toBe(0);
  });

  it("plays at the speed the viewer chose and remembers it; a shared link opens the episode for someone else, through the paywall, and counts in the console's funnel", async () => {
    const series = await lockedSeries();
    await page.goto(playerUrl(series, 1));
    await eventually(videos, (v) => v.some((x) => x.at > 0.3), 'episode 1 playing', 20_000);
    await page.getByRole('button', { name: /^倍速/ }).click();
    await page.getByRole('menuitemradio', { name: '1.5×' }).click();
    await eventually(videos, (v) => v[0]?.rate === 1.5, 'playing at 1.5×');

    const episode = series.freeEpisodes + 1;
    await page.goto(playerUrl(series, episode));
    await page.reload();
    await page.getByRole('button', { name: '倍速 1.5×' }).waitFor();
    await eventually(videos, (v) => v[0]?.rate === 1.5, 'the preview at 1.5× after a reload', 20_000);

    await page.getByRole('button', { name: '分享' }).click();
    const link = (await page.getByLabel('分享链接').textContent())!.trim();
    expect(link).toContain('channel=share');
    const friend = await launchBrowser();
    try {
      const theirs = await friend.newPage();
      await theirs.goto(link);
      // The recipient lands on the shared episode and meets its paywall (after the preview), like anyone.
      await theirs.getByRole('button', { name: '解锁完整版' }).click();
      await theirs.locator('.paywall').waitFor();
      await theirs.getByText(`第 ${episode} 集需解锁后观看`).waitFor();
      // Their speed is their own.
      expect(await theirs.getByRole('button', { name: '倍速' }).count()).toBe(1);
    } finally {
      await friend.close();
    }
    const operator = (await (await fetch(`${stack.urls.API}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret: stack.apiEnv.OPERATOR_SECRET }) })).json()).token;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const funnel = () => fetch(`${stack.urls.API}/admin/figures/funnel?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${operator}` } }).then((r) => r.json());
    await eventually(funnel, (f) => f.byCampaign.some((r: { key: string; counts: { launch: number; paywall: number } }) => r.key === '分享' && r.counts.launch >= 1 && r.counts.paywall >= 1), 'the share row in the funnel');
  });
});
