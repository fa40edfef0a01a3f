import { createCipheriv, createHash, createHmac, createSign, createVerify, randomBytes } from 'node:crypto';
import type { SandboxIdentity } from './keys';
import { postOnce } from './post-once';
import type { Delivery, SandboxOrder, SandboxState } from './state';

/**
 * The platforms' payment side, written from their documentation (PLATFORM.md §2, §4) and kept apart
 * from the API's own code on purpose: the API's verification is tested against an independent signer.
 */

/** Retry schedules in seconds after each failed delivery. */
export const retrySchedules = {
  douyin: [12, 12, 33, 60, 120, 180, 240, 300, 360, 420],
  wechat: Array.from({ length: 15 }, (_, i) => 2 ** (i + 1)),
};

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The deduction endpoint's path (unconfirmed, PLATFORM.md): the API's adapter calls the same one. */
export const deductionPath = '/api/trade_auth/v1/developer/create_sign_pay';

/**
 * Checks a Douyin app signature the way Douyin does, with the app public key: `SHA256-RSA2048
 * appid=…,nonce_str=…,timestamp=…,key_version=…,signature=…` over "POST\n{uri}\n{ts}\n{nonce}\n
 * {body}\n". tt.requestOrder's byteAuthorization signs uri `/requestOrder` and the order data;
 * OpenAPI calls (Byte-Authorization) sign their own path and body.
 */
export function checkAppSignature(identity: SandboxIdentity, uri: string, body: string, authorization: string, now: Date): void {
  const m = /^SHA256-RSA2048 (.+)$/.exec(authorization);
  if (!m) throw new SandboxError(401, 'the authorization must start with SHA256-RSA2048');
  const fields = Object.fromEntries(
    m[1].split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim().replace(/^"|"$/g, '')];
    }),
  );
  if (fields.appid !== identity.douyin.appId) throw new SandboxError(401, 'appid does not match');
  if (Math.abs(now.getTime() / 1000 - Number(fields.timestamp)) > 600) throw new SandboxError(401, 'timestamp expired');
  const ok = createVerify('RSA-SHA256').update(`POST\n${uri}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`).verify(identity.douyinAppPublicKey, fields.signature ?? '', 'base64');
  if (!ok) throw new SandboxError(401, 'the signature does not verify');
}

export function checkPaySig(identity: SandboxIdentity, signData: string, paySig: string): void {
  const expected = createHmac('sha256', identity.wechat.appKey).update(`requestVirtualPayment&${signData}`).digest('hex');
  if (expected !== paySig) throw new SandboxError(400, 'paySig does not verify');
}

/** Douyin's callback: headers and the signature over "{ts}\n{nonce}\n{body}\n" with the platform key. */
export function signedDouyinRequest(identity: SandboxIdentity, payload: Record<string, unknown>, now: Date) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(identity.douyinPlatformPrivateKey, 'base64');
  return {
    body,
    query: '',
    headers: {
      'content-type': 'application/json',
      'Byte-Identifyname': '/common/trade/notify',
      'Byte-Logid': `${now.getTime()}${randomBytes(6).toString('hex')}`,
      'Byte-Nonce-Str': nonce,
      'Byte-Signature': signature,
      'Byte-Timestamp': timestamp,
    },
  };
}

