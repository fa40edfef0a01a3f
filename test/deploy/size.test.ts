import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { rootDir } from '../../functions/local/settings';

/**
 * The mini-program as the platforms receive it: `build:tt` and `build:weapp` (production), and the
 * main package (everything outside the subpackage roots app.json names) must stay under the
 * platforms' 2 MB limit; the pay, scene and console pages must live in subpackages.
 */
const limitBytes = 2 * 1024 * 1024;

function bytesUnder(dir: string, skip: Set<string>, base = dir): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip.has(relative(base, path))) continue;
    total += entry.isDirectory() ? bytesUnder(path, skip, base) : statSync(path).size;
  }
  return total;
}

describe.each(['tt', 'weapp'])('the %s build', (platform) => {
  const dist = join(rootDir, 'miniapp', 'dist', platform);
  let app: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; subpackages?: Array<{ root: string; pages: string[] }> };

  beforeAll(() => {
    const build = spawnSync('npm', ['run', `build:${platform}`, '--silent'], {
      cwd: rootDir,
      // A production build whatever jest's NODE_ENV, as the platforms' uploads are.
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
    });
    if (build.status !== 0) throw new Error(`build:${platform} failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
    app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  }, 320_000);

  it('keeps the main package under 2 MB', () => {
    const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
    expect(roots.length).toBeGreaterThan(0);
    const main = bytesUnder(dist, new Set(roots));
    const whole = bytesUnder(dist, new Set());
    console.log(`${platform}: main package ${(main / 1024).toFixed(0)} KiB (${main} B), with subpackages ${(whole / 1024).toFixed(0)} KiB`);
    expect(main).toBeGreaterThan(50_000);
    expect(main).toBeLessThan(limitBytes);
  });

  it('puts the pay, scene and console pages in subpackages, not in the main package', () => {
    const subPages = (app.subPackages ?? app.subpackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`));
    for (const area of ['pay', 'scene']) expect(subPages.some((p) => p.startsWith(`packages/${area}/`))).toBe(true);
    expect(app.pages.filter((p) => /pay|scene|console|coins|membership|order/.test(p))).toEqual([]);
    // The operators' console is H5-only: not in this build at all, so it weighs nothing here.
    expect(subPages.filter((p) => p.startsWith('packages/console/'))).toEqual([]);
  });
});
