// `npm run screenshots`: the README's pictures, taken from the running stack (`npm start` first).
//
// A new viewer's phone (390×844) walks the feed, a locked episode's paywall, the sandbox cashier and
// an AI scene; an operator's desk (1440×900) signs in to the console. Each picture is written to
// miniapp/screenshots/ over the last one, so the README always shows the product as it is.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rootDir, stackSettings, url } from '../../functions/local/settings';
import { desk, launchBrowser, phone } from '../support/browser';

const settings = stackSettings();
const app = url(settings, settings.ports.app);
const api = url(settings, settings.ports.api);
const outDir = join(rootDir, 'miniapp', 'screenshots');

interface SeriesSummary { id: string; title: string; freeEpisodes: number; episodeCount: number }

async function shot(page: Page, name: string): Promise<void> {
  // Fonts and the last frame of a transition settle before the picture is taken.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`miniapp/screenshots/${name}.png`);
}

async function viewer(series: SeriesSummary): Promise<void> {
  const browser = await launchBrowser({ ...phone, deviceScaleFactor: 2 });
  try {
    const page = await browser.newPage();
    await page.goto(app);
    await page.locator('.feed').waitFor();
    await page.getByText(series.title).first().waitFor();
    // The first episode is playing once its video has advanced.
    await page.waitForFunction(() => [...document.querySelectorAll('video')].some((v) => v.currentTime > 1));
    await shot(page, 'feed');

    await page.goto(`${app}#/packages/watch/pages/player/index?seriesId=${encodeURIComponent(series.id)}&episode=${series.freeEpisodes + 1}`);
    const paywall = page.locator('.paywall');
    await paywall.locator('.paywall-offer').nth(2).waitFor();
    await shot(page, 'paywall');

    await paywall.getByText('解锁全集').click();
    await page.getByRole('dialog', { name: '收银台' }).getByText('确认支付').waitFor();
    await shot(page, 'cashier');

    // A scene from a frame a few seconds in (the opening second is the title card), pressed twice
    // so the picture shows it moved and the strip holds the frames before it.
    await page.goto(`${app}#/packages/watch/pages/player/index?seriesId=${encodeURIComponent(series.id)}&episode=1`);
    await page.waitForFunction(() => [...document.querySelectorAll('video')].some((v) => v.currentTime > 4));
    await page.locator('.play-scene').click();
    await page.locator('.scene-frame').waitFor({ timeout: 60_000 });
    for (const control of ['right', 'right']) {
      await page.locator('.scene-ready--on').waitFor({ timeout: 60_000 });
      await page.locator(`[data-control="${control}"]`).click();
    }
    await page.locator('.scene-ready--on').waitFor({ timeout: 60_000 });
    await shot(page, 'scene');
  } finally {
    await browser.close();
  }
}

async function operator(): Promise<void> {
  const secret = readFileSync(join(settings.dataDir, 'operator-secret'), 'utf8').trim();
  const browser = await launchBrowser(desk);
  try {
    const page = await browser.newPage();
    await page.goto(`${app}#/packages/console/pages/login/index`);
    await page.getByLabel('运营密钥').fill(secret);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '运营后台' }).waitFor();
    await page.getByRole('img', { name: '每日收入' }).locator('svg').waitFor();
    await shot(page, 'console');
    await page.getByRole('button', { name: '剧集' }).click();
    await page.locator('.console-table tbody tr').first().waitFor();
    await shot(page, 'console-series');
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const res = await fetch(`${api}/series`).catch(() => null);
  if (!res?.ok) throw new Error(`no API at ${api}: run npm start first (the screenshots are taken from the running stack)`);
  const { items } = (await res.json()) as { items: SeriesSummary[] };
  const series = items.find((s) => s.freeEpisodes > 0 && s.episodeCount > s.freeEpisodes);
  if (!series) throw new Error('no seeded series has both free and paid episodes');
  mkdirSync(outDir, { recursive: true });
  await viewer(series);
  await operator();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
