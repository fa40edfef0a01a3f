/**
 * The load generator of `npm run bench:load`, run as its own process (so its CPU use is not the
 * API's): a mixed workload of browse, play, unlock, order-and-notify through the sandbox platform,
 * consent and check-in requests, open-loop at increasing rates, with throughput and p50/p99 per
 * route per step. Reads BENCH_API_URL and BENCH_SANDBOX_URL (set by load.ts); BENCH_LOAD_RATES
 * ("20,40,80,…") and BENCH_LOAD_SECONDS (per step) bound it.
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './rate';

const api = process.env.BENCH_API_URL!;
const sandbox = process.env.BENCH_SANDBOX_URL!;
const rates = (process.env.BENCH_LOAD_RATES ?? '20,40,80,120,160,240,320').split(',').map(Number);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const users = Number(process.env.BENCH_LOAD_USERS ?? 40);
const timeoutMs = 5000;
/** A step is past the knee when it falls behind its rate, errs, or its p99 exceeds this. */
const p99LimitMs = Number(process.env.BENCH_LOAD_P99_MS ?? 500);

interface Sample {
  route: string;
  ms: number;
  ok: boolean;
}

async function request(route: string, path: string, init: RequestInit & { token?: string; json?: unknown } = {}, base = api): Promise<{ sample: Sample; status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const t0 = performance.now();
  try {
    const response = await fetch(`${base}${path}`, { method: init.method ?? (init.json === undefined ? 'GET' : 'POST'), headers, body: init.json === undefined ? undefined : JSON.stringify(init.json), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const ms = performance.now() - t0;
    return { sample: { route, ms, ok: response.status < 500 }, status: response.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { sample: { route, ms: performance.now() - t0, ok: false }, status: 0, body: null };
  }
}

interface User {
  token: string;
}
let counter = 0;
const rid = (tag: string) => `${tag}-${process.pid}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

async function setup(): Promise<{ people: User[]; series: Array<{ id: string; freeEpisodes: number; episodeCount: number }> }> {
  const series = (await request('setup', '/series')).body.items;
  const people: User[] = [];
  for (let i = 0; i < users; i++) {
    const login = await request('setup', '/auth/login', { json: { platform: 'sandbox', code: `load-${process.pid}-${i}` } });
    people.push({ token: login.body.token });
  }
  // Coins to spend on unlocks: one 3000-coin pack each, paid at the sandbox cashier.
  await Promise.all(
    people.map(async (u) => {
      await orderAndNotify(u, []);
    }),
  );
  return { people, series };
}

/** Create an order, hand it to the sandbox platform, pay, and wait until the notification granted it. */
async function orderAndNotify(user: User, out: Sample[]): Promise<void> {
  const created = await request('POST /orders', '/orders', { token: user.token, json: { platform: 'douyin', requestId: rid('load'), product: { kind: 'coins', packId: 'coins-3000' } } });
  out.push(created.sample);
  if (created.status !== 201) return;
  const { orderId, payParams } = created.body;
  await request('sandbox', '/requestOrder', { json: { data: payParams.data, byteAuthorization: payParams.byteAuthorization } }, sandbox);
  const t0 = performance.now();
  await request('sandbox', '/pay', { json: { orderId } }, sandbox);
  // The app polls the order while the platform's notification reaches /pay/douyin/notify.
  for (;;) {
    const view = await request('GET /orders/{id}', `/orders/${orderId}`, { token: user.token });
    out.push(view.sample);
    if (view.body?.status === 'granted') break;
    if (performance.now() - t0 > timeoutMs || view.status === 0) {
      out.push({ route: 'notify → granted', ms: performance.now() - t0, ok: false });
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  out.push({ route: 'notify → granted', ms: performance.now() - t0, ok: true });
}

/** One request of the mix, by weight: mostly browsing and playing, as viewers do. */
function pick(i: number, people: User[], series: Array<{ id: string; freeEpisodes: number; episodeCount: number }>, out: Sample[]): Promise<unknown> {
  const user = people[i % people.length];
  const s = series[i % series.length];
  const roll = (i * 7919) % 100;
  const add = (p: Promise<{ sample: Sample }>) => p.then((r) => out.push(r.sample));
  if (roll < 25) return add(request('GET /series', '/series'));
  if (roll < 40) return add(request('GET /series/{id}', `/series/${s.id}`, { token: user.token }));
  if (roll < 65) return add(request('POST /play', '/play', { token: user.token, json: { seriesId: s.id, episode: 1 + (i % s.freeEpisodes) } }));
  if (roll < 72) return add(request('POST /unlocks', '/unlocks', { token: user.token, json: { seriesId: s.id, episode: s.freeEpisodes + 1 + (i % Math.max(1, s.episodeCount - s.freeEpisodes)), requestId: rid('unlock') } }));
  if (roll < 77) return orderAndNotify(user, out);
  if (roll < 84) return add(request('POST /consents', '/consents', { token: user.token, json: { platform: 'sandbox', results: { episode_update: 'accept' } } }));
  if (roll < 90) return add(request('POST /checkins', '/checkins', { token: user.token, json: {} }));
  if (roll < 96) return add(request('GET /me/wallet', '/me/wallet', { token: user.token }));
  return add(request('GET /me/consents', '/me/consents', { token: user.token }));
}

async function step(rate: number, people: User[], series: Array<{ id: string; freeEpisodes: number; episodeCount: number }>) {
  const total = Math.round(rate * seconds);
  const out: Sample[] = [];
  const inflight: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(pick(i, people, series, out));
  }
  const issuedS = (performance.now() - start) / 1000;
  await Promise.all(inflight);
  const elapsedS = (performance.now() - start) / 1000;
  const requests = out.filter((s) => s.route !== 'notify → granted');
  const byRoute = new Map<string, Sample[]>();
  for (const s of out) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  const all = requests.map((s) => s.ms).sort((a, b) => a - b);
  const errors = requests.filter((s) => !s.ok).length;
  return { rate, issuedS, elapsedS, throughput: requests.length / elapsedS, p50: percentile(all, 50), p99: percentile(all, 99), errors, count: requests.length, byRoute };
}

async function main() {
  const { people, series } = await setup();
  console.log(`bench:load — ${users} viewers, ${seconds} s per step, rates ${rates.join(', ')} req/s (open loop, from pid ${process.pid})`);
  let knee: number | null = null;
  const summary: string[] = [];
  for (const rate of rates) {
    const r = await step(rate, people, series);
    const behind = r.issuedS > seconds * 1.1 || r.throughput < rate * 0.9;
    const past = behind || r.errors > r.count * 0.01 || r.p99 > p99LimitMs;
    console.log(`\nrate ${rate} req/s: ${r.count} requests in ${r.elapsedS.toFixed(1)} s → ${r.throughput.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors${past ? '  ← past the knee' : ''}`);
    console.log(`  ${'route'.padEnd(20)} ${'count'.padStart(6)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
    for (const [route, samples] of [...r.byRoute].sort()) {
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
      console.log(`  ${route.padEnd(20)} ${String(samples.length).padStart(6)} ${String(samples.filter((s) => !s.ok).length).padStart(6)} ${percentile(ms, 50).toFixed(1).padStart(8)} ${percentile(ms, 99).toFixed(1).padStart(8)}`);
    }
    summary.push(`${String(rate).padStart(5)} ${r.throughput.toFixed(1).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(6)}`);
    if (past) {
      knee = rate;
      break;
    }
  }
  console.log(`\n${'rate'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(6)}`);
  for (const line of summary) console.log(line);
  const lastGood = summary.length >= 2 || knee === null ? rates[Math.max(0, summary.length - (knee === null ? 1 : 2))] : null;
  console.log(knee === null ? `no knee up to ${rates[rates.length - 1]} req/s` : `knee: between ${lastGood ?? 0} and ${knee} req/s (p99 ≤ ${p99LimitMs} ms, < 1% errors, keeping the rate)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
