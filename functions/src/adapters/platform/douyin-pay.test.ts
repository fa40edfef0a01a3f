import { createSign, generateKeyPairSync } from 'node:crypto';
import { douyinNotice, verifyDouyinNotify } from './douyin-pay';

/** Douyin's payment and refund callbacks, read from the signed body (PLATFORM.md §2). */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const now = new Date('2026-12-01T08:00:00Z');
const appId = 'tt_app_1';

function verify(rawBody: string) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = 'nonce1';
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${rawBody}\n`).sign(privateKey, 'base64');
  const headers: Record<string, string> = {
    'byte-timestamp': timestamp,
    'byte-nonce-str': nonce,
    'byte-signature': signature,
    'byte-logid': 'log1',
    'byte-identifyname': '/common/callback',
  };
  return verifyDouyinNotify((name) => headers[name], rawBody, publicPem, now, 300);
}

const callback = (type: string, msg: unknown) => JSON.stringify({ type, msg: JSON.stringify(msg), version: '3.0' });
const payment = { app_id: appId, out_order_no: 'o_1', order_id: 'dy_1', status: 'SUCCESS', total_amount: 600 };
const refund = { app_id: appId, status: 'SUCCESS', order_id: 'dy_1', out_order_no: 'o_1', refund_id: 'r1', out_refund_no: 'rf_1', refund_total_amount: 600 };

function notice(rawBody: string) {
  const verdict = verify(rawBody);
  if (!verdict.ok) throw new Error(`not verified: ${verdict.reason}`);
  return douyinNotice(verdict.notify, appId);
}

describe('Douyin callbacks', () => {
  it('reads a payment, a cancelled payment and refunds', () => {
    expect(notice(callback('payment', payment))).toEqual({ kind: 'paid', orderId: 'o_1', amountFen: 600, platformOrderId: 'dy_1' });
    expect(notice(callback('payment', { ...payment, status: 'CANCEL' }))).toEqual({ kind: 'failed', orderId: 'o_1', reason: 'CANCEL' });
    expect(notice(callback('refund', refund))).toEqual({ kind: 'refunded', orderId: 'o_1', amountFen: 600 });
    const { out_order_no: _o, ...byExtra } = refund;
    expect(notice(callback('refund', { ...byExtra, cp_extra: 'o_2' }))).toEqual({ kind: 'refunded', orderId: 'o_2', amountFen: 600 });
    expect(notice(callback('refund', { ...refund, status: 'FAIL' }))).toEqual({ kind: 'ignored', what: 'refund FAIL' });
  });

  it('refuses bodies that are not a callback, before reading any message', () => {
    const reasons = ['{', 'null', '5', '[]', JSON.stringify({ type: 'other', msg: '{}' }), JSON.stringify({ type: 'payment', msg: {} }), JSON.stringify({ type: 'payment', msg: 'not json' }), callback('payment', [1]), callback('refund', null)].map(
      (body) => {
        const verdict = verify(body);
        return verdict.ok ? 'accepted' : verdict.reason;
      },
    );
    expect(reasons).toEqual(['malformed body', 'malformed body', 'unknown callback type', 'unknown callback type', 'unknown callback type', 'unknown callback type', 'malformed body', 'malformed body', 'malformed body']);
  });

  it('answers a signed but unusable message with what is wrong with it', () => {
    const refusal = (body: string) => {
      try {
        return notice(body);
      } catch (error) {
        return { name: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message };
      }
    };
    const { app_id: _a, ...noApp } = payment;
    expect(refusal(callback('payment', { ...payment, app_id: 'tt_other' }))).toMatchObject({ code: 'FORBIDDEN', message: 'notification for another app' });
    expect(refusal(callback('refund', { ...refund, app_id: 7 }))).toMatchObject({ code: 'FORBIDDEN', message: 'notification for another app' });
    expect(refusal(callback('payment', noApp))).toMatchObject({ code: 'FORBIDDEN', message: 'payment message lacks app_id' });
    expect(refusal(callback('payment', { ...payment, total_amount: '600' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'payment message lacks out_order_no or total_amount' });
    expect(refusal(callback('payment', { ...noApp, out_order_no: 1 }))).toMatchObject({ code: 'BAD_REQUEST', message: 'payment message lacks out_order_no or total_amount' });
    expect(refusal(callback('refund', { ...refund, out_order_no: '' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'refund message names no order' });
    expect(refusal(callback('refund', { ...refund, out_order_no: '', refund_total_amount: 'x' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'refund message names no order' });
    expect(refusal(callback('refund', { ...refund, refund_total_amount: 1.5 }))).toMatchObject({ code: 'BAD_REQUEST', message: 'refund message lacks refund_total_amount' });
  });
});
