// Renders the demo catalog into real media: vertical 540×960 H.264/AAC episodes (faststart MP4) and
// 540×720 JPEG covers. Each series has a painted backdrop (scenes.ts), a moving particle layer, a
// generated soundtrack (synth.ts), and drawtext subtitles; backdrops, sprites and soundtrack beds are
// painted once per look and cached under the OS temp dir.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { END_TAG_S, TITLE_CARD_S, type SeedEpisode, type SeedLook, type SeedSeries } from './catalog';
import { filterValue, findFonts, runFfmpeg, type Fonts } from './ffmpeg';
import { hex, rng } from './paint';
import { paintScene, paintSprites } from './scenes';
import { SAMPLE_RATE, synthBed } from './synth';

export const VIDEO_W = 540;
export const VIDEO_H = 960;
export const FPS = 24;
export const COVER_W = 540;
export const COVER_H = 720;
/** Bump when the look of rendered assets changes, so cached backdrops are repainted. */
const ASSET_VERSION = 5;
const BED_SECONDS = 31;
/** Subtitle layout: the bottom of the last subtitle row, type sizes and row heights. */
const SUB_BOTTOM = 806;
const SUB_SIZE = 34;
const SUB_ROW = 50;
const SPEAKER_SIZE = 25;
const SPEAKER_ROW = 38;
const NARRATION_SIZE = 29;
const NARRATION_ROW = 46;

interface Assets {
  dir: string;
  backdrop: string;
  bed: string;
  sprites: Record<string, { file: string; w: number; h: number }>;
}

const assetJobs = new Map<string, Promise<Assets>>();

async function writeAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Paint (or reuse) a look's backdrop, sprites and soundtrack bed. */
function assetsFor(look: SeedLook): Promise<Assets> {
  const key = createHash('sha1').update(JSON.stringify({ v: ASSET_VERSION, look })).digest('hex').slice(0, 16);
  let job = assetJobs.get(key);
  if (!job) {
    job = buildAssets(look, path.join(os.tmpdir(), 'drama-seed-assets', key));
    job.catch(() => assetJobs.delete(key));
    assetJobs.set(key, job);
  }
  return job;
}

async function buildAssets(look: SeedLook, dir: string): Promise<Assets> {
  await mkdir(dir, { recursive: true });
  const sprites = paintSprites(look);
  const assets: Assets = {
    dir,
    backdrop: path.join(dir, 'backdrop.png'),
    bed: path.join(dir, 'bed.wav'),
    sprites: Object.fromEntries(sprites.map((s) => [s.name, { file: path.join(dir, `${s.name}.png`), w: s.w, h: s.h }])),
  };
  if (existsSync(path.join(dir, 'complete'))) return assets;
  // The backdrop stays still (x264 then spends its bits on what moves); the shading that keeps the HUD and
  // subtitles legible is baked in rather than drawn per frame.
  const backdrop = paintScene(look, VIDEO_W, VIDEO_H)
    .darkenRamp(130, 0, 0.55)
    .darkenRamp(SUB_BOTTOM - 260, SUB_BOTTOM - 40, 0.55);
  await writeAtomic(assets.backdrop, backdrop.toPNG());
  for (const s of sprites) await writeAtomic(assets.sprites[s.name].file, s.png);
  await writeAtomic(assets.bed, synthBed(look, BED_SECONDS));
  await writeFile(path.join(dir, 'complete'), '');
  return assets;
}

// ---------------------------------------------------------------- text helpers

const CLOSING = new Set([...'，。！？、；：）》」』”’…—,.!?;:)']);
const BREAK_AFTER = new Set([...'，。！？、；：…—,.!?;:']);

/**
 * Wrap a CJK line into as few rows of at most `max` characters as possible, breaking after punctuation
 * where that still fits (closest to an even split), else evenly; rows never start with closing punctuation.
 */
