import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { adNetwork, ensureAdNetwork } from './ads';
import type { SandboxIdentity } from './keys';
import { checkAppSignature, checkPaySig, deductionPath, deliveryQueue, paymentPayload, refundPayload, SandboxError } from './payments';
import { userIdFor } from '../src/domain/auth/login';
import { loadState, type ConversionRecord, type SandboxOrder } from './state';
import { textSafetyRoutes } from './text-safety';
import { goingLiveRoutes } from './going-live';

/**
 * The sandbox platform: plays Douyin's and WeChat's servers on their own paths and formats
 * (PLATFORM.md), so the API's platform adapters are production code pointed at another base URL.
 * Login codes are not single-use here: the H5 app keeps one code per browser, and the same code
 * always yields the same openid. Payments: the app hands the signed order to `/requestOrder`
 * (Douyin) or `/requestVirtualPayment` (WeChat) as tt.requestOrder / wx.requestVirtualPayment
 * would; the cashier's `/pay` pays it; the notification is then delivered with the platform's
 * headers, signature and retry schedule until the API acknowledges it. The ad platforms' conversion
 * APIs (巨量's `/api/v2/conversion`, Douyin's playlet business upload) record what they receive
 * (`GET /conversions`) and can be told to fail (`POST /control/fail-conversions`).
 */
export interface SandboxServer {
  server: Server;
  close(): Promise<void>;
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
  });
  res.end(JSON.stringify(body));
}

/** A stable per-app openid for a code, as the platform would derive from the account behind it. */
function openIdFor(appId: string, code: string, prefix: string): string {
  return `${prefix}${createHmac('sha256', appId).update(code).digest('base64url').slice(0, 26)}`;
}

export interface SandboxOptions {
  port: number;
  host?: string;
  /** Where WeChat message pushes go (configured in the WeChat console in production). */
  apiUrl: string;
  /** Multiplies every retry delay: 1 in `npm start`, small in tests. */
  timeScale?: number;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const value = JSON.parse(await readBody(req));
    if (!value || typeof value !== 'object') throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new SandboxError(400, 'send a JSON object');
  }
}

