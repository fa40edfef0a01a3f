import { createHash } from 'node:crypto';
import { figureNames, figuresOutputSchemas } from '@drama/shared/admin';
import { errorBodySchema } from '@drama/shared/errors';
import { contractRoutes, type ContractRoute } from '@drama/shared/routes';
import type { z } from 'zod';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { paymentPayload, signedDouyinRequest, signedWechatRequest } from '../../functions/sandbox/payments';
import { call, type Reply } from '../support/http';
import { operator } from '../support/operator';
import { buy, requestId } from '../support/pay';
import { testHlsEpisode } from '../support/stack-setup';
import { useStackEnv } from '../support/use-stack-env';
import { send, wireOf } from '../support/wire';

/**
 * The contract, route by route: a walk through the integration stack (serverless-offline on the
 * real serverless.yml) calls every route of shared/src/routes.ts's table as the app, the console and
 * the platforms do, and every answer is parsed with the schema the table names for it: the success
 * body (`response`, at one of its `status`es), a 4xx as `{code, message}` or the route's own
 * refusal (the paywall's 402s). A handler whose answer drifts from shared/ fails here, and so does
 * a route added to the table without a way to reach it in this walk.
 */
const stack = useStackEnv('integration');
const routeName = (r: Pick<ContractRoute, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** Each route's path as a pattern: `{name}` matches one segment. */
const patterns = contractRoutes.map((route) => ({ route, pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`) }));
function routeOf(method: string, path: string): ContractRoute {
  const pathname = path.split('?')[0];
  const found = patterns.find((p) => p.route.method === method && p.pattern.test(pathname));
  if (!found) throw new Error(`${method} ${pathname} is not a route of the contract table`);
  return found.route;
}

/** Every answer the walk got, by route. */
const answers = new Map<string, Array<{ path: string; reply: Reply<unknown> }>>();
function record(method: string, path: string, reply: Reply<unknown>): Reply<any> {
  const name = routeName(routeOf(method, path));
  answers.set(name, [...(answers.get(name) ?? []), { path, reply }]);
  return reply as Reply<any>;
}

/** The API as the app calls it, every answer recorded. */
async function api(path: string, opts: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<Reply<any>> {
  const method = opts.method ?? (opts.body === undefined && opts.raw === undefined ? 'GET' : 'POST');
  return record(method, path, await call(stack.urls.API, path, { ...opts, method }));
}

/** A successful answer, or the walk stops with what came back instead. */
function ok(reply: Reply<any>, what: string): any {
  if (reply.status < 200 || reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply.body;
}

const signIn = async (code: string, platform = 'sandbox') => ok(await api('/auth/login', { body: { platform, code } }), 'login') as { token: string; user: { id: string } };
const tag = Date.now().toString(36);
const identity = ensureSandboxIdentity(stack.dataDir);

/** The walk: one request (or more) per route, in the order a viewer, an operator and the platforms would make them. */
async function walk() {
  const { seriesId, episode: paidEpisode } = testHlsEpisode;
  const catalog = ok(await api('/series?platform=h5'), 'catalog');
  ok(await api(`/series/${seriesId}`), 'series page');
  ok(await api('/products?platform=h5'), 'products');
  ok(await api('/rankings/hot'), 'ranking');
  ok(await api(`/search?q=${encodeURIComponent(catalog.items[0].title.slice(0, 1))}`), 'search');

  // A viewer launched from an ad click watches a free episode, then buys the series and plays its paid episode over HLS.
  const viewer = await signIn(`contract-viewer-${tag}`);
  const clickid = `contract-click-${tag}`;
  ok(await api('/attribution/launch', { body: { clickid, query: { clickid } }, token: viewer.token }), 'launch');
  ok(await api('/play', { body: { seriesId, episode: 1 }, token: viewer.token }), 'free play');
  await api('/play', { body: { seriesId, episode: paidEpisode }, token: viewer.token }); // 402: the paywall
  const { orderId } = await buy(stack.urls, viewer.token, { kind: 'series', seriesId });
  ok(await api(`/orders/${orderId}`, { token: viewer.token }), 'order');
  const played = ok(await api('/play', { body: { seriesId, episode: paidEpisode }, token: viewer.token }), 'paid play');
  const playlist = new URL(played.url);
  ok(await api(`${playlist.pathname}${playlist.search}`), 'playlist');
  ok(await api(`/series/${seriesId}`, { token: viewer.token }), 'series page, signed in');
  ok(await api('/me/viewer-code', { token: viewer.token }), 'viewer code');
  ok(await api('/me/wallet', { token: viewer.token }), 'wallet');
  ok(await api('/me/ledger', { token: viewer.token }), 'ledger');
  ok(await api('/orders', { body: { platform: 'sandbox', requestId: requestId('contract'), product: { kind: 'coins', packId: 'coins-600' } }, token: viewer.token }), 'order');

  // Habits and reminders.
  ok(await api('/checkins', { method: 'POST', body: {}, token: viewer.token }), 'check-in');
  ok(await api('/me/checkins', { token: viewer.token }), 'check-ins');
  ok(await api('/progress', { method: 'PUT', body: { seriesId, episode: 1, positionS: 3 }, token: viewer.token }), 'progress');
  ok(await api('/me/history', { token: viewer.token }), 'history');
  ok(await api(`/follows/${seriesId}`, { method: 'POST', token: viewer.token }), 'follow');
  ok(await api('/me/follows', { token: viewer.token }), 'follows');
  ok(await api(`/follows/${seriesId}`, { method: 'DELETE', token: viewer.token }), 'unfollow');
  ok(await api('/me/consents?platform=douyin', { token: viewer.token }), 'consents');
  ok(await api('/consents', { body: { platform: 'douyin', results: { checkin: 'accept' } }, token: viewer.token }), 'consent');
  ok(await api('/consents/checkin?platform=douyin', { method: 'DELETE', token: viewer.token }), 'withdraw');

  // Likes and comments.
  const episodePath = `/series/${seriesId}/episodes/1`;
  ok(await api(`${episodePath}/like`), 'likes');
  ok(await api(`${episodePath}/like`, { method: 'PUT', token: viewer.token }), 'like');
  ok(await api(`${episodePath}/like`, { method: 'DELETE', token: viewer.token }), 'unlike');
  const comment = ok(await api(`${episodePath}/comments`, { body: { text: '这一集太好看了', atS: 3 }, token: viewer.token }), 'comment');
  ok(await api(`${episodePath}/comments`), 'comments');
  ok(await api(`/comments/${comment.commentId}/reports`, { method: 'POST', token: viewer.token }), 'report');

  // Scenes from a frame, and an upload for one.
  ok(await api('/uploads', { body: { contentType: 'image/png', bytes: 1000 }, token: viewer.token }), 'upload');
  const scene = ok(await api('/scenes', { body: { source: { kind: 'frame', seriesId, episode: 1, atS: 1 } }, token: viewer.token }), 'scene');
  ok(await api(`/scenes/${scene.sceneId}`, { token: viewer.token }), 'scene state');
  ok(await api(`/scenes/${scene.sceneId}/steps`, { body: { action: scene.controls[0]?.action ?? 0 }, token: viewer.token }), 'step');

  // Coins: short of them (402), then bought and spent.
  const spender = await signIn(`contract-spender-${tag}`);
  await api('/unlocks', { body: { seriesId, episode: paidEpisode, requestId: requestId('contract-short') }, token: spender.token });
  await buy(stack.urls, spender.token, { kind: 'coins', packId: 'coins-600' });
  ok(await api('/unlocks', { body: { seriesId, episode: paidEpisode, requestId: requestId('contract-unlock') }, token: spender.token }), 'unlock');

  // A membership, then its renewal stopped.
  const member = await signIn(`contract-member-${tag}`);
  await buy(stack.urls, member.token, { kind: 'membership', plan: 'month' });
  ok(await api('/memberships/cancel', { method: 'POST', body: {}, token: member.token }), 'cancel membership');

  // An ad unlock: the ticket, the app's report while the network's callback is awaited, the callback, the unlock.
  const adViewer = await signIn(`contract-ads-${tag}`);
  const ticket = ok(await api('/ads/unlocks', { body: { seriesId, episode: paidEpisode }, token: adViewer.token }), 'ad ticket');
  await api(`/ads/unlocks/${ticket.ticketId}/complete`, { method: 'POST', token: adViewer.token });
  const transId = `contract-${tag}`;
  const sign = createHash('sha256').update(`${stack.apiEnv.AD_SECURITY_KEY}:${transId}`).digest('hex');
  ok(await api('/ads/callback', { body: { trans_id: transId, user_id: adViewer.user.id, extra: ticket.ticketId, sign } }), 'ad callback');
  ok(await api(`/ads/unlocks/${ticket.ticketId}/complete`, { method: 'POST', token: adViewer.token }), 'ad unlock');

  // The platforms' notifications, signed by the sandbox platform's keys: a Douyin and a WeChat payment, a playlet library callback.
  const pendingOrder = async (platform: 'douyin' | 'wechat', product: Record<string, unknown>) => {
    const { token } = await signIn(`contract-${platform}-${tag}`, platform);
    const created = ok(await api('/orders', { body: { platform, requestId: requestId('contract'), product }, token }), `${platform} order`);
    return { outOrderNo: created.orderId, platform, platformOrderId: `PF${created.orderId}`, amountFen: created.amountFen, notifyUrl: '', status: 'paid' as const, openId: `o_contract_${platform}`, productId: 'sku', createdAt: new Date().toISOString() };
  };
  const now = new Date();
  const douyinOrder = await pendingOrder('douyin', { kind: 'coins', packId: 'coins-600' });
  const douyinWire = wireOf('/pay/douyin/notify', signedDouyinRequest(identity, paymentPayload(identity, douyinOrder, now), now));
  ok(record('POST', douyinWire.path, await send(stack.urls.API, douyinWire)), 'douyin notification');
  const wechatOrder = { ...(await pendingOrder('wechat', { kind: 'membership', plan: 'month' })), mode: 'short_series_goods' };
  const wechatWire = wireOf('/pay/wechat/notify', signedWechatRequest(identity, paymentPayload(identity, wechatOrder, now), now));
  ok(record('POST', wechatWire.path, await send(stack.urls.API, wechatWire)), 'wechat notification');
  const playlet = { type: 'episode_audit', msg: JSON.stringify({ ma_app_id: stack.apiEnv.DOUYIN_APP_ID, album_id: '0' }), version: '2.0' };
  const playletSigned = signedDouyinRequest(identity, playlet, now);
  ok(await api('/platform/douyin/playlet', { headers: playletSigned.headers, raw: playletSigned.body }), 'playlet callback');

  // WeChat's membership subscription.
  const signer = await signIn(`contract-signer-${tag}`, 'wechat');
  ok(await api('/memberships/sign', { body: { plan: 'month_auto' }, token: signer.token }), 'sign');
  ok(await api('/me/signing', { token: signer.token }), 'signing');

  // The operator's console.
  const login = ok(await api('/admin/login', { body: { secret: stack.apiEnv.OPERATOR_SECRET } }), 'operator login');
  const admin = (path: string, opts: { method?: string; body?: unknown } = {}) => api(`/admin${path}`, { ...opts, token: login.token });
  ok(await admin('/series'), 'admin series');
  const id = `contract-${tag}`;
  ok(await admin(`/series/${id}`, { method: 'PUT', body: { title: '契约剧', genre: '悬疑', synopsis: '', tags: [], freeEpisodes: 1, episodePriceCoins: 30, seriesPriceFen: 990 } }), 'put series');
  const video = Buffer.from('\x00\x00\x00\x18ftypmp42 fixture bytes for an episode');
  const upload = ok(await admin('/uploads', { body: { kind: 'media', seriesId: id, contentType: 'video/mp4', bytes: video.length } }), 'media upload');
  expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: video })).status).toBe(200);
  ok(await admin(`/series/${id}/episodes/1`, { method: 'PUT', body: { title: '第1集', durationS: 12, mediaKey: upload.key } }), 'put episode');
  const costReportKey = await operator(stack).then((o) => o.uploadReport(id));
  ok(await admin(`/series/${id}/compliance`, { method: 'PUT', body: { budgetTier: 'provincial', licence: `(2026)测审字第${id}号`, costReportKey } }), 'compliance');
  ok(await admin(`/series/${id}/publish`, { body: { published: false } }), 'publish');
  // The live prices, put back as they are.
  const products = ok(await admin('/products'), 'admin products');
  ok(await admin('/products', { method: 'PUT', body: { coinPacks: products.coinPacks, memberships: products.memberships.map((m: { plan: string; priceFen: number }) => ({ plan: m.plan, priceFen: m.priceFen })) } }), 'put products');
  for (const name of figureNames) expect(figuresOutputSchemas[name].safeParse(ok(await admin(`/figures/${name}`), name)).success).toBe(true);
  ok(await admin(`/conversions?clickid=${clickid}`), 'conversions');
  ok(await admin('/comments'), 'moderation queue');
  ok(await admin(`/comments/${comment.commentId}`, { body: { action: 'approve' } }), 'moderate');
  const code = ok(await api('/me/viewer-code', { token: viewer.token }), 'viewer code').code;
  ok(await admin(`/viewer-codes/${code}`), 'viewer of a code');
  const suspect = ok(await admin('/traces/uploads', { body: { contentType: 'video/mp4', bytes: 1000 } }), 'suspect upload');
  const trace = ok(await admin('/traces', { body: { key: suspect.key } }), 'trace');
  ok(await admin('/traces'), 'traces');
  ok(await admin(`/traces/${trace.traceId}`), 'one trace');
}

/** Why `body` does not fit `schema`, in a line (or null when it fits). */
function misfit(schema: z.ZodTypeAny, body: unknown): string | null {
  const parsed = schema.safeParse(body);
  return parsed.success ? null : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

beforeAll(walk, 600_000);

describe('the contract, route by route', () => {
  it('walked every route of the table to a success', () => {
    const unanswered = contractRoutes.map(routeName).filter((name) => !answers.get(name)?.some(({ reply }) => reply.status >= 200 && reply.status < 300));
    expect(unanswered).toEqual([]);
  });

  it.each(contractRoutes.map((route) => [routeName(route), route] as const))('%s answers as shared/ says', (_name, route) => {
    const wrong: string[] = [];
    for (const { path, reply } of answers.get(routeName(route)) ?? []) {
      const success = reply.status >= 200 && reply.status < 300;
      const schema = success ? route.response : (route.refusals?.[reply.status] ?? errorBodySchema);
      if (success && !(route.status ?? [200]).includes(reply.status)) wrong.push(`${path}: status ${reply.status}, the table says ${(route.status ?? [200]).join(' or ')}`);
      if (reply.status >= 500) wrong.push(`${path}: ${reply.status}`);
      const why = misfit(schema, reply.body);
      if (why) wrong.push(`${path} (${reply.status}): ${why}`);
    }
    expect(wrong).toEqual([]);
  });

  it('checked the refusals that carry more than {code, message}', () => {
    const refusals = contractRoutes.flatMap((route) => Object.keys(route.refusals ?? {}).map((status) => `${routeName(route)} ${status}`));
    const seen = refusals.filter((r) => {
      const [method, path, status] = r.split(' ');
      return answers.get(`${method} ${path}`)?.some(({ reply }) => String(reply.status) === status);
    });
    expect(seen).toEqual(refusals);
  });
});
