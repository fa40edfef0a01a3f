import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { paymentPayload } from './payments';
import type { Route, RouteContext } from './routes-context';

/**
 * WeChat's membership subscription (会员订阅), played as its rules read (WX …/vips.html): the viewer
 * signs (`wx.requestSubscribeSign`: here `POST /requestSubscribeSign`), WeChat pushes the result;
 * every charge after the first (12 hours after signing at most) needs a pre-charge notice for the same
 * amount sent two days before (`/xpay/send_subscribe_pre_payment`); notices and charges are refused
 * outside 07:10–21:50 (Shanghai); a charge is answered at once and its result pushed: paid as the
 * goods delivery, failed as a charge result. The viewer can end the signing in WeChat
 * (`POST /control/terminate-signing`). The sandbox's own clock can be set for tests (`POST /control/clock`).
 */
export interface SandboxContract {
  contractCode: string;
  openId: string;
  productId: string;
  priceFen: number;
  state: 'signed' | 'terminated';
  signedAt: string;
  notices: Array<{ on: string; priceFen: number }>;
  charges: Array<{ outTradeNo: string; at: string; paid: boolean }>;
}

const day = 24 * 3600_000;
const shanghai = (at: number) => new Date(at + 8 * 3600_000);
const shanghaiDay = (at: number) => shanghai(at).toISOString().slice(0, 10);
const inWindow = (at: number) => {
  const m = shanghai(at).getUTCHours() * 60 + shanghai(at).getUTCMinutes();
  return m >= 7 * 60 + 10 && m < 21 * 60 + 50;
};