export function startSandbox(identity: SandboxIdentity, options: SandboxOptions): Promise<SandboxServer> {
  const { douyin, wechat } = identity;
  const { port, host = '127.0.0.1' } = options;
  const { state, save } = loadState(identity.dir);
  const queue = deliveryQueue({ identity, state, save, timeScale: options.timeScale ?? 1 });
  queue.resume();
  // The rewarded-video ad network (ads.ts): views, and reward callbacks to the API with retries.
  const ads = adNetwork({ identity: ensureAdNetwork(identity.dir), state, save, apiUrl: options.apiUrl, timeScale: options.timeScale ?? 1, readJson, send });
  ads.resume();

  let deductionFailures = 0;
  let sendFailures: { count: number; mode: 'transient' | 'refused' } = { count: 0, mode: 'transient' };
  const takeFailure = () => {
    if (sendFailures.count <= 0) return null;
    sendFailures.count--;
    return sendFailures.mode;
  };
  let conversionFailures = { count: 0, status: 503 };
  const takeConversionFailure = () => {
    if (conversionFailures.count <= 0) return 0;
    conversionFailures.count--;
    return conversionFailures.status;
  };
  const recordConversion = (c: Omit<ConversionRecord, 'id' | 'at'>) => {
    state.conversions.push({ id: randomBytes(8).toString('hex'), at: new Date().toISOString(), ...c });
    save();
  };
  const tokens = new Map<string, 'douyin' | 'wechat'>();
  const issueToken = (platform: 'douyin' | 'wechat') => {
    const token = randomBytes(24).toString('hex');
    tokens.set(token, platform);
    return token;
  };
  const record = (m: { platform: 'douyin' | 'wechat'; openId: string; templateId: string; title: string; body: string; page: string }) => {
    // The users the API knows this openid as (H5's sandbox sign-in speaks Douyin's protocol).
    const userIds = m.platform === 'wechat' ? [userIdFor('wechat', m.openId)] : [userIdFor('douyin', m.openId), userIdFor('sandbox', m.openId)];
    state.inbox.push({ id: randomBytes(8).toString('hex'), at: new Date().toISOString(), userIds, ...m });
    save();
  };

  const register = (order: SandboxOrder) => {
    const existing = state.orders[order.outOrderNo];
    if (existing && existing.status !== 'created') return existing;
    state.orders[order.outOrderNo] = order;
    save();
    return order;
  };

  const routes: Record<string, (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>> = {
    'GET /health': async (_req, _url, res) => send(res, 200, { ok: true }),

    // Douyin code2session v2 (PLATFORM.md §1).
    'POST /api/apps/v2/jscode2session': async (req, _url, res) => {
      let input: { appid?: string; secret?: string; code?: string; anonymous_code?: string };
      try {
        input = JSON.parse(await readBody(req));
      } catch {
        return send(res, 200, { err_no: 40001, err_tips: 'invalid json', data: null });
      }
      if (input.appid !== douyin.appId || input.secret !== douyin.appSecret) {
        return send(res, 200, { err_no: 40015, err_tips: 'bad appid or secret', data: null });
      }
      if (!input.code || input.code.length > 128) {
        return send(res, 200, { err_no: 40018, err_tips: 'bad code', data: null });
      }
      send(res, 200, {
        err_no: 0,
        err_tips: 'success',
        data: {
          session_key: createHmac('sha256', douyin.appSecret).update(`session:${input.code}`).digest('base64'),
          openid: openIdFor(douyin.appId, input.code, '_000'),
          anonymous_openid: '',
          unionid: openIdFor('union', input.code, 'un_'),
        },
      });
    },

    // WeChat code2session (PLATFORM.md §1).
    'GET /sns/jscode2session': async (_req, url, res) => {
      const q = url.searchParams;
      if (q.get('appid') !== wechat.appId || q.get('secret') !== wechat.appSecret) {
        return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      const code = q.get('js_code');
      if (!code || code.length > 128 || q.get('grant_type') !== 'authorization_code') {
        return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      }
      send(res, 200, {
        openid: openIdFor(wechat.appId, code, 'o'),
        session_key: createHmac('sha256', wechat.appSecret).update(`session:${code}`).digest('base64'),
      });
    },
  };

  Object.assign(routes, {
    // tt.requestOrder: Douyin checks byteAuthorization with the app public key and opens the cashier.
    'POST /requestOrder': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const input = await readJson(req);
      const data = String(input.data ?? '');
      checkAppSignature(identity, '/requestOrder', data, String(input.byteAuthorization ?? ''), new Date());
      const order = JSON.parse(data) as { outOrderNo: string; totalAmount: number; payNotifyUrl: string };
      const saved = register({
        outOrderNo: order.outOrderNo,
        platform: 'douyin',
        platformOrderId: `DY${Date.now()}${randomBytes(4).toString('hex')}`,
        amountFen: order.totalAmount,
        notifyUrl: order.payNotifyUrl,
        status: 'created',
        createdAt: new Date().toISOString(),
      });
      send(res, 200, { orderId: saved.platformOrderId, outOrderNo: saved.outOrderNo, status: saved.status });
    },

    // wx.requestVirtualPayment: WeChat checks paySig with the AppKey of the environment.
    'POST /requestVirtualPayment': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const input = await readJson(req);
      const signData = String(input.signData ?? '');
      checkPaySig(identity, signData, String(input.paySig ?? ''));
      const data = JSON.parse(signData) as { outTradeNo: string; goodsPrice: number; productId: string };
      const saved = register({
        outOrderNo: data.outTradeNo,
        platform: 'wechat',
        platformOrderId: `WX${Date.now()}${randomBytes(4).toString('hex')}`,
        amountFen: data.goodsPrice,
        notifyUrl: `${options.apiUrl}/pay/wechat/notify`,
        status: 'created',
        productId: data.productId,
        mode: String(input.mode ?? 'short_series_goods'),
        openId: typeof input.openId === 'string' ? input.openId : undefined,
        createdAt: new Date().toISOString(),
      });
      send(res, 200, { orderId: saved.platformOrderId, outTradeNo: saved.outOrderNo, status: saved.status });
    },

    // The cashier: the user pays; the platform then notifies the API until it acknowledges.
    'POST /pay': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const { orderId } = await readJson(req);
      const order = state.orders[String(orderId)];
      if (!order) throw new SandboxError(404, 'no such order: call requestOrder first');
      if (order.status !== 'created') return send(res, 200, { orderId: order.outOrderNo, status: order.status });
      order.status = 'paid';
      order.paidAt = new Date().toISOString();
      queue.enqueue({ id: randomBytes(8).toString('hex'), platform: order.platform, kind: 'payment', outOrderNo: order.outOrderNo, url: order.notifyUrl, payload: paymentPayload(identity, order, new Date()) });
      send(res, 200, { orderId: order.outOrderNo, status: order.status });
    },

    // A refund, as the merchant console or customer service would start it.
    'POST /refund': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const { orderId } = await readJson(req);
      const order = state.orders[String(orderId)];
      if (!order || order.status !== 'paid') throw new SandboxError(409, 'only paid orders can be refunded');
      order.status = 'refunded';
      const url = order.platform === 'douyin' ? order.notifyUrl : `${options.apiUrl}/pay/wechat/notify`;
      queue.enqueue({ id: randomBytes(8).toString('hex'), platform: order.platform, kind: 'refund', outOrderNo: order.outOrderNo, url, payload: refundPayload(identity, order, new Date()) });
      send(res, 200, { orderId: order.outOrderNo, status: order.status });
    },

    // Auto-renewal deduction (签约代扣, unconfirmed path): checks the OpenAPI signature, then charges.
    [`POST ${deductionPath}`]: async (req: IncomingMessage, url: URL, res: ServerResponse) => {
      const raw = await readBody(req);
      checkAppSignature(identity, url.pathname, raw, String(req.headers['byte-authorization'] ?? ''), new Date());
      const input = JSON.parse(raw) as { out_pay_order_no: string; total_amount: number };
      if (deductionFailures > 0) {
        deductionFailures--;
        return send(res, 200, { err_no: 21001, err_msg: 'insufficient balance in the bound account', data: null });
      }
      const platformOrderId = `DK${Date.now()}${randomBytes(4).toString('hex')}`;
      state.orders[input.out_pay_order_no] = {
        outOrderNo: input.out_pay_order_no,
        platform: 'douyin',
        platformOrderId,
        amountFen: input.total_amount,
        notifyUrl: '',
        status: 'paid',
        createdAt: new Date().toISOString(),
        paidAt: new Date().toISOString(),
      };
      save();
      send(res, 200, { err_no: 0, err_msg: 'success', data: { pay_order_id: platformOrderId } });
    },

    // Test control: the next N deductions fail as an empty bank account would.
    'POST /control/fail-deductions': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const { count } = await readJson(req);
      deductionFailures = Number(count) || 0;
      send(res, 200, { failNext: deductionFailures });
    },

    // Douyin client_token (OpenAPI credential for server-to-server calls).
    'POST /oauth/client_token/': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const input = await readJson(req);
      if (input.client_key !== douyin.appId || input.client_secret !== douyin.appSecret) return send(res, 200, { data: { error_code: 10013, description: 'bad client_key or client_secret' } });
      send(res, 200, { data: { access_token: issueToken('douyin'), expires_in: 7200, error_code: 0, description: '' }, message: 'success' });
    },

    // WeChat access_token.
    'GET /cgi-bin/token': async (_req: IncomingMessage, url: URL, res: ServerResponse) => {
      const q = url.searchParams;
      if (q.get('appid') !== wechat.appId || q.get('secret') !== wechat.appSecret) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      send(res, 200, { access_token: issueToken('wechat'), expires_in: 7200 });
    },

    // Douyin subscription notify_user: recorded in the inbox, or failed as told by the test control.
    'POST /api/notification/v2/subscription/notify_user/': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      if (!tokens.get(String(req.headers['access-token'])) ) return send(res, 200, { err_no: 28001003, err_msg: 'access-token invalid' });
      const input = await readJson(req);
      const failure = takeFailure();
      if (failure) return send(res, 200, failure === 'transient' ? { err_no: 28001999, err_msg: 'system busy' } : { err_no: 28003017, err_msg: 'user has unsubscribed' });
      const openId = String(input.open_id ?? '');
      const data = (input.data ?? {}) as Record<string, string>;
      record({ platform: 'douyin', openId, templateId: String(input.msg_id ?? ''), title: data.title ?? '', body: data.content ?? '', page: String(input.page ?? '') });
      send(res, 200, { err_no: 0, err_msg: '' });
    },

    // WeChat subscribeMessage.send.
    'POST /cgi-bin/message/subscribe/send': async (req: IncomingMessage, url: URL, res: ServerResponse) => {
      if (tokens.get(url.searchParams.get('access_token') ?? '') !== 'wechat') return send(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      const input = await readJson(req);
      const failure = takeFailure();
      if (failure) return send(res, 200, failure === 'transient' ? { errcode: -1, errmsg: 'system error' } : { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      const data = (input.data ?? {}) as Record<string, { value: string }>;
      record({ platform: 'wechat', openId: String(input.touser ?? ''), templateId: String(input.template_id ?? ''), title: data.thing1?.value ?? '', body: data.thing2?.value ?? '', page: String(input.page ?? '') });
      send(res, 200, { errcode: 0, errmsg: 'ok' });
    },

    // What the platform would have shown the user: by user id (as the API derives it) or openid.
    'GET /inbox': async (_req: IncomingMessage, url: URL, res: ServerResponse) => {
      const user = url.searchParams.get('user');
      send(res, 200, { items: state.inbox.filter((m) => !user || m.userIds.includes(user) || m.openId === user).slice().reverse() });
    },

    // Test control: the next N sends fail, transiently (system busy) or permanently (the user refused).
    'POST /control/fail-sends': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const { count, mode } = await readJson(req);
      sendFailures = { count: Number(count) || 0, mode: mode === 'refused' ? 'refused' : 'transient' };
      send(res, 200, sendFailures);
    },

    // 巨量引擎 conversion API (PLATFORM.md §7): {event_type, context: {ad: {callback}}, timestamp}.
    'POST /api/v2/conversion': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const input = await readJson(req);
      const callback = (input.context as { ad?: { callback?: unknown } } | undefined)?.ad?.callback;
      if (typeof input.event_type !== 'string' || typeof callback !== 'string' || !callback || typeof input.timestamp !== 'number') {
        return send(res, 400, { code: 40000, message: 'event_type, context.ad.callback and timestamp (ms) are required' });
      }
      const failure = takeConversionFailure();
      recordConversion({ platform: 'oceanengine', eventType: input.event_type, callback, timestamp: input.timestamp, accepted: !failure, body: input });
      if (failure) return send(res, failure, { code: 50000, message: 'system busy' });
      send(res, 200, { code: 0, message: '成功' });
    },

    // Douyin playlet business upload (PLATFORM.md §7), with an OpenAPI client token.
    'POST /api/apps/v1/playlet_business/upload/': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      if (tokens.get(String(req.headers['access-token'])) !== 'douyin') return send(res, 200, { err_no: 28001003, err_msg: 'access-token invalid' });
      const input = await readJson(req);
      const context = (input.context ?? {}) as { device?: { open_id?: unknown }; ad?: { callback?: unknown } };
      const valid =
        (input.event_type === 'premium_member' || input.event_type === 'coin_change') &&
        typeof context.device?.open_id === 'string' &&
        typeof input.properties === 'string' &&
        typeof input.timestamp === 'number';
      if (!valid) return send(res, 200, { err_no: 28001001, err_msg: 'invalid params' });
      try {
        JSON.parse(input.properties as string);
      } catch {
        return send(res, 200, { err_no: 28001001, err_msg: 'properties must be a JSON string' });
      }
      const failure = takeConversionFailure();
      recordConversion({
        platform: 'douyin_playlet',
        eventType: input.event_type as string,
        callback: typeof context.ad?.callback === 'string' ? context.ad.callback : '',
        openId: context.device!.open_id as string,
        timestamp: input.timestamp as number,
        accepted: !failure,
        body: input,
      });
      if (failure) return send(res, failure, { err_no: 28001999, err_msg: 'system busy' });
      send(res, 200, { err_no: 0, err_msg: 'success' });
    },

    // What the ad platforms received: ?callback= one click, ?accepted=true only the ones taken.
    'GET /conversions': async (_req: IncomingMessage, url: URL, res: ServerResponse) => {
      const callback = url.searchParams.get('callback');
      const accepted = url.searchParams.get('accepted');
      send(res, 200, {
        items: state.conversions.filter((c) => (!callback || c.callback === callback) && (accepted === null || String(c.accepted) === accepted)),
      });
    },

    // Test control: the next N conversion calls fail with this HTTP status (default 503), then they succeed.
    'POST /control/fail-conversions': async (req: IncomingMessage, _url: URL, res: ServerResponse) => {
      const { count, status } = await readJson(req);
      conversionFailures = { count: Number(count) || 0, status: Number(status) || 503 };
      send(res, 200, conversionFailures);
    },

    ...ads.routes,
    ...goingLiveRoutes({
      identity,
      state,
      save,
      queue,
      apiUrl: options.apiUrl,
      selfUrl: `http://${host}:${port}`,
      timeScale: options.timeScale ?? 1,
      tokenPlatform: (token) => (token ? tokens.get(token) : undefined),
      readJson,
      readBytes,
      send,
    }),

    'GET /deliveries': async (_req: IncomingMessage, url: URL, res: ServerResponse) => {
      const orderId = url.searchParams.get('orderId');
      send(res, 200, { items: state.deliveries.filter((d) => !orderId || d.outOrderNo === orderId) });
    },
  });

  Object.assign(routes, textSafetyRoutes({ identity, isWechatToken: (token) => tokens.get(token) === 'wechat', readJson, send }));

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    if (req.method === 'OPTIONS') return send(res, 204, null);
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
    try {
      await handler(req, url, res);
    } catch (error) {
      const status = error instanceof SandboxError ? error.status : 400;
      send(res, status, { code: status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'BAD_REQUEST', message: (error as Error).message });
    }
  });
  return new Promise((resolve) =>
    server.listen(port, host, () =>
      resolve({
        server,
        close: () => {
          queue.close();
          ads.close();
          return new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          });
        },
      }),
    ),
  );
}