export function wrap(text: string, max: number): string[] {
  const rows: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    const need = Math.ceil(rest.length / max);
    const even = Math.ceil(rest.length / need);
    let cut = -1;
    for (let c = 1; c <= max && c < rest.length; c++) {
      if (!BREAK_AFTER.has(rest[c - 1]) || CLOSING.has(rest[c])) continue;
      if (rest.length - c > max * (need - 1)) continue;
      if (cut < 0 || Math.abs(c - even) < Math.abs(cut - even)) cut = c;
    }
    if (cut < 0) {
      cut = even;
      while (cut < rest.length && CLOSING.has(rest[cut])) cut++;
    }
    rows.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  if (rest.length) rows.push(rest.join(''));
  return rows;
}

/** ffmpeg colour from '#rrggbb' (+ alpha). */
const col = (c: string, a = 1) => `0x${c.replace('#', '')}${a < 1 ? `@${a}` : ''}`;

interface Text {
  text: string;
  font: 'sans' | 'serif';
  size: number;
  color: string;
  x: string;
  y: string;
  from?: number;
  to?: number;
  fade?: number;
  border?: number;
  borderColor?: string;
  shadow?: number;
  shadowColor?: string;
  box?: { color: string; pad: number };
}

class TextLayer {
  private n = 0;
  readonly filters: string[] = [];
  constructor(private dir: string, private fonts: Fonts) {}

  async add(t: Text): Promise<void> {
    const file = path.join(this.dir, `t${this.n++}.txt`);
    await writeFile(file, t.text.replace(/\r?\n$/, ''), 'utf8');
    const o: string[] = [
      `fontfile=${filterValue(this.fonts[t.font])}`,
      `textfile=${filterValue(file)}`,
      'expansion=none',
      `fontsize=${t.size}`,
      `fontcolor=${t.color}`,
      `x='${t.x}'`,
      `y='${t.y}'`,
    ];
    if (t.border) o.push(`borderw=${t.border}`, `bordercolor=${t.borderColor ?? '0x000000@0.85'}`);
    if (t.shadow) o.push(`shadowx=${t.shadow}`, `shadowy=${t.shadow}`, `shadowcolor=${t.shadowColor ?? '0x000000@0.6'}`);
    if (t.box) o.push('box=1', `boxcolor=${t.box.color}`, `boxborderw=${t.box.pad}`);
    if (t.from !== undefined && t.to !== undefined) {
      o.push(`enable='between(t,${t.from.toFixed(2)},${t.to.toFixed(2)})'`);
      const f = t.fade ?? 0;
      if (f > 0) {
        const a = t.from, b = t.to;
        o.push(`alpha='if(lt(t,${(a + f).toFixed(2)}),(t-${a.toFixed(2)})/${f},if(gt(t,${(b - f).toFixed(2)}),(${b.toFixed(2)}-t)/${f},1))'`);
      }
    }
    this.filters.push(`drawtext=${o.join(':')}`);
  }
}

// ---------------------------------------------------------------- episode


/**
 * A field of glyph particles (embers, hearts, rain) scrolled by one drawtext: a sparse random pattern
 * stacked twice, so scrolling by half its height wraps seamlessly. drawtext lays out every character each
 * frame, so gaps are made of tabs (a few characters per particle) and rows are spaced with line_spacing.
 */
async function glyphField(
  dir: string, name: string, font: string, r: () => number,
  o: { glyph: string; size: number; color: string; speed: number; up: boolean; pitch: number; gap: number; sway?: number; swayHz?: number },
): Promise<string> {
  const space = 0.224 * o.size; // advance of U+0020 in Noto Sans CJK (approximately, other fonts similar)
  const tabsize = Math.max(2, Math.round(o.gap / 2 / space));
  const tab = tabsize * space;
  const sway = o.sway ?? 0;
  const rows = Math.ceil((VIDEO_H + 80) / o.pitch);
  const width = VIDEO_W + 2 * sway + 40;
  const row = () => {
    let out = '';
    let x = 0;
    while (x < width) {
      const gap = o.gap * (0.3 + 1.4 * r());
      const tabs = Math.floor(gap / tab);
      const spaces = Math.round((gap - tabs * tab) / space);
      out += '\t'.repeat(tabs) + ' '.repeat(spaces) + o.glyph;
      x += gap + o.size;
    }
    return out;
  };
  const block = Array.from({ length: rows }, row);
  const file = path.join(dir, `${name}.txt`);
  await writeFile(file, [...block, ...block].join('\n'));
  const v = o.speed.toFixed(1);
  const y = o.up ? `-mod(t*${v},text_h/2)` : `mod(t*${v},text_h/2)-text_h/2`;
  const x = sway ? `-${sway}+${sway}*sin(${(o.swayHz ?? 0.5).toFixed(2)}*t+${(r() * 6).toFixed(2)})` : '0';
  const lineSpacing = Math.round(o.pitch - o.size * 1.45);
  return `drawtext=fontfile=${filterValue(font)}:textfile=${filterValue(file)}:expansion=none:fontsize=${o.size}:fontcolor=${o.color}` +
    `:tabsize=${tabsize}:line_spacing=${lineSpacing}:x='${x}':y='${y}'`;
}