export function signingRoutes(ctx: RouteContext): Record<string, Route> {
  const { identity, send } = ctx;
  const contracts = ctx.state.contracts;
  let offsetMs = 0;
  let failCharges = 0;
  const now = () => Date.now() + offsetMs;
  const notifyUrl = `${ctx.apiUrl}/pay/wechat/notify`;
  const push = (ref: string, payload: Record<string, unknown>) => ctx.queue.enqueue({ id: randomBytes(8).toString('hex'), platform: 'wechat', kind: 'signing', outOrderNo: ref, url: notifyUrl, payload });
  const event = (name: string, fields: Record<string, unknown>) => ({ ToUserName: identity.wechat.appId, FromUserName: String(fields.OpenId ?? ''), CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: name, ...fields });
  const signed = (c: SandboxContract) => push(c.contractCode, event('xpay_subscribe_signing_result_notify', { OpenId: c.openId, OutContractCode: c.contractCode, ProductId: c.productId, SignStatus: c.state === 'signed' ? 1 : 2 }));

  /** Server APIs: the access token and pay_sig = HMAC(AppKey, uri + "&" + body). */
  const server = async (req: IncomingMessage, url: URL) => {
    const raw = (await ctx.readBytes(req, 64 * 1024)).toString('utf8');
    if (ctx.tokenPlatform(url.searchParams.get('access_token')) !== 'wechat') return { error: { errcode: 40001, errmsg: 'invalid credential' } };
    const expected = createHmac('sha256', identity.wechat.appKey).update(`${url.pathname}&${raw}`).digest('hex');
    if (url.searchParams.get('pay_sig') !== expected) return { error: { errcode: 268435461, errmsg: 'invalid pay_sig' } };
    try {
      return { input: JSON.parse(raw) as Record<string, unknown> };
    } catch {
      return { error: { errcode: 40097, errmsg: 'invalid json' } };
    }
  };

  return {
    // wx.requestSubscribeSign: WeChat checks paySig with the AppKey, shows its signing page; the viewer signs.
    'POST /requestSubscribeSign': async (req, _url, res) => {
      const input = await ctx.readJson(req);
      const signData = String(input.signData ?? '');
      if (input.paySig !== createHmac('sha256', identity.wechat.appKey).update(`requestSubscribeSign&${signData}`).digest('hex')) return send(res, 400, { code: 'BAD_REQUEST', message: 'paySig does not verify' });
      const data = JSON.parse(signData) as { outContractCode: string; productId: string; openId: string; goodsPrice: number };
      const existing = contracts[data.outContractCode];
      const contract: SandboxContract = existing ?? { contractCode: data.outContractCode, openId: data.openId, productId: data.productId, priceFen: data.goodsPrice, state: 'signed', signedAt: new Date(now()).toISOString(), notices: [], charges: [] };
      contracts[contract.contractCode] = contract;
      ctx.save();
      if (!existing) signed(contract);
      send(res, 200, { errMsg: 'requestSubscribeSign:ok', outContractCode: contract.contractCode });
    },

    'POST /xpay/send_subscribe_pre_payment': async (req, url, res) => {
      const { input, error } = await server(req, url);
      if (error) return send(res, 200, error);
      const c = contracts[String(input!.out_contract_code)];
      if (!c || c.state !== 'signed' || c.openId !== input!.openid) return send(res, 200, { errcode: 690000000, errmsg: 'user not subscribed' });
      const price = Number(input!.deduct_price);
      if (!Number.isInteger(price) || price < 100 || price > c.priceFen) return send(res, 200, { errcode: 674690001, errmsg: 'input deduct_price not valid' });
      if (!inWindow(now())) return send(res, 200, { errcode: 690000001, errmsg: 'not allowed to trigger pre payment at this time' });
      c.notices.push({ on: shanghaiDay(now()), priceFen: price });
      ctx.save();
      send(res, 200, { errcode: 0, errmsg: 'ok' });
    },

    'POST /xpay/submit_subscribe_pay_order': async (req, url, res) => {
      const { input, error } = await server(req, url);
      if (error) return send(res, 200, error);
      const c = contracts[String(input!.out_contract_code)];
      if (!c || c.state !== 'signed' || c.openId !== input!.openid) return send(res, 200, { errcode: 690000000, errmsg: 'user not subscribed' });
      const price = Number(input!.deduct_price);
      const outTradeNo = String(input!.out_trade_no ?? '');
      if (!inWindow(now())) return send(res, 200, { errcode: 690000002, errmsg: 'not allowed to deduct at this time' });
      const first = c.charges.every((x) => !x.paid) && now() - Date.parse(c.signedAt) < 12 * 3600_000;
      const today = shanghaiDay(now());
      const noticed = c.notices.some((n) => n.priceFen === price && Date.parse(`${today}T00:00:00Z`) - Date.parse(`${n.on}T00:00:00Z`) >= 2 * day);
      if (!first && !noticed) return send(res, 200, { errcode: 690000003, errmsg: 'no pre-payment notice for this amount two days before' });
      if (c.charges.some((x) => x.outTradeNo === outTradeNo && x.paid)) return send(res, 200, { errcode: 0, errmsg: 'ok' });
      const paid = failCharges <= 0;
      if (!paid) failCharges--;
      c.charges.push({ outTradeNo, at: new Date(now()).toISOString(), paid });
      ctx.save();
      send(res, 200, { errcode: 0, errmsg: 'ok' });
      if (paid) {
        const order = { outOrderNo: outTradeNo, platform: 'wechat' as const, platformOrderId: `WXS${Date.now()}${randomBytes(3).toString('hex')}`, amountFen: price, notifyUrl, status: 'paid' as const, productId: c.productId, openId: c.openId, createdAt: new Date().toISOString() };
        push(outTradeNo, paymentPayload(identity, order, new Date()));
      } else {
        push(outTradeNo, event('xpay_subscribe_pay_result_notify', { OpenId: c.openId, OutTradeNo: outTradeNo, OutContractCode: c.contractCode, RetCode: 268490001, RetMsg: '余额不足' }));
      }
    },

    // Test control: the viewer ends the signing in WeChat's settings.
    'POST /control/terminate-signing': async (req, _url, res) => {
      const c = contracts[String((await ctx.readJson(req)).contractCode)];
      if (!c) return send(res, 404, { code: 'NOT_FOUND', message: 'no such contract' });
      c.state = 'terminated';
      ctx.save();
      signed(c);
      send(res, 200, c);
    },
    // Test control: the next N charges fail (an empty balance).
    'POST /control/fail-signing-charges': async (req, _url, res) => {
      failCharges = Number((await ctx.readJson(req)).count) || 0;
      send(res, 200, { failNext: failCharges });
    },
    // Test control: the time WeChat's rules see (07:10–21:50, t-2); `{now: null}` goes back to real time.
    'POST /control/clock': async (req, _url, res) => {
      const { now: at } = await ctx.readJson(req);
      offsetMs = typeof at === 'string' ? Date.parse(at) - Date.now() : 0;
      send(res, 200, { now: new Date(now()).toISOString() });
    },
    'GET /signing/contracts': async (_req, _url, res) => send(res, 200, { items: Object.values(contracts) }),
  };
}
