import fc from 'fast-check';
import type { ContractRoute } from '@drama/shared/routes';
import { routePath } from '@drama/shared/routes';
import { apiClient } from '../support/http';
import { allRoutes, routeName, sampleBody, sampleParams } from '../support/route-requests';
import { readStackInfo, startTestStack, stopTestStack, type StackInfo } from '../support/stack-setup';
import { hostileValue, nearValid, valid } from '../support/zod-arbitrary';

/**
 * Bad input over HTTP, for every route of the contract table: schema-valid values (reaching the
 * handlers), values one mutation away from valid, and hand-picked hostile requests. The bar: no
 * 5xx at all, and every 4xx is `{code, message}`.
 */
/**
 * The fuzz runs against a stack of its own: with an operator's token it writes series, episodes and
 * live prices with generated values, which must not leak into the other suites' catalog.
 */
let stack: StackInfo;
let api: ReturnType<typeof apiClient>['api'];
let signIn: ReturnType<typeof apiClient>['signIn'];
beforeAll(async () => {
  await startTestStack('fuzz', { api: true, app: false });
  stack = readStackInfo('fuzz');
  ({ api, signIn } = apiClient(stack.urls.API));
}, 240_000);
afterAll(() => stopTestStack('fuzz'));
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const runs = Number(process.env.FUZZ_RUNS ?? 12);

interface Attempt {
  route: ContractRoute;
  what: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Blob;
  /**
   * Answered by the HTTP gateway before any function runs (API Gateway in AWS, serverless-offline's
   * hapi locally), in the gateway's own body: only "a 4xx with a message" is ours to require.
   */
  gateway?: boolean;
}

interface Finding {
  attempt: string;
  status: number;
  body: string;
}

/** How often each status came back: a fuzz run that only ever saw 400 would prove little. */
const statusCounts: Record<number, number> = {};

