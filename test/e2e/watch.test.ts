import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { readStackInfo } from '../support/stack-setup';

const stack = readStackInfo('e2e');
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('the watch loop in the H5 app', () => {
  it('opens on the feed of seeded dramas and plays the first episode', async () => {
    const { items } = await (await fetch(`${stack.urls.API}/series`)).json();
    await page.goto(stack.urls.APP);
    await page.locator('.feed').waitFor();
    await page.getByText(items[0].title).first().waitFor();

    const playedS = () => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));
    await eventually(playedS, (t) => t > 0.5, 'the first episode playing', 20_000);
  });

  it('opens a series, shows free and locked episodes, and stops a paid one at the paywall after its preview', async () => {
    const { items } = await (await fetch(`${stack.urls.API}/series`)).json();
    const series = items[0];
    await page.getByText('选集').first().click();
    await page.locator('.series-page').waitFor();
    await eventually(() => page.locator('.episode-cell').count(), (n) => n === series.episodeCount, 'the episode grid');
    expect(await page.locator('.episode-cell.locked').count()).toBe(series.episodeCount - series.freeEpisodes);

    await page.locator('.episode-cell.locked').first().click();
    // A locked episode plays its trial preview first; 解锁完整版 opens the paywall at once.
    await page.getByRole('button', { name: '解锁完整版' }).click();
    const paywall = page.locator('.paywall');
    await paywall.waitFor();
    await eventually(() => paywall.locator('.paywall-offer').count(), (n) => n >= 3, 'the paywall offers');
    await paywall.getByText(`${series.episodePriceCoins}`).first().waitFor();
  });
});
