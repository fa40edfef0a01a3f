import { createSign, createVerify, randomBytes } from 'node:crypto';

/**
 * Douyin's general trade system (通用交易系统, PLATFORM.md §2): the signed `tt.requestOrder`
 * parameters and the verification of payment/refund callbacks. Pure functions of their inputs.
 */
export interface DouyinOrderSpec {
  outOrderNo: string;
  totalAmountFen: number;
  skuId: string;
  title: string;
  imageUrl: string;
  payNotifyUrl: string;
  merchantUid: string;
  entryPath: string;
  payExpireSeconds?: number;
}

export function requestOrderData(spec: DouyinOrderSpec): string {
  return JSON.stringify({
    skuList: [
      {
        skuId: spec.skuId,
        price: spec.totalAmountFen,
        quantity: 1,
        title: spec.title,
        imageList: [spec.imageUrl],
        type: 401,
        tagGroupId: 'tag_group_7272625659887943692',
      },
    ],
    outOrderNo: spec.outOrderNo,
    totalAmount: spec.totalAmountFen,
    payExpireSeconds: spec.payExpireSeconds ?? 900,
    payNotifyUrl: spec.payNotifyUrl,
    merchantUid: spec.merchantUid,
    orderEntrySchema: { path: spec.entryPath, params: JSON.stringify({ orderId: spec.outOrderNo }) },
    limitPayWayList: [],
  });
}

/** `byteAuthorization`: SHA256withRSA over "POST\n/requestOrder\n{ts}\n{nonce}\n{data}\n" with the app key. */
export function byteAuthorization(opts: { data: string; appId: string; keyVersion: string; appPrivateKey: string; now: Date; nonce?: string }): string {
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`POST\n/requestOrder\n${timestamp}\n${nonce}\n${opts.data}\n`).sign(opts.appPrivateKey, 'base64');
  return `SHA256-RSA2048 appid=${opts.appId},nonce_str=${nonce},timestamp=${timestamp},key_version=${opts.keyVersion},signature=${signature}`;
}

export interface DouyinPaymentMsg {
  app_id: string;
  out_order_no: string;
  order_id: string;
  status: 'SUCCESS' | 'CANCEL';
  total_amount: number;
  discount_amount?: number;
  pay_channel?: number;
  channel_pay_id?: string;
  cp_extra?: string;
  item_id?: string;
}

export interface DouyinRefundMsg {
  app_id?: string;
  status: 'SUCCESS' | 'FAIL';
  order_id: string;
  out_order_no?: string;
  refund_id: string;
  out_refund_no: string;
  refund_total_amount: number;
  cp_extra?: string;
}

export type DouyinNotify =
  | { type: 'payment'; msg: DouyinPaymentMsg }
  | { type: 'refund'; msg: DouyinRefundMsg };

export type VerifyFailure = { ok: false; reason: string };

/**
 * Verifies a Douyin callback's origin: RSA-SHA256 over "{Byte-Timestamp}\n{Byte-Nonce-Str}\n{raw
 * body}\n" against the platform public key, and a timestamp inside `windowS`. Payment callbacks and
 * the playlet library's callbacks (platform/douyin-playlet-callbacks.ts) are checked alike.
 */
export function verifyDouyinSignature(
  headers: (name: string) => string | undefined,
  rawBody: string,
  platformPublicKey: string,
  now: Date,
  windowS = 300,
): { ok: true } | VerifyFailure {
  const timestamp = headers('byte-timestamp');
  const nonce = headers('byte-nonce-str');
  const signature = headers('byte-signature');
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowS) {
    return { ok: false, reason: 'timestamp outside the accepted window' };
  }
  let valid = false;
  try {
    valid = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${rawBody}\n`).verify(platformPublicKey, signature, 'base64');
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}

/** Verifies a payment or refund callback (verifyDouyinSignature), then parses the body's `msg` JSON string. */
export function verifyDouyinNotify(
  headers: (name: string) => string | undefined,
  rawBody: string,
  platformPublicKey: string,
  now: Date,
  windowS = 300,
): { ok: true; notify: DouyinNotify } | VerifyFailure {
  const signed = verifyDouyinSignature(headers, rawBody, platformPublicKey, now, windowS);
  if (!signed.ok) return signed;
  try {
    const body = JSON.parse(rawBody) as { msg?: string; type?: string };
    if (typeof body.msg !== 'string' || (body.type !== 'payment' && body.type !== 'refund')) return { ok: false, reason: 'unknown callback type' };
    return { ok: true, notify: { type: body.type, msg: JSON.parse(body.msg) } as DouyinNotify };
  } catch {
    return { ok: false, reason: 'malformed body' };
  }
}

/** The reply Douyin takes as "delivered"; anything else is retried on its schedule. */
export const douyinAck = { err_no: 0, err_tips: 'success' };
