/**
 * `npm run bench:memory`: starts the whole local stack as `npm start` does (API, app, sandbox,
 * dynalite, s3rver, media gate), serves a short browse-and-play warm-up, lets it go idle, then sums
 * the resident memory of this process and every descendant from /proc. Goal: under 1 GB.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackSettings } from '../../functions/local/settings';
import { startStack } from '../../functions/local/stack';
import { freeStackPorts } from '../support/free-port';

function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function rssKiB(pid: number): { name: string; kib: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { name: /Name:\s+(\S+)/.exec(status)?.[1] ?? '?', kib: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
  } catch {
    return { name: '?', kib: 0 };
  }
}

async function main() {
  const settings = stackSettings({
    dataDir: mkdtempSync(join(tmpdir(), 'drama-memory-')),
    ports: await freeStackPorts(),
  });
  const stack = await startStack(settings, { seed: {}, api: true, app: true });
  try {
    const login = await fetch(`${stack.urls.API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'sandbox', code: 'memory' }) });
    const { token } = await login.json();
    const { items } = await (await fetch(`${stack.urls.API}/series`)).json();
    for (const s of items) {
      await (await fetch(`${stack.urls.API}/series/${s.id}`)).arrayBuffer();
      const r = await fetch(`${stack.urls.API}/play`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ seriesId: s.id, episode: 1 }) });
      const { url } = await r.json();
      await (await fetch(url)).arrayBuffer();
    }
    await (await fetch(stack.urls.APP)).text();
    // Idle: let start-up garbage be collected and timers settle before reading RSS.
    await new Promise((r) => setTimeout(r, 5000));
    const rows = processTree(process.pid).map((pid) => ({ pid, ...rssKiB(pid) }));
    const total = rows.reduce((sum, r) => sum + r.kib, 0);
    for (const r of rows) console.log(`${String(r.pid).padStart(7)} ${r.name.padEnd(16)} ${(r.kib / 1024).toFixed(1).padStart(8)} MB`);
    console.log(`idle local stack resident memory: ${(total / 1024).toFixed(1)} MB (goal < 1024 MB)`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
