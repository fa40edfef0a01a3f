import { createHmac } from 'node:crypto';
import { shanghaiDate } from '@drama/shared/calendar';
import { contractRoutes, routePath } from '@drama/shared/routes';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http';
import { buy } from '../support/pay';
import { useStackEnv } from '../support/use-stack-env';
import { dynamoLoginAttempts } from '../../functions/src/adapters/dynamodb-login-attempts';
import { throttledOperatorLogin } from '../../functions/src/domain/auth/operator';

/**
 * The operator API: only an operator token passes (viewers get 403, no or forged tokens 401), and
 * what operators do is what viewers then see — a new series with uploaded media, its prices and
 * licence, publishing and unpublishing, coin pack prices — and the figures come from the events.
 */
const stack = useStackEnv('integration');
const { api, signIn } = apiClient(stack.urls.API);
const adminRoutes = contractRoutes.filter((r) => r.auth === 'operator');
const sampleParams = { seriesId: 'any-series', index: '1', name: 'funnel', commentId: 'c_0000000000000', traceId: 'abcdefgh-0123abcd', code: '2345A' };

let operatorToken: string;
beforeAll(async () => {
  const login = await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } });
  expect(login.status).toBe(200);
  operatorToken = login.body.token;
});

/** A JWS with the right shape, signed with a key the API does not hold. */
function forged(sub: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac('sha256', 'not-the-secret').update(body).digest('base64url')}`;
}

describe('operator auth', () => {
  it('covers every /admin/ route in the contract table', () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(9);
    expect(adminRoutes.every((r) => r.path.startsWith('/admin/'))).toBe(true);
  });

  it.each(adminRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses viewers (403), no token and forged tokens (401)', async (_name, route) => {
    const viewer = await signIn('viewer-knocking-on-admin');
    const path = routePath(route, sampleParams);
    const send = (token?: string) => api(path, { method: route.method, token, ...(route.method === 'GET' ? {} : { body: {} }) });
    const asViewer = await send(viewer.token);
    expect([asViewer.status, asViewer.body.code]).toEqual([403, 'FORBIDDEN']);
    for (const token of [undefined, forged('operator'), forged(viewer.user.id), 'not-a-token']) {
      const r = await send(token);
      expect([r.status, r.body.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });

  it('signs operators in with the secret only, and their token is no viewer token', async () => {
    expect((await api('/admin/login', { body: { secret: 'wrong' } })).status).toBe(401);
    expect((await api('/admin/login', { body: { secret: `${stack.apiEnv.OPERATOR_SECRET}x` } })).status).toBe(401);
    expect((await api('/admin/login', { body: {} })).status).toBe(400);
    expect((await api('/me/wallet', { token: operatorToken })).status).toBe(401);
    expect((await api('/admin/series', { token: operatorToken })).status).toBe(200);
  });

  it('counts wrong secrets per address in the table and then holds that address\'s sign-ins (429)', async () => {
    // The stack under test allows many (the fuzz suite tries wrong secrets); here the limit is 2.
    const source = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const now = new Date(); // one instant: the three attempts fall in one window
    const login = (secret: string) => throttledOperatorLogin(secret, stack.apiEnv.OPERATOR_SECRET, source, now, dynamoLoginAttempts, 2).then(() => 'OK', (e: { code: string }) => e.code);
    expect([await login('wrong'), await login('wrong again')]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(await login(stack.apiEnv.OPERATOR_SECRET)).toBe('RATE_LIMITED');
    expect(await throttledOperatorLogin(stack.apiEnv.OPERATOR_SECRET, stack.apiEnv.OPERATOR_SECRET, `${source}0`, now, dynamoLoginAttempts, 2)).toMatchObject({ token: expect.any(String) });
  });
});

describe('series and episodes', () => {
  const id = `ops-${Date.now().toString(36)}`;
  const seriesInput = { title: '运营新剧', genre: '甜宠', synopsis: '运营上传', tags: ['新剧'], freeEpisodes: 1, episodePriceCoins: 40, seriesPriceFen: 1290, order: 5 };

  it('creates a series unpublished, uploads its media through presigned PUTs, and publishes it only with its licence, budget tier and cost report', async () => {
    const created = await api(`/admin/series/${id}`, { method: 'PUT', body: seriesInput, token: operatorToken });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id, published: false, episodes: [] });

    // Upload one small episode file and a cover, as the console does.
    const video = Buffer.from('\x00\x00\x00\x18ftypmp42 fixture bytes for an episode');
    const upload = await api('/admin/uploads', { body: { kind: 'media', seriesId: id, contentType: 'video/mp4', bytes: video.length }, token: operatorToken });
    expect(upload.status).toBe(200);
    expect(upload.body.key).toMatch(new RegExp(`^media/${id}/.+\\.mp4$`));
    const put = await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: video });
    expect(put.status).toBe(200);
    const tampered = await fetch(upload.body.url.replace('X-Amz-Signature=', 'X-Amz-Signature=0'), { method: 'PUT', headers: upload.body.headers, body: video });
    expect(tampered.status).toBe(403);
    const cover = await api('/admin/uploads', { body: { kind: 'cover', seriesId: id, contentType: 'image/png', bytes: 8 }, token: operatorToken });
    expect((await fetch(cover.body.url, { method: 'PUT', headers: cover.body.headers, body: Buffer.from('\x89PNG\r\n\x1a\n', 'binary') })).status).toBe(200);
    expect((await api('/admin/uploads', { body: { kind: 'cover', seriesId: id, contentType: 'video/mp4', bytes: 8 }, token: operatorToken })).status).toBe(400);

    for (const index of [1, 2]) {
      // The second (paid) episode has a coin price of its own, over the series' 40.
      const price = index === 2 ? { priceCoins: 70 } : {};
      const r = await api(`/admin/series/${id}/episodes/${index}`, { method: 'PUT', body: { title: `第${index}集`, durationS: 12, mediaKey: upload.body.key, ...price }, token: operatorToken });
      expect(r.status).toBe(200);
    }
    expect((await api(`/admin/series/${id}/episodes/9`, { method: 'PUT', body: { title: 'gap', durationS: 12, mediaKey: upload.body.key }, token: operatorToken })).status).toBe(400);
    expect((await api(`/admin/series/${id}/episodes/3`, { method: 'PUT', body: { title: 'x', durationS: 12, mediaKey: 'uploads/elsewhere' }, token: operatorToken })).status).toBe(400);
    expect((await api(`/series/${id}`)).status).toBe(404);

    const unlicensed = await api(`/admin/series/${id}/publish`, { body: { published: true }, token: operatorToken });
    expect([unlicensed.status, unlicensed.body.code]).toEqual([409, 'CONFLICT']);
    await api(`/admin/series/${id}`, { method: 'PUT', body: { ...seriesInput, licence: '(2026)沪剧审字第001号', coverKey: cover.body.key }, token: operatorToken });
    // The licence alone is not enough (going-live.test.ts tests the rule itself).
    expect((await api(`/admin/series/${id}/publish`, { body: { published: true }, token: operatorToken })).status).toBe(409);
    const costReport = await api('/admin/uploads', { body: { kind: 'report', seriesId: id, contentType: 'image/png', bytes: 8 }, token: operatorToken });
    expect((await fetch(costReport.body.url, { method: 'PUT', headers: costReport.body.headers, body: Buffer.from('\x89PNG\r\n\x1a\n', 'binary') })).status).toBe(200);
    const compliance = { budgetTier: 'platform', licence: '(2026)沪剧审字第001号', costReportKey: costReport.body.key };
    expect((await api(`/admin/series/${id}/compliance`, { method: 'PUT', body: compliance, token: operatorToken })).status).toBe(200);
    expect((await api(`/admin/series/${id}/publish`, { body: { published: true }, token: operatorToken })).body).toMatchObject({ published: true, licence: '(2026)沪剧审字第001号' });

    const listed = await eventually(() => api('/series'), (r) => r.body.items.some((s: { id: string }) => s.id === id), 'the new series listed');
    expect(listed.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ title: '运营新剧', episodeCount: 2, freeEpisodes: 1, seriesPriceFen: 1290, licence: '(2026)沪剧审字第001号' });

    // A viewer plays the free episode from the uploaded object, and pays for the second.
    const viewer = await signIn(`ops-viewer-${id}`);
    const played = await api('/play', { body: { seriesId: id, episode: 1 }, token: viewer.token });
    expect(played.status).toBe(200);
    expect(Buffer.from(await (await fetch(played.body.url)).arrayBuffer()).equals(video)).toBe(true);
    const locked = await api('/play', { body: { seriesId: id, episode: 2 }, token: viewer.token });
    expect(locked.body.offers).toContainEqual({ kind: 'series', priceFen: 1290 });
    // The paywall quotes what an unlock of this episode charges: its own price, not the series default.
    expect(locked.body.offers).toContainEqual(expect.objectContaining({ kind: 'coins', coins: 70 }));
    expect((await api('/admin/series/x-prices/episodes/1', { method: 'PUT', body: { title: 'free?', durationS: 1, mediaKey: upload.body.key, priceCoins: 0 }, token: operatorToken })).status).toBe(400);
    expect((await api(`/admin/series/${id}`, { method: 'PUT', body: { ...seriesInput, seriesPriceFen: 0 }, token: operatorToken })).status).toBe(400);
    const { created: order } = await buy(stack.urls, viewer.token, { kind: 'series', seriesId: id });
    expect(order.amountFen).toBe(1290);
  });

  it('unpublishes: the series disappears from GET /series', async () => {
    expect((await api(`/admin/series/${id}/publish`, { body: { published: false }, token: operatorToken })).body.published).toBe(false);
    await eventually(() => api('/series'), (r) => !r.body.items.some((s: { id: string }) => s.id === id), 'the series gone from the list');
    expect((await api('/admin/series', { token: operatorToken })).body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ published: false, episodes: [{ index: 1 }, { index: 2 }] });
  });
});

describe('prices', () => {
  it('prices orders from the operator\'s coin packs and membership prices, never from the request', async () => {
    const defaults = (await api('/admin/products', { token: operatorToken })).body;
    // A pack of its own, beside the defaults: other suites share this stack and buy the default packs
    // at their default terms while this test runs, so those stay as they are.
    const packId = `ops-${Date.now().toString(36)}`;
    const changed = {
      coinPacks: [...defaults.coinPacks, { packId, priceFen: 500, coins: 600, bonusCoins: 60, bonusDays: 7 }],
      memberships: [{ plan: 'month', priceFen: 2800 }],
    };
    try {
      expect((await api('/admin/products', { method: 'PUT', body: changed, token: operatorToken })).status).toBe(200);
      const viewed = await eventually(() => api('/products'), (r) => r.body.coinPacks.some((p: { packId: string }) => p.packId === packId), 'the new pack on sale');
      expect(viewed.body.coinPacks.find((p: { packId: string }) => p.packId === packId).priceFen).toBe(500);
      expect(viewed.body.memberships.find((m: { plan: string }) => m.plan === 'month').priceFen).toBe(2800);
      const viewer = await signIn(`price-${Date.now()}`);
      const cheat = await api('/orders', { body: { platform: 'sandbox', requestId: `cheat-${Date.now()}`, product: { kind: 'coins', packId, priceFen: 1 } }, token: viewer.token });
      expect(cheat.status).toBe(400);
      const { created } = await buy(stack.urls, viewer.token, { kind: 'coins', packId });
      expect(created.amountFen).toBe(500);
      expect((await api('/me/wallet', { token: viewer.token })).body).toMatchObject({ coins: 600, bonusCoins: 60 });
      expect((await api('/admin/products', { method: 'PUT', body: { ...changed, coinPacks: [changed.coinPacks[0], changed.coinPacks[0]] }, token: operatorToken })).status).toBe(400);
    } finally {
      await api('/admin/products', { method: 'PUT', body: { coinPacks: defaults.coinPacks, memberships: defaults.memberships.map((m: { plan: string; priceFen: number }) => ({ plan: m.plan, priceFen: m.priceFen })) }, token: operatorToken });
    }
  });
});

describe('figures from the event stream', () => {
  it('counts a campaign\'s funnel, the revenue, reminder opt-outs and check-in streaks', async () => {
    const campaign = `camp-${Date.now().toString(36)}`;
    const series = (await api('/series')).body.items.find((s: { freeEpisodes: number; episodeCount: number }) => s.freeEpisodes > 0 && s.episodeCount > s.freeEpisodes);
    const viewer = await signIn(`funnel-${campaign}`);
    await api('/attribution/launch', { body: { clickid: `click-${campaign}`, campaign, channel: 'douyin', query: {} }, token: viewer.token });
    await api('/play', { body: { seriesId: series.id, episode: 1 }, token: viewer.token });
    expect((await api('/play', { body: { seriesId: series.id, episode: series.freeEpisodes + 1 }, token: viewer.token })).status).toBe(402);
    await buy(stack.urls, viewer.token, { kind: 'series', seriesId: series.id });
    await api('/consents', { body: { platform: 'sandbox', results: { checkin: 'reject', new_drama: 'accept' } }, token: viewer.token });
    await api('/checkins', { body: {}, token: viewer.token });
    await api('/attribution/launch', { body: { query: { rk: 'new_drama' }, reminder: 'new_drama' }, token: viewer.token });

    const today = shanghaiDate(new Date());
    const figure = async (name: string) => (await api(`/admin/figures/${name}?from=${today}&to=${today}`, { token: operatorToken })).body;
    const funnel = await figure('funnel');
    expect(funnel.byCampaign.find((r: { key: string }) => r.key === campaign)?.counts).toEqual({ launch: 1, play: 1, paywall: 1, order: 1, paid: 1 });
    expect(funnel.bySeries.find((r: { key: string }) => r.key === series.id)?.counts.paid).toBeGreaterThanOrEqual(1);
    const revenue = await figure('revenue');
    expect(revenue.byDay).toEqual([expect.objectContaining({ date: today })]);
    expect(revenue.byDay[0].series).toBeGreaterThanOrEqual(series.seriesPriceFen);
    expect(revenue.byProduct.find((p: { product: string }) => p.product === `series:${series.id}`)?.amountFen).toBeGreaterThanOrEqual(series.seriesPriceFen);
    const reminders = await figure('reminders');
    expect(reminders.byKind.find((r: { kind: string }) => r.kind === 'checkin').optedOut).toBeGreaterThanOrEqual(1);
    expect(reminders.byKind.find((r: { kind: string }) => r.kind === 'new_drama').opened).toBeGreaterThanOrEqual(1);
    const retention = await figure('retention');
    expect(retention.streaks[0].users).toBeGreaterThanOrEqual(1);

    expect((await api('/admin/figures/funnel?from=2026-02-31&to=2026-03-01', { token: operatorToken })).status).toBe(400);
    expect((await api('/admin/figures/funnel?from=2026-01-01&to=2026-12-31', { token: operatorToken })).status).toBe(400);
    expect((await api('/admin/figures/secrets', { token: operatorToken })).status).toBe(400);
  });
});