async function attempt(a: Attempt, token: string | undefined): Promise<Finding | null> {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(a.headers ?? {}) };
  if (a.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${stack.urls.API}${a.path}`, { method: a.route.method, headers, body: a.body, signal: AbortSignal.timeout(30_000) });
    status = response.status;
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    text = await response.text();
  } catch (error) {
    return { attempt: `${routeName(a.route)} ${a.what}`, status: 0, body: `no response: ${(error as Error).message}` };
  }
  const describe = () => ({ attempt: `${routeName(a.route)} ${a.what} → ${a.path.slice(0, 120)} ${String(a.body ?? '').slice(0, 160)}`, status, body: text.slice(0, 300) });
  if (status >= 500) return describe();
  if (status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return describe();
    }
    const b = body as { code?: unknown; message?: unknown };
    if (a.gateway && typeof b?.message === 'string') return null;
    if (typeof b?.code !== 'string' || !/^[A-Z_]+$/.test(b.code) || typeof b.message !== 'string') return describe();
  }
  return null;
}

const jsonBody = (value: unknown) => JSON.stringify(value);

/** The seeded series, so that half the generated values name a real one and get past "not found". */
let realSeries: Array<{ id: string; freeEpisodes: number }> = [];

/** Every `seriesId` (and its `episode`) in a generated value swapped for a real, free one. */
function grounded(value: unknown, n: number): unknown {
  if (Array.isArray(value)) return value.map((v) => grounded(v, n));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const real = realSeries[n % realSeries.length];
  for (const [key, v] of Object.entries(value)) out[key] = grounded(v, n);
  if (typeof out.seriesId === 'string' && real) {
    out.seriesId = real.id;
    if (typeof out.episode === 'number' && Number.isInteger(out.episode)) out.episode = 1 + (n % real.freeEpisodes);
  }
  return out;
}

/** Generated requests: valid and near-valid bodies and path parameters from the route's schemas. */
function generated(route: ContractRoute, ownIds: Record<string, string>): Attempt[] {
  const attempts: Attempt[] = [];
  const pathWith = (params: unknown) =>
    routePath(route, Object.fromEntries(Object.entries(sampleParams(route)).map(([k]) => [k, typeof params === 'object' && params !== null && k in params ? String((params as Record<string, unknown>)[k]) : String(params)])));
  const bodies = (route.body ? [...fc.sample(valid(route.body), { numRuns: runs, seed }), ...fc.sample(nearValid(route.body), { numRuns: runs, seed: seed + 1 })] : fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: runs, seed })).map((b, n) => (n % 2 ? b : grounded(b, n)));
  for (const body of bodies) attempts.push({ route, what: 'generated body', path: routePath(route, sampleParams(route, ownIds)), body: route.method === 'GET' ? undefined : jsonBody(body) });
  if (route.params) {
    const params = [...fc.sample(valid(route.params), { numRuns: runs, seed: seed + 2 }), ...fc.sample(nearValid(route.params), { numRuns: runs, seed: seed + 3 })].map((p, n) => (n % 2 ? p : grounded(p, n)));
    for (const p of params) {
      const path = pathWith(p);
      // An empty segment addresses another route (`/orders/`), not this one with a bad parameter.
      if (path.includes('//') || path.endsWith('/')) continue;
      attempts.push({ route, what: 'generated path', path, body: route.body ? jsonBody(sampleBody(route)) : undefined });
    }
  }
  return attempts;
}

/** Hand-picked hostile requests every route must refuse cleanly. */
function hostile(route: ContractRoute, ownIds: Record<string, string>): Attempt[] {
  const path = routePath(route, sampleParams(route, ownIds));
  // A body that passes validation and names a real series, so hostile fields reach the handler.
  const good = grounded(sampleBody(route), 0);
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const list: Attempt[] = [];
  const bodyless = route.method === 'GET';
  if (!bodyless) {
    list.push(
      { route, what: 'empty body', path, body: '' },
      { route, what: 'invalid JSON', path, body: '{"a":' },
      { route, what: 'JSON null', path, body: 'null' },
      { route, what: 'JSON string', path, body: '"x"' },
      { route, what: 'JSON number', path, body: '1e999' },
      { route, what: 'deep array', path, body: deep(20_000) },
      { route, what: 'deep object', path, body: deepObject(5_000) },
      { route, what: 'huge body (100 KB)', path, body: JSON.stringify({ ...(good as object), pad: 'x'.repeat(100_000) }) },
      { route, what: 'huge body (900 KB)', path, body: JSON.stringify({ pad: 'é'.repeat(450_000) }) },
      { route, what: 'huge body (3 MB)', path, body: JSON.stringify({ pad: 'x'.repeat(3_000_000) }) },
      { route, what: 'many keys', path, body: JSON.stringify(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]))) },
      { route, what: '__proto__ pollution', path, body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
      { route, what: 'text/plain', path, body: jsonBody(good ?? {}), headers: { 'content-type': 'text/plain' } },
      { route, what: 'form encoded', path, body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { route, what: 'multipart', path, body: '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
      { route, what: 'xml', path, body: '<xml><a>1</a></xml>', headers: { 'content-type': 'application/xml' } },
      { route, what: 'bad charset', path, body: jsonBody(good ?? {}), headers: { 'content-type': 'application/json; charset=utf-16' } },
      { route, what: 'invalid UTF-8', path, body: new Blob([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])]) },
      { route, what: 'BOM + JSON', path, body: `\ufeff${jsonBody(good ?? {})}` },
    );
    if (good && typeof good === 'object') {
      for (const [key] of Object.entries(good)) {
        for (const value of [-1, -(2 ** 53), 2 ** 64, 1e308, 1e21, 0.000001, 1e-200, 5e-324, -0, 'ｘ'.repeat(300), '\u0000\u202e', ['x'], { $ne: null }, 'u_000000000000000000000000']) {
          list.push({ route, what: `field ${key}=${JSON.stringify(value).slice(0, 20)}`, path, body: jsonBody({ ...(good as object), [key]: value }) });
        }
      }
    }
  }
  if (route.params) {
    // A broken percent-encoding never reaches a function: the gateway refuses the URL itself.
    list.push({ route, what: 'broken percent-encoding', path: route.path.replace(/\{\w+\}/g, '%E0%A4%A'), body: bodyless ? undefined : jsonBody(good ?? {}), gateway: true });
    for (const raw of ['%F0%9F%98%80', '%00', '..%2F..%2Fetc%2Fpasswd', '%C3%A9%F0%9F%91%A9%E2%80%8D%F0%9F%91%A9', 'x'.repeat(3000), '%20', '__proto__', 'u_000000000000000000000000', '-1', '1e400', '%252e%252e']) {
      list.push({ route, what: `path ${raw.slice(0, 20)}`, path: route.path.replace(/\{\w+\}/g, raw), body: bodyless ? undefined : jsonBody(good ?? {}) });
    }
  }
  for (const query of ['?platform=%00', '?platform=__proto__', `?platform=${'x'.repeat(4000)}`, '?platform=wechat&platform=douyin', '?a[b]=1&a[c]=2']) {
    list.push({ route, what: `query ${query.slice(0, 24)}`, path: `${path}${query}`, body: bodyless ? undefined : jsonBody(good ?? {}) });
  }
  list.push({ route, what: 'oversized header', path, headers: { 'x-pad': 'x'.repeat(8_000) }, body: bodyless ? undefined : jsonBody(good ?? {}) });
  return list;
}

describe('fuzz', () => {
  let token: string;
  let operatorToken: string;
  const ownIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ token } = await signIn('fuzzer'));
    // Operator routes are fuzzed with an operator's token, so their input reaches the handlers too.
    const operator = await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } });
    expect(operator.status).toBe(200);
    operatorToken = operator.body.token;
    const order = await api('/orders', { body: { platform: 'sandbox', requestId: `fuzz-${seed}-${Date.now()}`, product: { kind: 'coins', packId: 'coins-600' } }, token });
    expect(order.status).toBe(201);
    ownIds.orderId = order.body.orderId;
    realSeries = (await api('/series')).body.items;
  });

  it(`answers every generated and hostile request with < 500 and a coded 4xx (seed ${seed})`, async () => {
    const routes = allRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const findings: Finding[] = [];
    let sent = 0;
    for (const route of routes) {
      const attempts = [...generated(route, ownIds), ...hostile(route, ownIds)];
      // Guarded routes are fuzzed signed in (so the input reaches the handler) and also without a token.
      const tokenFor = (i: number) => (route.auth === 'none' || route.auth === 'platform' ? undefined : i % 5 === 4 ? undefined : route.auth === 'operator' ? operatorToken : token);
      for (let i = 0; i < attempts.length; i++) {
        const finding = await attempt(attempts[i], tokenFor(i));
        sent++;
        if (finding) findings.push(finding);
      }
    }
    console.log(`fuzz: ${sent} requests over ${routes.length} routes, seed ${seed}, ${findings.length} findings, statuses ${JSON.stringify(statusCounts)}`);
    expect(findings).toEqual([]);
    // The generated values reached the handlers: successes and domain refusals, not only schema 400s.
    expect(Object.keys(statusCounts).filter((s) => Number(s) < 300).length).toBeGreaterThan(0);
    expect(Object.keys(statusCounts).filter((s) => ['402', '403', '404', '409'].includes(s)).length).toBeGreaterThan(1);
  }, 600_000);

  it('refuses a hostile value at any body field of any route (property, shrunk to the smallest failure)', async () => {
    const bodyRoutes = allRoutes().filter((r) => r.body);
    await fc.assert(
      // Routes by name, so a counterexample reads "PUT /progress", not a dump of its schemas.
      fc.asyncProperty(fc.constantFrom(...bodyRoutes.map(routeName)), hostileValue, fc.nat(), async (name, value, pick) => {
        const route = bodyRoutes.find((r) => routeName(r) === name)!;
        const good = grounded(sampleBody(route, pick), pick) as Record<string, unknown>;
        const keys = Object.keys(good);
        const body = { ...good, [keys[pick % keys.length]]: value };
        const finding = await attempt({ route, what: 'property', path: routePath(route, sampleParams(route, ownIds)), body: jsonBody(body) }, route.auth === 'operator' ? operatorToken : token);
        return finding === null;
      }),
      { numRuns: runs * 10, seed },
    );
  }, 300_000);
});
