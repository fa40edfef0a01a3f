// Render the demo catalog's media: covers and episodes into DIR/<seriesId>/cover.jpg and ep-001.mp4…
//   npx tsx functions/local/seed/cli.ts --out DIR [--series id[,id…]] [--episodes N]
// Files that already exist are skipped, so re-running only renders what is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { seedSeries, type SeedSeries } from './catalog';
import { renderCover, renderEpisode } from './render';

export interface RenderAllOptions {
  outDir: string;
  /** Called after each file is rendered or found already present. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Series ids to render (default: all). */
  only?: string[];
  /** Render at most this many episodes per series (default: all). */
  maxEpisodes?: number;
}

/** At most two ffmpeg processes at a time, each single-threaded: the machine has 2 shared cores. */
const CONCURRENCY = 2;

export const coverPath = (outDir: string, seriesId: string) => path.join(outDir, seriesId, 'cover.jpg');
export const episodePath = (outDir: string, seriesId: string, index: number) =>
  path.join(outDir, seriesId, `ep-${String(index).padStart(3, '0')}.mp4`);

interface Job { label: string; file: string; run: () => Promise<void> }

function jobsFor(series: SeedSeries[], opts: RenderAllOptions): Job[] {
  const jobs: Job[] = [];
  for (const s of series) {
    const cover = coverPath(opts.outDir, s.id);
    jobs.push({ label: `${s.id} cover`, file: cover, run: () => renderCover(s, cover) });
    const episodes = opts.maxEpisodes === undefined ? s.episodes : s.episodes.slice(0, Math.max(0, opts.maxEpisodes));
    for (const ep of episodes) {
      const file = episodePath(opts.outDir, s.id, ep.index);
      jobs.push({ label: `${s.id} ep ${ep.index}`, file, run: () => renderEpisode(s, ep, file) });
    }
  }
  return jobs;
}

/** Render covers and episodes (two at a time), skipping files that already exist. */
export async function renderAll(opts: RenderAllOptions): Promise<void> {
  let series = seedSeries;
  if (opts.only?.length) {
    const unknown = opts.only.filter((id) => !seedSeries.some((s) => s.id === id));
    if (unknown.length) throw new Error(`unknown series ${unknown.join(', ')} (known: ${seedSeries.map((s) => s.id).join(', ')})`);
    series = seedSeries.filter((s) => opts.only!.includes(s.id));
  }
  const jobs = jobsFor(series, opts);
  const total = jobs.length;
  let done = 0;
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++];
      try {
        if (!existsSync(job.file)) await job.run();
      } catch (err) {
        failed = true;
        throw new Error(`rendering ${job.label} failed: ${(err as Error).message}`);
      }
      done++;
      opts.onProgress?.(done, total, job.label);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}

/** `[#####-----] 17/39 the-heiress-returns ep 5` */
export function progressBar(done: number, total: number, label: string, width = 20): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
}

function parseArgs(argv: string[]): RenderAllOptions & { help?: boolean } {
  const opts: RenderAllOptions & { help?: boolean } = { outDir: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') opts.outDir = value();
    else if (a === '--series') opts.only = [...(opts.only ?? []), ...value().split(',').filter(Boolean)];
    else if (a === '--episodes') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error('--episodes needs a whole number');
      opts.maxEpisodes = n;
    } else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

const USAGE = `usage: npx tsx functions/local/seed/cli.ts --out DIR [--series id[,id…]] [--episodes N]
series: ${seedSeries.map((s) => s.id).join(', ')}`;

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!opts.outDir) {
    process.stderr.write(`--out is required\n${USAGE}\n`);
    process.exit(2);
  }
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let last = 0;
  await renderAll({
    ...opts,
    onProgress: (done, total, label) => {
      const line = progressBar(done, total, label);
      if (tty) process.stderr.write(`\r${line.padEnd(last)}`);
      else process.stderr.write(`${line}\n`);
      last = line.length;
    },
  });
  if (tty) process.stderr.write('\n');
  process.stderr.write(`seed media in ${path.resolve(opts.outDir)} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`\n${process.env.DEBUG ? (err as Error).stack : (err as Error).message}\n`);
    process.exit(1);
  });
}