/** Sprite overlays (out-of-focus bokeh, the light leak) over [bg]; returns the extra inputs and graph chains. */
function spriteOverlays(look: SeedLook, assets: Assets, ep: SeedEpisode, firstInput: number): { inputs: string[]; chains: string[]; out: string } {
  const r = rng(look.seed * 1000 + ep.index);
  const d = ep.durationS;
  type P = { sprite: string; x: string; y: string };
  const ps: P[] = [];
  const fx = (n: number) => n.toFixed(2);
  const rise = (sprite: string, vmin: number, vmax: number, swayMax: number, freqMax: number) => {
    const { w, h } = assets.sprites[sprite];
    const x0 = r() * VIDEO_W, v = vmin + (vmax - vmin) * r(), amp = swayMax * (0.3 + 0.7 * r());
    const f = freqMax * (0.3 + 0.7 * r()), ph = r() * 6.28, y0 = r() * (VIDEO_H + 2 * h);
    ps.push({
      sprite,
      x: `${fx(x0 - w / 2)}+${fx(amp)}*sin(${fx(f)}*t+${fx(ph)})`,
      y: `${VIDEO_H}-mod(${fx(y0)}+t*${fx(v)},${VIDEO_H + 2 * h})`,
    });
  };
  if (look.particles === 'bokeh') {
    rise('bokeh-s', 10, 24, 30, 0.35);
    rise('bokeh-m', 8, 18, 36, 0.25);
    rise('bokeh-l', 6, 12, 40, 0.2);
  }
  if (look.lightLeak) {
    const { w, h } = assets.sprites.leak;
    const y0 = 120 + r() * 360;
    const ltr = ep.index % 2 === 1;
    const span = VIDEO_W + w;
    ps.push({
      sprite: 'leak',
      x: ltr ? `-${w}+t*${fx(span / d)}` : `${VIDEO_W}-t*${fx(span / d)}`,
      y: `${fx(y0 - h / 2)}+70*sin(0.35*t+${fx(r() * 6)})`,
    });
  }
  const inputs: string[] = [];
  const chains: string[] = [];
  let cur = '[bg]';
  ps.forEach((p, i) => {
    inputs.push('-i', assets.sprites[p.sprite].file);
    chains.push(`[${firstInput + i}:v]format=yuva420p,loop=loop=-1:size=1:start=0,setpts=N/(${FPS}*TB)[s${i}]`);
    chains.push(`${cur}[s${i}]overlay=x='${p.x}':y='${p.y}'[p${i}]`);
    cur = `[p${i}]`;
  });
  return { inputs, chains, out: cur };
}

