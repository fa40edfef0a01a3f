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
  it('opens a scene from the player with a d-pad of named controls, and two of them each change the frame', async () => {
    // A seeded series, not the catalog's first: other suites publish series of their own.
    await page.goto(`${stack.urls.APP}#/packages/watch/pages/player/index?seriesId=${encodeURIComponent(seedSeries[0].id)}&episode=1`);
    const playedS = () => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('video')].map((v) => v.currentTime)));
    await eventually(playedS, (t) => t > 2, 'episode 1 playing for 2 s', 20_000);

    await page.locator('.play-scene').click();
    await page.locator('.scene-frame').waitFor({ timeout: slow });
    const frame = () => page.locator('.scene-frame').getAttribute('src');
    const start = await eventually(frame, (src) => !!src?.startsWith('data:image/png;base64,'), 'the first frame', slow);
    await page.locator('.scene-ready--on').waitFor({ timeout: slow });

    // the model's named controls as a d-pad: arrows (and 推近/拉远 where learned), no numbered actions, no stand-still
    const controls = await page.locator('.scene-control').evaluateAll((els) => els.map((el) => [el.getAttribute('data-control'), el.textContent]));
    expect(controls.length).toBeGreaterThanOrEqual(2);
    const labels: Record<string, string> = { up: '↑', left: '←', right: '→', down: '↓', in: '推近', out: '拉远' };
    for (const [name, text] of controls) expect(labels[name!]).toBe(text);
    expect(await page.getByText(/动作/).count()).toBe(0);

    // the arrow key of the first control, then a tap on the second
    const keys: Record<string, string> = { up: 'ArrowUp', left: 'ArrowLeft', right: 'ArrowRight', down: 'ArrowDown', in: '+', out: '-' };
    await page.keyboard.press(keys[controls[0][0]!]);
    await page.getByText('第 1 步').waitFor({ timeout: slow });
    const afterA = await eventually(frame, (src) => !!src && src !== start, `the frame after ${controls[0][0]}`, slow);

    await page.locator('.scene-ready--on').waitFor({ timeout: slow });
    await page.locator(`.scene-control[data-control="${controls[1][0]}"]`).click();
    await page.getByText('第 2 步').waitFor({ timeout: slow });
    const afterB = await eventually(frame, (src) => !!src && src !== afterA, `the frame after ${controls[1][0]}`, slow);

    expect(new Set([start, afterA, afterB]).size).toBe(3);
    expect(await page.locator('.scene-strip .scene-strip__frame').count()).toBe(3);
  }, 120_000);
});
