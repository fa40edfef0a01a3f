import Taro from '@tarojs/taro';
import type { CreateOrderOutput } from '@drama/shared/orders';
import { config } from '@/lib/config';

/**
 * The platform's part of paying, in one place (PLATFORM.md §2, §4): hand the signed pay parameters
 * from POST /orders to the platform and let the user pay at its cashier.
 *
 * - tt:    tt.requestOrder({data, byteAuthorization}) → tt.getOrderPayment({orderId}) (Douyin's cashier)
 * - weapp: wx.requestVirtualPayment({signData, paySig, signature, mode}) (WeChat's cashier)
 * - h5:    the app plays the platform against the sandbox: POST {SANDBOX}/requestOrder (or
 *          /requestVirtualPayment), the sandbox cashier sheet, then POST {SANDBOX}/pay.
 *
 * A payment the platform reports is not yet a purchase: the caller polls GET /orders until the
 * API has granted it (the platform's notification to the API is what counts).
 */

/** `cancelled`: the user closed the cashier; the order stays pending and can be paid later. */
export type PaymentOutcome = 'paid' | 'cancelled';

/** The H5 stand-in for the platform's cashier: true on 确认支付, false on 取消. */
export type SandboxCashier = () => Promise<boolean>;

/** The platform refused or failed the payment; `message` is for the user. */
export class PaymentError extends Error {
  constructor(message: string, readonly detail?: unknown) {
    super(message);
    this.name = 'PaymentError';
  }
}

interface DouyinPayParams {
  provider: 'douyin';
  data: string;
  byteAuthorization: string;
}
interface WechatPayParams {
  provider: 'wechat';
  signData: string;
  paySig: string;
  signature: string;
  mode: string;
}
type PayParams = DouyinPayParams | WechatPayParams;

export async function requestPayment(order: CreateOrderOutput, cashier: SandboxCashier): Promise<PaymentOutcome> {
  const params = payParamsOf(order.payParams);
  if (process.env.TARO_ENV === 'h5') return sandboxPay(order.orderId, params, cashier);
  if (params.provider === 'douyin') return douyinPay(params);
  return wechatPay(params);
}

function payParamsOf(p: Record<string, unknown>): PayParams {
  const str = (k: string) => typeof p[k] === 'string' && (p[k] as string).length > 0;
  if (p.provider === 'douyin' && str('data') && str('byteAuthorization')) return p as unknown as DouyinPayParams;
  if (p.provider === 'wechat' && ['signData', 'paySig', 'signature', 'mode'].every(str)) return p as unknown as WechatPayParams;
  throw new PaymentError('支付参数有误，请稍后重试', p);
}

// --- H5: the sandbox platform ---

async function sandboxPay(orderId: string, params: PayParams, cashier: SandboxCashier): Promise<PaymentOutcome> {
  if (params.provider === 'wechat') {
    const { signData, paySig, signature, mode } = params;
    await sandboxPost('/requestVirtualPayment', { signData, paySig, signature, mode });
  } else {
    await sandboxPost('/requestOrder', { data: params.data, byteAuthorization: params.byteAuthorization });
  }
  if (!(await cashier())) return 'cancelled';
  await sandboxPost('/pay', { orderId });
  return 'paid';
}

async function sandboxPost(path: string, data: Record<string, unknown>): Promise<unknown> {
  if (!config.sandboxUrl) throw new PaymentError('沙箱支付未配置（/config.js 缺少 sandboxUrl）');
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({ url: `${config.sandboxUrl}${path}`, method: 'POST', data, header: { 'content-type': 'application/json' }, dataType: 'json' });
  } catch (err) {
    throw new PaymentError('无法连接支付平台，请检查网络后重试', err);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw new PaymentError('支付平台拒绝了这笔订单', res.data);
  return res.data;
}

// --- tt and weapp: the platform's own cashier ---

/** The platform's callback-style API (neither call is promisified by Taro, so called directly). */
type CallbackApi = (opts: Record<string, unknown> & { success: (res: unknown) => void; fail: (err: unknown) => void }) => void;
declare const tt: Record<string, CallbackApi> | undefined;
declare const wx: Record<string, CallbackApi> | undefined;

/** `T`: what the platform documents its success callback to receive (not checked: the platform's own API). */
function callPlatform<T = unknown>(api: CallbackApi | undefined, name: string, args: Record<string, unknown>): Promise<T> {
  if (typeof api !== 'function') return Promise.reject(new PaymentError(`当前版本不支持支付（缺少 ${name}），请升级客户端`));
  return new Promise<T>((resolve, reject) => api({ ...args, success: (res) => resolve(res as T), fail: reject }));
}

/**
 * Whether a platform failure is the user closing the cashier. WeChat documents errCode -2 for a
 * cancelled virtual payment; Douyin's cancel codes are not documented for getOrderPayment
 * (unconfirmed), so its errMsg is matched too.
 */
function isCancel(err: unknown): boolean {
  const e = (err ?? {}) as { errCode?: unknown; errNo?: unknown; errMsg?: unknown };
  return e.errCode === -2 || /cancel/i.test(String(e.errMsg ?? ''));
}

async function douyinPay(params: DouyinPayParams): Promise<PaymentOutcome> {
  const api = typeof tt === 'undefined' ? undefined : tt;
  try {
    const created = await callPlatform<{ orderId: string }>(api?.requestOrder, 'tt.requestOrder', { data: params.data, byteAuthorization: params.byteAuthorization });
    await callPlatform(api?.getOrderPayment, 'tt.getOrderPayment', { orderId: created.orderId });
    return 'paid';
  } catch (err) {
    if (isCancel(err)) return 'cancelled';
    throw err instanceof PaymentError ? err : new PaymentError('抖音支付未完成，请重试', err);
  }
}

async function wechatPay(params: WechatPayParams): Promise<PaymentOutcome> {
  const api = typeof wx === 'undefined' ? undefined : wx;
  try {
    const { signData, paySig, signature, mode } = params;
    await callPlatform(api?.requestVirtualPayment, 'wx.requestVirtualPayment', { signData, paySig, signature, mode });
    return 'paid';
  } catch (err) {
    if (isCancel(err)) return 'cancelled';
    throw err instanceof PaymentError ? err : new PaymentError('微信支付未完成，请重试', err);
  }
}
