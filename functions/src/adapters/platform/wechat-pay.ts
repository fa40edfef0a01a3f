import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadRequest } from '../../domain/errors';
import type { PaymentNotice } from '../../domain/orders/notifications';

/**
 * WeChat virtual payment (PLATFORM.md §4): `wx.requestVirtualPayment` parameters and the
 * message-push verification and safe-mode decryption. Pure functions of their inputs.
 */
export function virtualPaymentParams(opts: {
  offerId: string;
  env: 0 | 1;
  productId: string;
  goodsPriceFen: number;
  outTradeNo: string;
  attach: string;
  appKey: string;
  sessionKey: string;
  mode: 'short_series_goods' | 'short_series_coin';
}) {
  const signData = JSON.stringify({
    offerId: opts.offerId,
    buyQuantity: 1,
    env: opts.env,
    currencyType: 'CNY',
    productId: opts.productId,
    goodsPrice: opts.goodsPriceFen,
    outTradeNo: opts.outTradeNo,
    attach: opts.attach,
  });
  return {
    signData,
    mode: opts.mode,
    paySig: createHmac('sha256', opts.appKey).update(`requestVirtualPayment&${signData}`).digest('hex'),
    signature: createHmac('sha256', opts.sessionKey).update(signData).digest('hex'),
  };
}

const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Plain-mode check (also the GET echo check): sha1 of sorted [token, timestamp, nonce]. */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypt?: string): string {
  return sha1(encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt]);
}

function aesKey(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

/** Safe mode: AES-256-CBC, IV = key[:16], PKCS#7 to 32; plaintext = 16 random + len(4, BE) + msg + appid. */
export function decryptPush(encrypt: string, encodingAESKey: string): { message: string; appId: string } {
  const key = aesKey(encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('bad length');
  return { message: plain.subarray(20, 20 + length).toString('utf8'), appId: plain.subarray(20 + length).toString('utf8') };
}

export function encryptPush(message: string, appId: string, encodingAESKey: string): string {
  const key = aesKey(encodingAESKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export interface WechatEvent {
  Event: string;
  OpenId?: string;
  OutTradeNo?: string;
  Env?: number;
  WeChatPayInfo?: { MchOrderNo?: string; TransactionId?: string; PaidTime?: number };
  GoodsInfo?: { ProductId?: string; Quantity?: number; OrigPrice?: number; ActualPrice?: number; Attach?: string };
  CoinInfo?: { Quantity?: number; OrigPrice?: number; ActualPrice?: number; Attach?: string };
  MchOrderId?: string;
  MchRefundId?: string;
  WxRefundId?: string;
  RefundFee?: number;
  RetCode?: number;
  CreateTime?: number;
  [key: string]: unknown;
}

/** Field names vary in case between SDKs (PLATFORM.md): normalise keys to the documented casing. */
function normaliseKeys(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => normaliseKeys(v, names));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [names.get(k.toLowerCase()) ?? k, normaliseKeys(v, names)]));
  }
  return value;
}
const documented = ['Event', 'OpenId', 'OutTradeNo', 'Env', 'WeChatPayInfo', 'MchOrderNo', 'TransactionId', 'PaidTime', 'GoodsInfo', 'ProductId', 'Quantity', 'OrigPrice', 'ActualPrice', 'Attach', 'CoinInfo', 'MchOrderId', 'MchRefundId', 'WxRefundId', 'RefundFee', 'RetCode', 'CreateTime', 'ToUserName', 'FromUserName', 'MsgType', 'Encrypt'];
const names = new Map(documented.map((n) => [n.toLowerCase(), n]));

/**
 * The outer body of a safe-mode push: exactly `ToUserName` and `Encrypt`, each a string, each once.
 * The wrapper is not signed, so it is held to its one shape: a repeated, renamed or extra field is
 * refused rather than resolved (JSON.parse would silently keep the last of two `Encrypt`s).
 */
