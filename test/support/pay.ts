import { eventually } from './eventually';
import { call, type Reply } from './http';

let counter = 0;
/** A fresh idempotency key. */
export const requestId = (tag = 'r') => `${tag}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Pays an order the way the app does: create it, hand the signed parameters to the platform
 * (tt.requestOrder / wx.requestVirtualPayment in the sandbox), pay at the cashier, then poll
 * the order until the API has granted it.
 */
export async function buy(urls: Record<string, string>, token: string, product: Record<string, unknown>, platform: 'sandbox' | 'douyin' | 'wechat' = 'sandbox') {
  const created = await call(urls.API, '/orders', { body: { platform, requestId: requestId('order'), product }, token });
  if (created.status !== 201) throw new Error(`create order: ${created.status} ${JSON.stringify(created.body)}`);
  const { orderId, payParams } = created.body;
  const handed =
    payParams.provider === 'wechat'
      ? await call(urls.SANDBOX, '/requestVirtualPayment', { body: { signData: payParams.signData, paySig: payParams.paySig, signature: payParams.signature, mode: payParams.mode } })
      : await call(urls.SANDBOX, '/requestOrder', { body: { data: payParams.data, byteAuthorization: payParams.byteAuthorization } });
  if (handed.status !== 200) throw new Error(`platform refused the order: ${JSON.stringify(handed.body)}`);
  const paid = await call(urls.SANDBOX, '/pay', { body: { orderId } });
  if (paid.status !== 200) throw new Error(`cashier: ${JSON.stringify(paid.body)}`);
  const order = await eventually(() => call(urls.API, `/orders/${orderId}`, { token }), (r: Reply) => r.body?.status === 'granted', `order ${orderId} granted`);
  return { orderId: orderId as string, order: order.body, created: created.body };
}
