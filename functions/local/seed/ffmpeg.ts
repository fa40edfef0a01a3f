// ffmpeg binary, CJK font lookup and a small process runner for the seed renderer.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
 * The demo dramas' faces come from npm, so a machine with only Node and npm renders them: Google's
 * Noto Sans SC and Noto Serif SC (OFL-1.1), bold, as static TTFs in the Expo packages (devDependencies
 * of this workspace; the only npm packages found that ship a CJK TrueType/OpenType file rather than
 * web-font subsets).
 */
const NPM_FONTS = {
  sans: ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
  serif: ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
} as const;

/**
 * Fallback only: CJK fonts of Debian/Ubuntu packages, best first, relative to the system font
 * directories (`SEED_SYSTEM_FONT_DIRS`, colon-separated, default `/usr/share/fonts`; a test points it
 * at an empty directory to hide them). drawtext can only open face 0 of a collection (.ttc), which for
 * Noto CJK is the Japanese face: it would draw simplified characters such as 归 in Japanese forms. So
 * collections are split: the Simplified Chinese face is copied out to a standalone font file under
 * the temp dir (see simplifiedChineseFace).
 */
export const SYSTEM_CJK_FONTS = {
  sans: [
    'opentype/noto/NotoSansCJK-Bold.ttc', // fonts-noto-cjk
    'opentype/noto/NotoSansCJK-Regular.ttc',
    'noto-cjk/NotoSansCJK-Bold.ttc', // other distributions' layout
    'truetype/wqy/wqy-zenhei.ttc', // fonts-wqy-zenhei
    'truetype/wqy/wqy-microhei.ttc', // fonts-wqy-microhei
    'truetype/droid/DroidSansFallbackFull.ttf', // fonts-droid-fallback
  ],
  serif: [
    'opentype/noto/NotoSerifCJK-Bold.ttc', // fonts-noto-cjk
    'opentype/noto/NotoSerifCJK-Regular.ttc',
    'noto-cjk/NotoSerifCJK-Bold.ttc',
  ],
};

export interface Fonts { sans: string; serif: string }

let fontsCache: Fonts | undefined;

/** The npm package's font file, or undefined when the package is not installed. */
function npmFont([pkg, file]: readonly [string, string]): string | undefined {
  try {
    const found = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    return existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

function systemFont(candidates: string[]): string | undefined {
  const dirs = (process.env.SEED_SYSTEM_FONT_DIRS ?? '/usr/share/fonts').split(':').filter(Boolean);
  for (const name of candidates) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/**
 * Locate the CJK fonts: SEED_CJK_FONT overrides both; else the npm-shipped faces; else, as a fallback,
 * a Debian font; else fail saying what to run.
 */
export function findFonts(): Fonts {
  if (fontsCache) return fontsCache;
  const override = process.env.SEED_CJK_FONT;
  if (override) {
    if (!existsSync(override)) throw new Error(`seed renderer: SEED_CJK_FONT=${override} does not exist`);
    const f = simplifiedChineseFace(override);
    return (fontsCache = { sans: f, serif: f });
  }
  const sans = npmFont(NPM_FONTS.sans) ?? systemFont(SYSTEM_CJK_FONTS.sans);
  if (!sans) {
    throw new Error(
      `seed renderer: no CJK font found: the npm package ${NPM_FONTS.sans[0]} is missing (run npm install at the repository root), ` +
        'and no system font was found (apt-get install -y fonts-noto-cjk, or set SEED_CJK_FONT=/path/to/font.ttf)',
    );
  }
  const serif = npmFont(NPM_FONTS.serif) ?? systemFont(SYSTEM_CJK_FONTS.serif) ?? sans;
  return (fontsCache = { sans: simplifiedChineseFace(sans), serif: simplifiedChineseFace(serif) });
}

/** Family name (name ID 1, Windows platform) of the sfnt table directory at `dir`. */
function familyName(buf: Buffer, dir: number): string {
  const numTables = buf.readUInt16BE(dir + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
    const name = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(name + 2);
    const strings = name + buf.readUInt16BE(name + 4);
    for (let k = 0; k < count; k++) {
      const r = name + 6 + k * 12;
      if (buf.readUInt16BE(r) !== 3 || buf.readUInt16BE(r + 6) !== 1) continue;
      const len = buf.readUInt16BE(r + 8), off = strings + buf.readUInt16BE(r + 10);
      const be = buf.subarray(off, off + len);
      const le = Buffer.alloc(len);
      for (let j = 0; j + 1 < len; j += 2) { le[j] = be[j + 1]; le[j + 1] = be[j]; }
      return le.toString('utf16le');
    }
  }
  return '';
}

/**
 * For a font collection, write its Simplified Chinese face (family ending in " SC") as a standalone font
 * file and return that path; other fonts (and collections without such a face) are returned unchanged.
 */
export function simplifiedChineseFace(file: string): string {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return file;
  const faces = buf.readUInt32BE(8);
  let dir = -1;
  for (let i = 0; i < faces; i++) {
    const d = buf.readUInt32BE(12 + i * 4);
    if (/ SC$/.test(familyName(buf, d))) { dir = d; break; }
  }
  if (dir < 0) return file;
  const out = path.join(os.tmpdir(), 'drama-seed-assets', 'fonts', `${path.basename(file).replace(/\.tt[cf]$/i, '')}-SC.otf`);
  if (existsSync(out)) return out;
  const numTables = buf.readUInt16BE(dir + 4);
  const header = Buffer.alloc(12 + numTables * 16);
  buf.copy(header, 0, dir, dir + 12);
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + i * 16;
    const tOff = buf.readUInt32BE(rec + 8), tLen = buf.readUInt32BE(rec + 12);
    buf.copy(header, 12 + i * 16, rec, rec + 16);
    header.writeUInt32BE(offset, 12 + i * 16 + 8);
    const padded = Buffer.alloc((tLen + 3) & ~3);
    buf.copy(padded, 0, tOff, tOff + tLen);
    parts.push(padded);
    offset += padded.length;
  }
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, out);
  return out;
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
