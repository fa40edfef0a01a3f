import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** A phone (the mini-program's screens) unless told otherwise; the console is also seen on a desk. */
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 1 };
export const desk = { viewport: { width: 1440, height: 900 }, isMobile: false, deviceScaleFactor: 1 };

/** Debian's Chromium, headless, with a fresh profile and nothing that reaches outside this machine. */
export async function launchBrowser(screen: typeof phone = phone): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'drama-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: screen.viewport,
    deviceScaleFactor: screen.deviceScaleFactor,
    isMobile: screen.isMobile,
    hasTouch: screen.isMobile,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
