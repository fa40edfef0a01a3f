// ffmpeg binary, CJK font lookup and a small process runner for the seed renderer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The ffmpeg from the @ffmpeg-installer/ffmpeg dev dependency (FFMPEG_PATH overrides). */
export function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  try {
    // Loaded lazily so importing the seed module costs nothing until something is rendered.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  } catch (err) {
    throw new Error(`seed renderer: cannot load @ffmpeg-installer/ffmpeg (run npm install at the repo root): ${(err as Error).message}`);
  }
}

/**
 * Known Debian/Ubuntu locations of CJK fonts, best first. TrueType collections are fine: drawtext uses
 * face 0 (for Noto CJK that is the JP face, which covers all simplified Chinese characters).
 */
export const CJK_FONT_CANDIDATES = {
  sans: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', // fonts-noto-cjk
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', // other distributions' layout
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', // fonts-wqy-zenhei
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', // fonts-wqy-microhei
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', // fonts-droid-fallback
  ],
  serif: [
    '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', // fonts-noto-cjk
    '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc',
  ],
};

export interface Fonts { sans: string; serif: string }

let fontsCache: Fonts | undefined;

/** Locate CJK fonts (SEED_CJK_FONT overrides both), or fail saying which Debian package to install. */
export function findFonts(): Fonts {
  if (fontsCache) return fontsCache;
  const override = process.env.SEED_CJK_FONT;
  if (override) {
    if (!existsSync(override)) throw new Error(`seed renderer: SEED_CJK_FONT=${override} does not exist`);
    return (fontsCache = { sans: override, serif: override });
  }
  const sans = CJK_FONT_CANDIDATES.sans.find((p) => existsSync(p));
  if (!sans) {
    throw new Error(
      'seed renderer: no CJK font found (looked in ' + CJK_FONT_CANDIDATES.sans.join(', ') + '). ' +
        'Install one with `apt-get install -y fonts-noto-cjk` (or fonts-wqy-zenhei), or set SEED_CJK_FONT=/path/to/font.ttc',
    );
  }
  const serif = CJK_FONT_CANDIDATES.serif.find((p) => existsSync(p)) ?? sans;
  return (fontsCache = { sans, serif });
}

/**
 * Escape a value for a filtergraph option: first for the option parser (\ ' :), then for the
 * graph parser (\ ' [ ] , ;). Used for file paths; expressions are single-quoted instead.
 */
export function filterValue(raw: string): string {
  const opt = raw.replace(/[\\':]/g, (c) => '\\' + c);
  return opt.replace(/[\\'[\],;]/g, (c) => '\\' + c);
}

export class FfmpegError extends Error {}

/** Run ffmpeg; resolves when it exits 0, rejects with the tail of its log otherwise. */
export function runFfmpeg(args: string[], opts: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
      cwd: opts.cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => {
      log = (log + d.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new FfmpegError(`ffmpeg exited with ${code ?? signal}: ${log.trim()}`));
    });
  });
}

/** Run ffmpeg and return its stderr (for probing with `ffmpeg -i`, which always exits 1). */
export function probeLog(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(log));
  });
}
