import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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
 * Verifies a message push in safe mode (msg_signature over the Encrypt field; the appid inside the
 * plaintext must be ours) or plain mode (signature), with a timestamp window, and returns the event.
 */
export function verifyWechatPush(opts: {
  query: Record<string, string | undefined>;
  rawBody: string;
  token: string;
  encodingAESKey: string;
  appId: string;
  now: Date;
  windowS?: number;
}): { ok: true; event: WechatEvent } | { ok: false; reason: string } {
  const { timestamp, nonce } = opts.query;
  if (!timestamp || !nonce) return { ok: false, reason: 'missing timestamp or nonce' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(opts.now.getTime() / 1000 - Number(timestamp)) > (opts.windowS ?? 300)) {
    return { ok: false, reason: 'timestamp outside the accepted window' };
  }
  let body: Record<string, unknown>;
  try {
    body = normaliseKeys(JSON.parse(opts.rawBody), names) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'malformed body' };
  }
  let event: unknown = body;
  if (opts.query.encrypt_type === 'aes' || typeof body.Encrypt === 'string') {
    const encrypt = body.Encrypt;
    const given = opts.query.msg_signature;
    if (typeof encrypt !== 'string' || !given || !safeEqual(pushSignature(opts.token, timestamp, nonce, encrypt), given)) {
      return { ok: false, reason: 'bad msg_signature' };
    }
    try {
      const { message, appId } = decryptPush(encrypt, opts.encodingAESKey);
      if (appId !== opts.appId) return { ok: false, reason: 'another app id' };
      event = normaliseKeys(JSON.parse(message), names);
    } catch {
      return { ok: false, reason: 'undecryptable message' };
    }
  } else {
    const given = opts.query.signature;
    if (!given || !safeEqual(pushSignature(opts.token, timestamp, nonce), given)) return { ok: false, reason: 'bad signature' };
  }
  if (!event || typeof (event as WechatEvent).Event !== 'string') return { ok: false, reason: 'not an event' };
  return { ok: true, event: event as WechatEvent };
}

export const wechatAck = { ErrCode: 0, ErrMsg: 'success' };
