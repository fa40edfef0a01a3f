import { createSign, createVerify, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { douyinCallbackSchema, douyinMsgSchema, douyinPaymentMsgSchema, douyinRefundMsgSchema } from '@drama/shared/pay-notify';
import { BadRequest, Forbidden } from '../../domain/errors';
import type { PaymentNotice } from '../../domain/orders/notifications';

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

/** A verified callback: its type, and its `msg` parsed (each type's fields are read by douyinNotice). */
export type DouyinNotify = { type: z.infer<typeof douyinCallbackSchema>['type']; msg: z.infer<typeof douyinMsgSchema> };

export type VerifyFailure = { ok: false; reason: string };

/** A base64 string in its one canonical spelling (Node's decoder would skip padding and stray characters). */
function canonicalBase64(value: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

/** Douyin's callback headers and the form each must have; the gateway joins a repeated header with commas. */
const headerForms: Record<string, RegExp> = {
  'byte-timestamp': /^[1-9]\d{0,11}$/,
  'byte-nonce-str': /^[0-9A-Za-z_-]{1,64}$/,
  'byte-signature': /^[A-Za-z0-9+/]+={0,2}$/,
  'byte-logid': /^[0-9A-Za-z]{1,128}$/,
  'byte-identifyname': /^\/[0-9a-z_/]{1,127}$/,
};

/**
 * Verifies a Douyin callback's origin: every documented header present once in its form, RSA-SHA256
 * over "{Byte-Timestamp}\n{Byte-Nonce-Str}\n{raw body}\n" against the platform public key with the
 * signature in canonical base64, and a timestamp inside `windowS`. Payment callbacks and the playlet
 * library's callbacks (platform/douyin-playlet-callbacks.ts) are checked alike. Returns the signed
 * timestamp and nonce (a payment callback's are accepted once, by the caller).
 */
export function verifyDouyinSignature(
  headers: (name: string) => string | undefined,
  rawBody: string,
  platformPublicKey: string,
  now: Date,
  windowS: number,
): { ok: true; timestamp: number; nonce: string } | VerifyFailure {
  for (const [name, form] of Object.entries(headerForms)) {
    const value = headers(name);
    if (value === undefined) return { ok: false, reason: `missing header ${name}` };
    if (!form.test(value)) return { ok: false, reason: `malformed header ${name}` };
  }
  const timestamp = headers('byte-timestamp') as string;
  const nonce = headers('byte-nonce-str') as string;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowS) return { ok: false, reason: 'timestamp outside the accepted window' };
  const signature = canonicalBase64(headers('byte-signature') as string);
  if (!signature) return { ok: false, reason: 'the signature is not canonical base64' };
  let valid = false;
  try {
    valid = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${rawBody}\n`).verify(platformPublicKey, signature);
  } catch {
    valid = false;
  }
  return valid ? { ok: true, timestamp: Number(timestamp), nonce } : { ok: false, reason: 'bad signature' };
}

/** Verifies a payment or refund callback (verifyDouyinSignature), then parses the body's `msg` JSON string. */
export function verifyDouyinNotify(
  headers: (name: string) => string | undefined,
  rawBody: string,
  platformPublicKey: string,
  now: Date,
  windowS: number,
): { ok: true; timestamp: number; nonce: string; notify: DouyinNotify } | VerifyFailure {
  const signed = verifyDouyinSignature(headers, rawBody, platformPublicKey, now, windowS);
  if (!signed.ok) return signed;
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'malformed body' };
  }
  if (json === null) return { ok: false, reason: 'malformed body' };
  const body = douyinCallbackSchema.safeParse(json);
  if (!body.success) return { ok: false, reason: 'unknown callback type' };
  let msg: z.SafeParseReturnType<unknown, DouyinNotify['msg']>;
  try {
    msg = douyinMsgSchema.safeParse(JSON.parse(body.data.msg));
  } catch {
    return { ok: false, reason: 'malformed body' };
  }
  if (!msg.success) return { ok: false, reason: 'malformed body' };
  return { ok: true, timestamp: signed.timestamp, nonce: signed.nonce, notify: { type: body.data.type, msg: msg.data } };
}

/**
 * What a verified callback means for an order (PLATFORM.md §2): a payment for our app (its app_id
 * required), a failed payment, a refund, or nothing to act on.
 */
export function douyinNotice(notify: DouyinNotify, appId: string): PaymentNotice {
  const msgAppId = notify.msg.app_id;
  if (msgAppId !== undefined && msgAppId !== appId) throw new Forbidden('notification for another app');
  if (notify.type === 'payment') {
    const payment = douyinPaymentMsgSchema.safeParse(notify.msg);
    if (!payment.success) throw new BadRequest('payment message lacks out_order_no or total_amount');
    const msg = payment.data;
    if (msg.app_id === undefined) throw new Forbidden('payment message lacks app_id');
    if (msg.status !== 'SUCCESS') return { kind: 'failed', orderId: msg.out_order_no, reason: String(msg.status) };
    return { kind: 'paid', orderId: msg.out_order_no, amountFen: msg.total_amount, platformOrderId: String(msg.order_id ?? '') };
  }
  const { status } = notify.msg;
  if (status !== 'SUCCESS') return { kind: 'ignored', what: `refund ${String(status)}` };
  const refund = douyinRefundMsgSchema.safeParse(notify.msg);
  if (!refund.success) throw new BadRequest(refund.error.issues[0].path[0] === 'orderId' ? 'refund message names no order' : 'refund message lacks refund_total_amount');
  return { kind: 'refunded', ...refund.data };
}

/** The reply Douyin takes as "delivered"; anything else is retried on its schedule. */
export const douyinAck = { err_no: 0, err_tips: 'success' };