function safeModeWrapper(raw: string): { ToUserName: string; Encrypt: string } | null {
  const fields = new Map<string, string>();
  const token = /\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*")\s*(,|})/y;
  const open = /^\s*\{/.exec(raw);
  if (!open) return null;
  token.lastIndex = open[0].length;
  for (;;) {
    const m = token.exec(raw);
    if (!m) return null;
    let name: string;
    let value: string;
    try {
      name = JSON.parse(m[1]) as string;
      value = JSON.parse(m[2]) as string;
    } catch {
      return null;
    }
    if (fields.has(name)) return null;
    fields.set(name, value);
    if (m[3] === '}') break;
  }
  if (raw.slice(token.lastIndex).trim() !== '') return null;
  const toUser = fields.get('ToUserName');
  const encrypt = fields.get('Encrypt');
  return fields.size === 2 && toUser && encrypt ? { ToUserName: toUser, Encrypt: encrypt } : null;
}

const hexSha1 = /^[0-9a-f]{40}$/;

/**
 * Verifies a message push. Only safe mode exists here: the body must carry `Encrypt`, its
 * `msg_signature` (sha1 over token, timestamp, nonce and that very Encrypt) must match, and the
 * plaintext's appid must be ours; the plain `signature` must match too. Plain mode's signature
 * covers no body, so a push without Encrypt is refused, never read as plain text. Every query
 * parameter is required exactly once in its one spelling (the gateway joins repeats with commas).
 * Returns the signed timestamp and nonce (accepted once, by the caller) and the event.
 */
export function verifyWechatPush(opts: {
  query: Record<string, string | undefined>;
  rawBody: string;
  token: string;
  encodingAESKey: string;
  appId: string;
  now: Date;
  windowS: number;
}): { ok: true; timestamp: number; nonce: string; event: WechatEvent } | { ok: false; reason: string } {
  const { timestamp, nonce, signature, msg_signature: msgSignature, encrypt_type: encryptType } = opts.query;
  if (encryptType !== 'aes') return { ok: false, reason: 'not a safe-mode push (encrypt_type=aes)' };
  if (!timestamp || !nonce || !signature || !msgSignature) return { ok: false, reason: 'missing timestamp, nonce, signature or msg_signature' };
  if (!/^[1-9]\d{0,11}$/.test(timestamp) || Math.abs(opts.now.getTime() / 1000 - Number(timestamp)) > opts.windowS) {
    return { ok: false, reason: 'timestamp outside the accepted window' };
  }
  if (!/^[0-9A-Za-z]{1,64}$/.test(nonce)) return { ok: false, reason: 'malformed nonce' };
  if (!hexSha1.test(signature) || !hexSha1.test(msgSignature)) return { ok: false, reason: 'malformed signature' };
  const wrapper = safeModeWrapper(opts.rawBody);
  if (!wrapper) return { ok: false, reason: 'the body is not a safe-mode push ({ToUserName, Encrypt})' };
  if (!safeEqual(pushSignature(opts.token, timestamp, nonce, wrapper.Encrypt), msgSignature)) return { ok: false, reason: 'bad msg_signature' };
  if (!safeEqual(pushSignature(opts.token, timestamp, nonce), signature)) return { ok: false, reason: 'bad signature' };
  let event: WechatEvent;
  try {
    const { message, appId } = decryptPush(wrapper.Encrypt, opts.encodingAESKey);
    if (appId !== opts.appId) return { ok: false, reason: 'another app id' };
    event = normaliseKeys(JSON.parse(message), names) as WechatEvent;
  } catch {
    return { ok: false, reason: 'undecryptable message' };
  }
  if (!event || typeof event.Event !== 'string') return { ok: false, reason: 'not an event' };
  // The wrapper's one unsigned field must say what the signed message says.
  if (event.ToUserName !== wrapper.ToUserName) return { ok: false, reason: 'ToUserName differs from the signed message' };
  return { ok: true, timestamp: Number(timestamp), nonce, event };
}

/** What a verified event means for an order (PLATFORM.md §4): paid, refunded, or nothing to act on. */
export function wechatNotice(e: WechatEvent): PaymentNotice {
  switch (e.Event) {
    case 'xpay_goods_deliver_notify':
    case 'xpay_coin_pay_notify': {
      const amount = (e.Event === 'xpay_coin_pay_notify' ? e.CoinInfo : e.GoodsInfo)?.ActualPrice;
      if (typeof e.OutTradeNo !== 'string' || typeof amount !== 'number' || !Number.isInteger(amount)) throw new BadRequest('event lacks OutTradeNo or ActualPrice');
      return { kind: 'paid', orderId: e.OutTradeNo, amountFen: amount, platformOrderId: String(e.WeChatPayInfo?.TransactionId ?? '') };
    }
    case 'xpay_refund_notify':
      if (e.RetCode !== 0) return { kind: 'ignored', what: `refund with RetCode ${String(e.RetCode)}` };
      if (typeof e.MchOrderId !== 'string' || typeof e.RefundFee !== 'number' || !Number.isInteger(e.RefundFee)) throw new BadRequest('refund event lacks MchOrderId or RefundFee');
      return { kind: 'refunded', orderId: e.MchOrderId, amountFen: e.RefundFee };
    default:
      return { kind: 'ignored', what: e.Event };
  }
}

export const wechatAck = { ErrCode: 0, ErrMsg: 'success' };
