import type { BrowserContext, Page } from 'playwright-core';
import { seedSeries } from '../../functions/local/seed/catalog';
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

// The inference server runs on CPU here: an 8-branch batch takes about a second, so waits are generous.
const slow = 30_000;

describe('a scene from a drama frame in the H5 app', () => {
  it('opens a scene from the player, and two different actions each change the frame', async () => {
    // A seeded series, not the catalog's first: other suites publish series of their own.
    await page.goto(`${stack.urls.APP}#/packages/watch/pages/player/index?seriesId=${encodeURIComponent(seedSeries[0].id)}&episode=1`);
    const playedS = () => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));
    await eventually(playedS, (t) => t > 2, 'episode 1 playing for 2 s', 20_000);

    await page.locator('.play-scene').click();
    await page.locator('.scene-frame').waitFor({ timeout: slow });
    const frame = () => page.locator('.scene-frame').getAttribute('src');
    const start = await eventually(frame, (src) => !!src?.startsWith('data:image/png;base64,'), 'the first frame', slow);
    await page.locator('.scene-ready--on').waitFor({ timeout: slow });

    await page.locator('.scene-action[data-action="0"]').click();
    await page.getByText('第 1 步').waitFor({ timeout: slow });
    const afterA = await eventually(frame, (src) => !!src && src !== start, 'the frame after action 1', slow);

    await page.locator('.scene-action[data-action="5"]').click();
    await page.getByText('第 2 步').waitFor({ timeout: slow });
    const afterB = await eventually(frame, (src) => !!src && src !== afterA, 'the frame after action 6', slow);

    expect(new Set([start, afterA, afterB]).size).toBe(3);
    expect(await page.locator('.scene-strip .scene-strip__frame').count()).toBe(3);
  }, 120_000);
});
