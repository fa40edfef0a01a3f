import { apiClient, call } from '../support/http';
import { allRoutes, badCredentials, routeName, sampleBody, samplePath } from '../support/route-requests';
import { readStackInfo } from '../support/stack-setup';
import type { ContractRoute } from '@drama/shared/routes';

/**
 * Access, over HTTP, for every route of the contract table: without a valid session nothing
 * succeeds, and a signed-in viewer cannot reach another viewer's orders, scenes or uploads.
 */
const stack = readStackInfo('integration');
const { api, signIn } = apiClient(stack.urls.API);
const success = (status: number) => status >= 200 && status < 300;

const send = (route: ContractRoute, path: string, headers: Record<string, string>, body = sampleBody(route)) =>
  call(stack.urls.API, path, { method: route.method, headers, ...(body === undefined ? {} : { body }) });

describe('access', () => {
  let owner: { token: string; user: { id: string } };
  let intruder: { token: string; user: { id: string } };
  const owned: Record<string, string> = {};
  let uploadKey: string;

  beforeAll(async () => {
    owner = await signIn('access-owner');
    intruder = await signIn('access-intruder');
    const { id: seriesId } = (await api('/series')).body.items[0];
    const created = await api('/orders', { body: { platform: 'sandbox', requestId: `access-${Date.now()}`, product: { kind: 'coins', packId: 'coins-600' } }, token: owner.token });
    expect(created.status).toBe(201);
    owned.order = created.body.orderId;
    const scene = await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 1 } }, token: owner.token });
    expect(scene.status).toBe(201);
    owned.scene = scene.body.sceneId;
    const { freeEpisodes } = (await api('/series')).body.items[0];
    const ticket = await api('/ads/unlocks', { body: { seriesId, episode: freeEpisodes + 1 }, token: owner.token });
    expect(ticket.status).toBe(201);
    owned.adTicket = ticket.body.ticketId;
    const upload = await api('/uploads', { body: { contentType: 'image/png', bytes: 1000 }, token: owner.token });
    expect(upload.status).toBe(200);
    uploadKey = upload.body.key;
  });

  const paramFor = (route: ContractRoute): Record<string, string> => {
    if (!route.owns) return {};
    const name = /\{(\w+)\}/.exec(route.path)![1];
    return { [name]: owned[route.owns] };
  };

  it('refuses every route that needs a viewer or an operator without a valid session (no, expired, forged tokens)', async () => {
    const guarded = allRoutes().filter((r) => r.auth === 'viewer' || r.auth === 'operator');
    expect(guarded.length).toBeGreaterThan(15);
    const successes: string[] = [];
    for (const route of guarded) {
      const path = samplePath(route, paramFor(route));
      for (const credential of badCredentials(stack.apiEnv.TOKEN_SECRET, owner.user.id, stack.apiEnv.OPERATOR_SECRET).filter((c) => route.auth === 'operator' || !c.operatorOnly)) {
        const reply = await send(route, path, credential.headers);
        // Refused as unauthenticated, with the contract's error body: not "not found" or anything else.
        const refused = (reply.status === 401 || reply.status === 403) && /^(UNAUTHORIZED|FORBIDDEN)$/.test(reply.body?.code) && typeof reply.body?.message === 'string';
        if (!refused) successes.push(`${routeName(route)} ${path} with ${credential.name}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`);
      }
    }
    expect(successes).toEqual([]);
  }, 180_000); // 435 requests one after another (48 routes, up to 11 credentials), each handler's first loading it: over 60 s on CI's 2 busy cores

  it("refuses operator routes to a signed-in viewer, and viewer routes to an operator's token", async () => {
    const operatorRoutes = allRoutes().filter((r) => r.auth === 'operator');
    expect(operatorRoutes.length).toBeGreaterThan(0);
    const successes: string[] = [];
    for (const route of operatorRoutes) {
      const reply = await send(route, samplePath(route), { authorization: `Bearer ${owner.token}` });
      if (!(reply.status === 401 || reply.status === 403)) successes.push(`${routeName(route)} as a viewer: ${reply.status}`);
    }
    const operator = await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } });
    expect(operator.status).toBe(200);
    for (const route of allRoutes().filter((r) => r.auth === 'viewer')) {
      const reply = await send(route, samplePath(route, paramFor(route)), { authorization: `Bearer ${operator.body.token}` });
      if (!(reply.status === 401 || reply.status === 403)) successes.push(`${routeName(route)} as the operator: ${reply.status}`);
    }
    expect(successes).toEqual([]);
  });

  it('refuses platform callbacks that are unsigned, forged or sent with a viewer token', async () => {
    const callbacks = allRoutes().filter((r) => r.auth === 'platform');
    expect(callbacks.length).toBeGreaterThanOrEqual(2);
    const payment = JSON.stringify({ msg: JSON.stringify({ app_id: stack.apiEnv.DOUYIN_APP_ID, out_order_no: owned.order, total_amount: 600, status: 'SUCCESS' }), type: 'payment' });
    const now = String(Math.floor(Date.now() / 1000));
    const attempts: Array<{ name: string; headers: Record<string, string>; raw: string; query?: string }> = [
      { name: 'unsigned', headers: { 'content-type': 'application/json' }, raw: payment },
      { name: 'viewer token', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, raw: payment },
      {
        name: 'forged Douyin signature',
        headers: { 'content-type': 'application/json', 'byte-timestamp': now, 'byte-nonce-str': 'abc', 'byte-signature': Buffer.alloc(256, 7).toString('base64'), 'byte-logid': 'x' },
        raw: payment,
      },
      {
        name: 'forged WeChat signature',
        headers: { 'content-type': 'application/json' },
        raw: JSON.stringify({ Encrypt: Buffer.alloc(64, 1).toString('base64'), ToUserName: 'x' }),
        query: `?signature=${'0'.repeat(40)}&timestamp=${now}&nonce=1&msg_signature=${'0'.repeat(40)}&encrypt_type=aes`,
      },
    ];
    const successes: string[] = [];
    for (const route of callbacks) {
      for (const attempt of attempts) {
        const reply = await call(stack.urls.API, `${route.path}${attempt.query ?? ''}`, { method: route.method, headers: attempt.headers, raw: attempt.raw });
        if (success(reply.status) || reply.status >= 500) successes.push(`${routeName(route)} ${attempt.name}: ${reply.status}`);
        else expect(reply.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    expect(successes).toEqual([]);
    // Nothing was paid by any of it.
    expect((await api(`/orders/${owned.order}`, { token: owner.token })).body.status).toBe('pending');
  });

  it("refuses another viewer's orders, scenes and uploads on every route that names one", async () => {
    const owning = allRoutes().filter((r) => r.owns);
    expect(owning.map((r) => r.owns).sort()).toEqual(expect.arrayContaining(['adTicket', 'order', 'scene']));
    const successes: string[] = [];
    for (const route of owning) {
      const path = samplePath(route, paramFor(route));
      // The owner reaches it (so the refusal below is about ownership, not a bad path).
      const own = await send(route, path, { authorization: `Bearer ${owner.token}` });
      expect(own.status).toBeLessThan(500);
      const reply = await send(route, path, { authorization: `Bearer ${intruder.token}` });
      if (!(reply.status === 403 || reply.status === 404)) successes.push(`${routeName(route)}: ${reply.status}`);
      expect(reply.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    const stolenUpload = await api('/scenes', { body: { source: { kind: 'upload', key: uploadKey } }, token: intruder.token });
    if (stolenUpload.status !== 403) successes.push(`POST /scenes with another viewer's upload: ${stolenUpload.status}`);
    expect(successes).toEqual([]);
    // The owner's order is still theirs and unchanged.
    expect((await api(`/orders/${owned.order}`, { token: owner.token })).body).toMatchObject({ orderId: owned.order, status: 'pending' });
  });

  it('answers anonymous callers of public routes without leaking anyone\'s holdings', async () => {
    for (const route of allRoutes().filter((r) => r.auth === 'none' && r.method === 'GET')) {
      const reply = await send(route, samplePath(route), {});
      expect(reply.status).toBeLessThan(500);
    }
    const { id: seriesId, freeEpisodes } = (await api('/series')).body.items[0];
    const anonymous = await api(`/series/${seriesId}`);
    expect(anonymous.body.episodes.filter((e: { index: number; locked: boolean }) => e.index > freeEpisodes).every((e: { locked: boolean }) => e.locked)).toBe(true);
  });
});