/** Render one episode to `outFile` (MP4, H.264 + AAC, faststart). */
export async function renderEpisode(series: SeedSeries, episode: SeedEpisode, outFile: string): Promise<void> {
  const fonts = findFonts();
  const look = series.look;
  const assets = await assetsFor(look);
  const d = episode.durationS;
  if (!(d >= 3 && d <= BED_SECONDS - 1)) throw new Error(`seed renderer: episode ${episode.index} lasts ${d}s; 3–${BED_SECONDS - 1}s supported`);
  const frames = Math.round(d * FPS);
  const work = await mkdtemp(path.join(os.tmpdir(), 'drama-seed-ep-'));
  try {
    const r = rng(look.seed * 7919 + episode.index);
    const text = new TextLayer(work, fonts);
    const accent = look.palette.accent;

    // HUD: series title top-left, episode badge top-right
    await text.add({ text: `《${series.title}》`, font: 'serif', size: 24, color: col('#ffffff', 0.92), x: '26', y: '40', shadow: 2, border: 1, borderColor: '0x000000@0.5' });
    await text.add({ text: `第${episode.index}集`, font: 'sans', size: 22, color: col('#1a1a1a'), x: 'w-tw-30', y: '42', box: { color: col(accent, 0.92), pad: 7 } });

    // title card
    const cardSize = Math.round(look.titleFontSize * 0.72);
    await text.add({ text: `第 ${episode.index} 集`, font: 'serif', size: cardSize, color: col(accent), x: '(w-tw)/2', y: '372', from: 0.15, to: TITLE_CARD_S, fade: 0.35, border: 3, borderColor: col(look.palette.shadow, 0.85), shadow: 3 });
    await text.add({ text: episode.title, font: 'serif', size: 46, color: col('#ffffff'), x: '(w-tw)/2', y: `${372 + cardSize + 22}`, from: 0.3, to: TITLE_CARD_S, fade: 0.35, border: 3, borderColor: col(look.palette.shadow, 0.85), shadow: 3 });

    // subtitles
    for (const line of episode.lines) {
      const narration = !line.speaker;
      const rows = wrap(line.text, narration ? 14 : 13);
      const rowH = narration ? NARRATION_ROW : SUB_ROW;
      const blockH = (narration ? 0 : SPEAKER_ROW) + rows.length * rowH;
      let y = SUB_BOTTOM - blockH;
      const timing = { from: line.startS, to: line.endS, fade: 0.15 };
      if (line.speaker) {
        await text.add({ text: line.speaker, font: 'sans', size: SPEAKER_SIZE, color: col(accent), x: '(w-tw)/2', y: `${y}`, border: 2, borderColor: '0x000000@0.8', ...timing });
        y += SPEAKER_ROW;
      }
      for (const row of rows) {
        if (narration) {
          await text.add({ text: row, font: 'serif', size: NARRATION_SIZE, color: col('#f3e9d2'), x: '(w-tw)/2', y: `${y}`, box: { color: '0x000000@0.45', pad: 8 }, ...timing });
        } else {
          await text.add({ text: row, font: 'sans', size: SUB_SIZE, color: col('#ffffff'), x: '(w-tw)/2', y: `${y}`, border: 3, borderColor: '0x000000@0.85', shadow: 2, ...timing });
        }
        y += rowH;
      }
    }

    // end tag
    const lastEnd = Math.max(...episode.lines.map((l) => l.endS));
    const isFinale = episode.index === series.episodes.length;
    const tagFrom = Math.max(lastEnd + 0.05, d - END_TAG_S);
    await text.add({ text: isFinale ? '— 全剧终 —' : '— 未完待续 —', font: 'serif', size: 40, color: col(accent), x: '(w-tw)/2', y: '440', from: tagFrom, to: d, fade: 0.3, border: 2, borderColor: col(look.palette.shadow, 0.8), shadow: 2 });

    // video graph: still backdrop, sprites, glyph particles, lightning, fades, text
    const inputs = ['-i', assets.backdrop, '-i', assets.bed];
    const chains: string[] = [`[0:v]format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/(${FPS}*TB)[bg]`];
    const sprites = spriteOverlays(look, assets, episode, 2);
    inputs.push(...sprites.inputs);
    chains.push(...sprites.chains);
    const post: string[] = [];
    if (look.particles === 'rain') {
      post.push(
        await glyphField(work, 'rain-far', fonts.sans, r, { glyph: '│', size: 24, color: '0xbfd6e0@0.15', speed: 520, up: false, pitch: 64, gap: 84 }),
        await glyphField(work, 'rain-near', fonts.sans, r, { glyph: '│', size: 56, color: '0xd8e8f0@0.18', speed: 900, up: false, pitch: 150, gap: 200 }),
      );
    } else if (look.particles === 'embers') {
      post.push(
        await glyphField(work, 'embers-far', fonts.sans, r, { glyph: '•', size: 14, color: col('#ff9a3c', 0.55), speed: 22, up: true, pitch: 60, gap: 260, sway: 10, swayHz: 0.5 }),
        await glyphField(work, 'embers-mid', fonts.sans, r, { glyph: '•', size: 18, color: col('#ffb347', 0.7), speed: 38, up: true, pitch: 100, gap: 300, sway: 18, swayHz: 0.7 }),
        await glyphField(work, 'embers-near', fonts.sans, r, { glyph: '●', size: 9, color: col('#ffd27a', 0.85), speed: 62, up: true, pitch: 140, gap: 360, sway: 26, swayHz: 0.9 }),
      );
    } else if (look.particles === 'bokeh') {
      post.push(
        await glyphField(work, 'sparkles', fonts.sans, r, { glyph: '•', size: 12, color: col('#ffffff', 0.5), speed: 14, up: true, pitch: 48, gap: 200, sway: 14, swayHz: 0.4 }),
        await glyphField(work, 'hearts', fonts.sans, r, { glyph: '♥', size: 22, color: col(accent, 0.55), speed: 30, up: true, pitch: 110, gap: 300, sway: 20, swayHz: 0.6 }),
      );
    }
    const flashes: number[] = [];
    if (look.lightning) {
      const n = d > 22 ? 2 : 1;
      for (let i = 0; i < n; i++) flashes.push(Number((1.5 + ((i + r()) * (d - 4)) / n).toFixed(2)));
      const en = flashes.map((a) => `between(t,${a},${(a + 0.07).toFixed(2)})+between(t,${(a + 0.16).toFixed(2)},${(a + 0.22).toFixed(2)})`).join('+');
      post.push(`drawbox=x=0:y=0:w=iw:h=ih:color=0xdde8ff@0.28:t=fill:enable='${en}'`);
    }
    post.push(`fade=t=in:st=0:d=0.9`, `fade=t=out:st=${(d - 1.2).toFixed(2)}:d=0.9`, ...text.filters);
    chains.push(`${sprites.out}${post.join(',')}[v]`);

    // audio graph: soundtrack bed, faded; thunder under the lightning
    const bed = `[1:a]atrim=0:${d},asetpts=N/SR/TB,afade=t=in:st=0:d=0.8,afade=t=out:st=${d - 1.4}:d=1.4`;
    if (flashes.length) {
      const env = flashes.map((a) => `if(between(t,${a + 0.35},${a + 4.35}),exp(-(t-${a + 0.35})*1.1)*min(1,(t-${a + 0.35})*6),0)`).join('+');
      chains.push(`${bed}[bed]`);
      chains.push(
        `anoisesrc=c=brown:a=0.9:r=${SAMPLE_RATE}:d=${d}:seed=${episode.index},lowpass=f=160,lowpass=f=220,volume='${env}':eval=frame,aformat=channel_layouts=stereo[thunder]`,
      );
      chains.push('[bed][thunder]amix=inputs=2:duration=first:dropout_transition=0:weights=1 1.6,volume=2[a]');
    } else {
      chains.push(`${bed}[a]`);
    }
    const script = path.join(work, 'graph.txt');
    await writeFile(script, chains.join(';\n'));

    await mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
    const part = `${outFile}.part`;
    await runFfmpeg([
      '-y', '-threads', '1', '-filter_complex_threads', '1',
      ...inputs,
      '-filter_complex_script', script,
      '-map', '[v]', '-map', '[a]',
      // veryfast with the cheapest motion search: ~25% less CPU at the same size for this mostly still picture
      '-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'me=dia:subme=1', '-crf', '30', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
      '-r', String(FPS), '-g', String(FPS * 4), '-threads', '1',
      '-c:a', 'aac', '-b:a', '64k', '-ar', String(SAMPLE_RATE), '-ac', '2',
      '-frames:v', String(frames), '-t', String(d),
      '-movflags', '+faststart', '-f', 'mp4', part,
    ]);
    await rename(part, outFile);
  } finally {
    // SEED_KEEP_WORK=1 keeps the filter graph and text files for debugging.
    if (process.env.SEED_KEEP_WORK) process.stderr.write(`seed: kept ${work}\n`);
    else await rm(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- cover

/** Split a title for the cover: at its comma if it has one, else in half when long. */
function titleRows(title: string): string[] {
  const parts = title.split(/[，,：:]/).filter(Boolean);
  if (parts.length > 1) return parts;
  const chars = [...title];
  if (chars.length <= 5) return [title];
  const h = Math.ceil(chars.length / 2);
  return [chars.slice(0, h).join(''), chars.slice(h).join('')];
}

/** Render the series cover (540×720 JPEG): the look's backdrop, the title in large type, the genre tag. */
export async function renderCover(series: SeedSeries, outFile: string): Promise<void> {
  const fonts = findFonts();
  const look = series.look;
  const work = await mkdtemp(path.join(os.tmpdir(), 'drama-seed-cover-'));
  try {
    const rows = titleRows(series.title);
    const longest = Math.max(...rows.map((r) => [...r].length));
    const size = Math.min(look.titleFontSize - (rows.length - 1) * 8, Math.floor((COVER_W - 56) / longest));
    const rowH = Math.round(size * 1.12);
    const top = COVER_H - 128 - rows.length * rowH;
    const bg = path.join(work, 'cover-bg.png');
    const canvas = paintScene(look, COVER_W, COVER_H).darkenRamp(top - 140, top + 40, 0.55).darkenRamp(COVER_H - 170, COVER_H, 0.5).darkenRamp(90, 0, 0.4);
    await writeFile(bg, canvas.toPNG());
    const text = new TextLayer(work, fonts);
    const accent = look.palette.accent;
    const [gr, gg, gb] = hex(look.palette.glow);
    const titleColour = `0x${[gr, gg, gb].map((v) => Math.round(255 - (255 - v * 255) * 0.25).toString(16).padStart(2, '0')).join('')}`;
    for (const [i, row] of rows.entries()) {
      await text.add({ text: row, font: look.titleFont, size, color: titleColour, x: '(w-tw)/2', y: `${top + i * rowH}`, border: 3, borderColor: col(look.palette.shadow, 0.9), shadow: 4, shadowColor: col(accent, 0.55) });
    }
    await text.add({ text: series.genre, font: 'sans', size: 26, color: col('#1a1a1a'), x: '30', y: '30', box: { color: col(accent, 0.95), pad: 9 } });
    await text.add({ text: `全${series.episodes.length}集`, font: 'sans', size: 22, color: col('#ffffff', 0.95), x: 'w-tw-30', y: '34', box: { color: '0x000000@0.45', pad: 8 } });
    await text.add({ text: series.tags.filter((t) => t !== series.genre).slice(0, 3).join(' · '), font: 'sans', size: 24, color: col('#ffffff', 0.88), x: '(w-tw)/2', y: `${COVER_H - 100}`, border: 2, borderColor: '0x000000@0.6' });
    await text.add({ text: `前${series.freeEpisodes}集免费`, font: 'sans', size: 22, color: col(accent), x: '(w-tw)/2', y: `${COVER_H - 58}`, border: 2, borderColor: '0x000000@0.6' });
    const graph =
      `[0:v]format=yuv444p,drawbox=x=(iw-80)/2:y=${top + rows.length * rowH + 4}:w=80:h=3:color=${col(accent, 0.9)}:t=fill,` +
      `${text.filters.join(',')},format=yuvj420p[v]`;
    const script = path.join(work, 'graph.txt');
    await writeFile(script, graph);
    await mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
    const part = `${outFile}.part`;
    await runFfmpeg(['-y', '-threads', '1', '-filter_complex_threads', '1', '-i', bg, '-filter_complex_script', script, '-map', '[v]', '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', part]);
    await rename(part, outFile);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
