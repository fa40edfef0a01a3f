/**
 * `npm run bench:scene-paint`: press-to-paint in a scene, in Chromium on the H5 build against the local
 * stack: from the pointerdown on a d-pad control to the new frame decoded and painted, on the page's own
 * clock. A scene from a seeded drama frame; before each press the viewer waits until the page says 就绪
 * (the next frames are precomputed), as a viewer looks at the frame. Prints every press, p50 and p90
 * (goals: p50 ≤ 33 ms and p90 ≤ 50 ms, two and three frames at 60 Hz). Options (env): BENCH_PRESSES (30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSeries } from '../../functions/local/seed/catalog';
import { ensureH5Build } from '../../functions/local/h5-build';
import { stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { launchBrowser } from '../support/browser';
import { freeStackPorts } from '../support/free-port';
import { percentile } from './rate';

const presses = Number(process.env.BENCH_PRESSES ?? 30);
const goals = { p50: 33, p90: 50 };

/**
 * In the page (plain JavaScript: the bundler's helpers do not exist there): arms one measurement. The
 * pointerdown's time stamp; then, once the scene's <img> shows another picture, that picture decoded
 * (img.decode()) and the next frame after it painted: a requestAnimationFrame callback runs just before
 * the frame is painted, and a message posted from it runs just after.
 */
const armPaint = `function () {
  var img = document.querySelector('img.scene-frame, .scene-frame img');
  var before = img.src; // the attribute: currentSrc follows only once the new picture loads
  var down;
  window.painted = new Promise(function (resolve, reject) {
    window.addEventListener('pointerdown', function (e) { down = e.timeStamp; }, { once: true, capture: true });
    var seen = new MutationObserver(function () {
      var now = document.querySelector('img.scene-frame, .scene-frame img');
      if (!now || now.src === before) return;
      seen.disconnect();
      now.decode().then(function () {
        requestAnimationFrame(function () {
          var channel = new MessageChannel();
          channel.port1.onmessage = function () { resolve({ ms: performance.now() - down }); };
          channel.port2.postMessage(0);
        });
      }, reject);
    });
    seen.observe(document.querySelector('.scene-player'), { subtree: true, attributes: true, attributeFilter: ['src'], childList: true });
  });
}`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'drama-scene-paint-'));
  const settings = stackSettings({ dataDir, ports: await freeStackPorts() });
  process.env.LOG_LEVEL = 'ERROR';
  ensureH5Build(settings);
  const stack = await startStack(settings, { seed: { maxEpisodes: 2 }, api: true, app: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // A seeded drama's first episode, 3 s in: the free episode a viewer plays a scene from.
    await page.goto(`${stack.urls.APP}#/packages/scene/pages/play/index?seriesId=${encodeURIComponent(seedSeries[2].id)}&episode=1&atS=3`);
    await page.locator('.scene-control').first().waitFor({ timeout: 60_000 });
    const names = await page.locator('.scene-control').evaluateAll((els) => els.map((el) => el.getAttribute('data-control') ?? ''));
    const results: number[] = [];
    for (let i = 0; i < presses; i++) {
      await page.locator('.scene-ready--on').waitFor({ timeout: 60_000 });
      await page.locator(`.scene-control:not([disabled])`).first().waitFor();
      const name = names[i % names.length];
      const box = (await page.locator(`.scene-control[data-control="${name}"]`).boundingBox())!;
      await page.evaluate(`(${armPaint})()`);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down(); // a tap: pointerdown, then pointerup and click
      await page.mouse.up();
      const result = await page.evaluate(() => Promise.race([(window as unknown as { painted: Promise<{ ms: number }> }).painted, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]));
      if (!result) throw new Error(`press ${i + 1} (${name}): no new frame painted within 10 s`);
      results.push(result.ms);
      await page.getByText(`第 ${i + 1} 步`).waitFor();
      console.log(`press ${String(i + 1).padStart(2)} (${name.padEnd(5)}): painted ${result.ms.toFixed(1).padStart(6)} ms after pointerdown`);
    }
    const ms = [...results].sort((a, b) => a - b);
    const [p50, p90] = [percentile(ms, 50), percentile(ms, 90)];
    console.log(`\nbench:scene-paint — ${presses} presses, Chromium (headless) on the H5 build, local stack (CPU inference)`);
    console.log(`press to paint: p50 ${p50.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms ` +
      `(goals p50 ≤ ${goals.p50} ms: ${p50 <= goals.p50 ? 'met' : 'NOT MET'}; p90 ≤ ${goals.p90} ms: ${p90 <= goals.p90 ? 'met' : 'NOT MET'})`);
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