/** WeChat's push in safe mode, JSON format: Encrypt + msg_signature over sorted [token, ts, nonce, Encrypt]. */
export function signedWechatRequest(identity: SandboxIdentity, event: Record<string, unknown>, now: Date) {
  const { appId, token, encodingAESKey } = identity.wechat;
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const message = Buffer.from(JSON.stringify(event), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  const encrypt = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const sha1 = (parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
  const query = new URLSearchParams({
    signature: sha1([token, timestamp, nonce]),
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: sha1([token, timestamp, nonce, encrypt]),
  }).toString();
  return { body: JSON.stringify({ ToUserName: appId, Encrypt: encrypt }), query, headers: { 'content-type': 'application/json' } };
}

/** Whether a reply counts as "received" for the platform; anything else is retried. */
export function acknowledged(platform: 'douyin' | 'wechat', status: number, reply: string): boolean {
  if (status !== 200) return false;
  if (platform === 'wechat' && (reply.trim() === '' || reply.trim() === 'success')) return true;
  try {
    const body = JSON.parse(reply);
    return platform === 'douyin' ? body.err_no === 0 : body.ErrCode === 0;
  } catch {
    return false;
  }
}

export function paymentPayload(identity: SandboxIdentity, order: SandboxOrder, now: Date): Record<string, unknown> {
  if (order.platform === 'douyin') {
    return {
      msg: JSON.stringify({
        app_id: identity.douyin.appId,
        out_order_no: order.outOrderNo,
        order_id: order.platformOrderId,
        status: 'SUCCESS',
        total_amount: order.amountFen,
        discount_amount: 0,
        pay_channel: 10,
        channel_pay_id: `CP${now.getTime()}`,
        cp_extra: '',
        item_id: '',
      }),
      type: 'payment',
      version: '3.0',
    };
  }
  const coin = order.mode === 'short_series_coin';
  const info = { ProductId: order.productId, Quantity: 1, OrigPrice: order.amountFen, ActualPrice: order.amountFen, Attach: '' };
  return {
    ToUserName: identity.wechat.appId,
    FromUserName: order.openId ?? '',
    CreateTime: Math.floor(now.getTime() / 1000),
    MsgType: 'event',
    Event: coin ? 'xpay_coin_pay_notify' : 'xpay_goods_deliver_notify',
    OpenId: order.openId ?? '',
    OutTradeNo: order.outOrderNo,
    Env: 1,
    WeChatPayInfo: { MchOrderNo: order.outOrderNo, TransactionId: order.platformOrderId, PaidTime: Math.floor(now.getTime() / 1000) },
    ...(coin ? { CoinInfo: info } : { GoodsInfo: info }),
  };
}

export function refundPayload(identity: SandboxIdentity, order: SandboxOrder, now: Date): Record<string, unknown> {
  const refundId = `RF${now.getTime()}${randomBytes(3).toString('hex')}`;
  if (order.platform === 'douyin') {
    return {
      msg: JSON.stringify({
        app_id: identity.douyin.appId,
        status: 'SUCCESS',
        order_id: order.platformOrderId,
        out_order_no: order.outOrderNo,
        refund_id: refundId,
        out_refund_no: `R${order.outOrderNo}`,
        refund_total_amount: order.amountFen,
        cp_extra: order.outOrderNo,
      }),
      type: 'refund',
      version: '3.0',
    };
  }
  return {
    ToUserName: identity.wechat.appId,
    FromUserName: order.openId ?? '',
    CreateTime: Math.floor(now.getTime() / 1000),
    MsgType: 'event',
    Event: 'xpay_refund_notify',
    OpenId: order.openId ?? '',
    WxRefundId: refundId,
    MchRefundId: `R${order.outOrderNo}`,
    WxOrderId: order.platformOrderId,
    MchOrderId: order.outOrderNo,
    RefundFee: order.amountFen,
    RetCode: 0,
    RetMsg: 'ok',
    RefundSuccTimestamp: Math.floor(now.getTime() / 1000),
    RetryTimes: 0,
  };
}

/**
 * Delivers notifications until acknowledged, on each platform's retry schedule (scaled by
 * `timeScale` so tests need not wait minutes). Pending deliveries resume after a restart.
 */
export function deliveryQueue(opts: { identity: SandboxIdentity; state: SandboxState; save: () => void; timeScale: number; now?: () => Date }) {
  const now = opts.now ?? (() => new Date());
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const schedule = (delivery: Delivery) => {
    if (closed || delivery.delivered || delivery.givenUp || !delivery.nextAt) return;
    const wait = Math.max(0, Date.parse(delivery.nextAt) - now().getTime());
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(delivery);
    }, wait);
    timers.add(timer);
  };

  const attempt = async (delivery: Delivery) => {
    const at = now();
    const signed = delivery.platform === 'douyin' ? signedDouyinRequest(opts.identity, delivery.payload, at) : signedWechatRequest(opts.identity, delivery.payload, at);
    let status: number | null = null;
    let reply = '';
    try {
      const response = await postOnce(signed.query ? `${delivery.url}?${signed.query}` : delivery.url, signed.headers, signed.body);
      status = response.status;
      reply = response.text.slice(0, 500);
    } catch (error) {
      reply = (error as Error).message;
    }
    delivery.attempts.push({ at: at.toISOString(), status, reply });
    const schedule_ = retrySchedules[delivery.platform];
    if (acknowledged(delivery.platform, status ?? 0, reply)) {
      delivery.delivered = true;
      delivery.nextAt = null;
    } else if (delivery.attempts.length > schedule_.length) {
      delivery.givenUp = true;
      delivery.nextAt = null;
    } else {
      const delayS = schedule_[delivery.attempts.length - 1];
      delivery.nextAt = new Date(now().getTime() + delayS * 1000 * opts.timeScale).toISOString();
    }
    opts.save();
    schedule(delivery);
  };

  return {
    enqueue(delivery: Omit<Delivery, 'attempts' | 'nextAt' | 'delivered' | 'givenUp'>) {
      const full: Delivery = { ...delivery, attempts: [], nextAt: now().toISOString(), delivered: false, givenUp: false };
      opts.state.deliveries.push(full);
      opts.save();
      schedule(full);
      return full;
    },
    resume() {
      for (const d of opts.state.deliveries) schedule(d);
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
