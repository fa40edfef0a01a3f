import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { rootDir } from '../../functions/local/settings';
import { launchBrowser } from '../support/browser';
import { eventually } from '../support/eventually';
import { readStackInfo } from '../support/stack-setup';

/**
 * Paying in the H5 app, end to end: the paywall, the sandbox cashier (the app plays the platform's
 * part against the sandbox), the platform's notification to the API, the grant, and the episode
 * playing. Each test gets a fresh browser profile, so a fresh sandbox user with an empty wallet.
 */
const stack = readStackInfo('e2e');
const shots = join(rootDir, '.tmp', 'e2e-shots');
mkdirSync(shots, { recursive: true });

interface SeriesSummary {
  id: string;
  title: string;
  episodeCount: number;
  freeEpisodes: number;
  episodePriceCoins: number;
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

const firstSeries = async (): Promise<SeriesSummary> => {
  const { items } = await (await fetch(`${stack.urls.API}/series`)).json();
  return items.find((s: SeriesSummary) => s.freeEpisodes > 0 && s.episodeCount > s.freeEpisodes);
};
const playerUrl = (s: SeriesSummary, episode: number) => `${stack.urls.APP}/#/packages/watch/pages/player/index?seriesId=${s.id}&episode=${episode}`;
/** A screenshot to look at, once Taro's page slide-in (300 ms) has finished. */
const shot = async (name: string) => {
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(shots, `pay-${name}.png`) });
};

/** The furthest any <video> on the page has played, in seconds. */
const playedS = () => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));

/** Plays the last free episode, then moves on to the first locked one and leaves its preview for the paywall. */
async function reachPaywall(series: SeriesSummary) {
  await page.goto(playerUrl(series, series.freeEpisodes));
  await eventually(playedS, (t) => t > 0.3, `free episode ${series.freeEpisodes} playing`, 20_000);
  await page.locator('.player__next').click();
  // The locked episode's trial preview plays first; 解锁完整版 goes straight to the paywall.
  await page.getByRole('button', { name: '解锁完整版' }).click();
  await page.getByText(`第 ${series.freeEpisodes + 1} 集需解锁后观看`).waitFor();
  const paywall = page.locator('.paywall');
  await paywall.waitFor();
  expect(await page.locator('video').count()).toBe(0);
  return paywall;
}

describe('paying in the H5 app', () => {
  it('buys the whole series at the sandbox cashier, and the locked episode plays', async () => {
    const series = await firstSeries();
    const paywall = await reachPaywall(series);
    await paywall.getByText('余额 0 金币').waitFor();
    await shot('paywall');

    await paywall.getByText('解锁全集').click();
    const cashier = page.getByRole('dialog', { name: '收银台' });
    await cashier.waitFor();
    expect(await cashier.textContent()).toContain(series.title);
    await shot('cashier');
    await cashier.getByText('确认支付').click();

    await page.getByText('支付成功').waitFor({ timeout: 30_000 });
    await shot('paid');
    await eventually(playedS, (t) => t > 0.5, `episode ${series.freeEpisodes + 1} playing after the purchase`, 20_000);
    expect(await page.locator('.paywall').count()).toBe(0);
    await page.getByText(`第 ${series.freeEpisodes + 1} 集`, { exact: false }).first().waitFor();
  });

  it('tops up coins from the paywall, comes back, and unlocks the episode with them', async () => {
    const series = await firstSeries();
    const paywall = await reachPaywall(series);

    await paywall.getByText(`${series.episodePriceCoins} 金币解锁本集`).click();
    await paywall.getByText(`金币不足，还差 ${series.episodePriceCoins}`).waitFor();
    await shot('short');
    await paywall.getByRole('button', { name: '去充值' }).click();

    const store = page.locator('.coin-store');
    await store.waitFor();
    await store.getByText(`还差 ${series.episodePriceCoins} 金币`).waitFor();
    await store.locator('.coin-pack').first().waitFor();
    await shot('store');
    await store.locator('.coin-pack').first().click();

    const cashier = page.getByRole('dialog', { name: '收银台' });
    await cashier.getByText('确认支付').click();
    await page.getByText('支付成功').waitFor({ timeout: 30_000 });
    await page.locator('.balance-card__coins').getByText('600').waitFor();
    await shot('store-paid');
    await page.getByRole('button', { name: '返回解锁' }).click();

    // Back on the player: the sheet is still open, and the balance has been read again.
    const again = page.locator('.paywall');
    await again.getByText('余额 600 金币').waitFor();
    await again.getByText(`${series.episodePriceCoins} 金币解锁本集`).click();

    await eventually(playedS, (t) => t > 0.5, `episode ${series.freeEpisodes + 1} playing after the coin unlock`, 20_000);
    expect(await page.locator('.paywall').count()).toBe(0);
    await shot('unlocked');
  });
});
