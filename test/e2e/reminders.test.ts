import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { seedSeries } from '../../functions/local/seed/catalog';
import { addSeries, putEpisode, runJob } from '../support/fixtures';
import { readStackInfo } from '../support/stack-setup';

const stack = readStackInfo('e2e');
/** What test/support/stack-setup.ts sets CATALOG_TTL_MS to. */
const catalogTtlMs = 500;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** Playback time of the furthest-along <video> on the page. */
const playedS = () => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));
const answered = (path: RegExp, method: string) => page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === method);

describe('episode update reminders in the H5 app', () => {
  it('follows a series, accepts the reminder, and opens the released episode from the sandbox inbox', async () => {
    // A series whose every episode is free, so the released one plays without a paywall, over a
    // seeded episode's media (not the catalog's first series: other suites publish series of their own).
    const mediaKey = `media/${seedSeries[0].id}/ep-001.mp4`;
    const seriesId = 'remind-e2e';
    await addSeries(stack, { id: seriesId, episodes: 3, freeEpisodes: 10, episodePriceCoins: 30, seriesPriceFen: 990, mediaKey });
    await eventually(async () => (await fetch(`${stack.urls.API}/series/${seriesId}`)).status, (s) => s === 200, 'the fixture series served');

    // 追剧 asks for the update reminder in the (sandbox) platform dialog.
    await page.goto(`${stack.urls.APP}/#/packages/watch/pages/series/index?seriesId=${seriesId}`);
    await page.locator('.series-page').waitFor();
    const followed = answered(/^\/follows\//, 'POST');
    await page.getByRole('button', { name: '追剧' }).click();
    const dialog = page.getByRole('dialog', { name: '订阅消息' });
    await dialog.getByText('追剧更新提醒').waitFor();
    const consented = answered(/^\/consents$/, 'POST');
    await dialog.getByRole('button', { name: '允许' }).click();
    expect((await followed).status()).toBe(200);
    expect((await consented).status()).toBe(200);
    await page.getByRole('button', { name: '已追剧' }).waitFor();

    // An operator releases episode 4; the release job sends the reminder through the platform.
    await putEpisode(stack, { seriesId, index: 4, mediaKey, releaseAt: new Date(Date.now() - 1000).toISOString() });
    const putAt = Date.now();
    await runJob(stack, 'releaseEpisodes');

    await page.goto(`${stack.urls.APP}/#/packages/habits/pages/inbox/index`);
    const message = page.locator('.inbox-message', { hasText: '第4集已更新' });
    await message.waitFor();
    // The API's functions cache the catalog (CATALOG_TTL_MS, 500 ms in test stacks): a catalog read
    // just before the release may not know episode 4 yet, so tap only once any such copy has lapsed.
    await new Promise((r) => setTimeout(r, Math.max(0, putAt + catalogTtlMs + 200 - Date.now())));
    await message.click();

    await page.locator('.player').waitFor();
    expect(page.url()).toContain(`seriesId=${seriesId}&episode=4&from=reminder`);
    await page.getByText('第 4 集').first().waitFor();
    await eventually(playedS, (t) => t > 0.5, 'the released episode playing', 20_000);
  });
});
