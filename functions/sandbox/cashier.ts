import { randomBytes } from 'node:crypto';
import { checkAppSignature, checkPaySig, deductionPath, paymentPayload, refundPayload, SandboxError } from './payments';
import type { Route, RouteContext } from './routes-context';
import type { SandboxOrder } from './state';

/**
 * The platforms' payment routes (PLATFORM.md §2, §4): the app hands the signed order to
 * `/requestOrder` (Douyin) or `/requestVirtualPayment` (WeChat) as tt.requestOrder /
 * wx.requestVirtualPayment would; the cashier's `/pay` pays it; the notification is then delivered
 * with the platform's headers, signature and retry schedule (payments.ts's queue) until the API
 * acknowledges it. Also refunds, auto-renewal deductions, and every delivery attempt (`GET /deliveries`).
 */
export function cashierRoutes(ctx: RouteContext): Record<string, Route> {
  const { identity, state, save, queue, send, readJson } = ctx;
  let deductionFailures = 0;

  /** Takes a new order; one already paid or refunded stays as it is. */
  const register = (order: SandboxOrder) => {
    const existing = state.orders[order.outOrderNo];
    if (existing && existing.status !== 'created') return existing;
    state.orders[order.outOrderNo] = order;
    save();
    return order;
  };

  return {
    // tt.requestOrder: Douyin checks byteAuthorization with the app public key and opens the cashier.
    'POST /requestOrder': async (req, _url, res) => {
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
    'POST /requestVirtualPayment': async (req, _url, res) => {
      const input = await readJson(req);
      const signData = String(input.signData ?? '');
      checkPaySig(identity, signData, String(input.paySig ?? ''));
      const data = JSON.parse(signData) as { outTradeNo: string; goodsPrice: number; productId: string };
      const saved = register({
        outOrderNo: data.outTradeNo,
        platform: 'wechat',
        platformOrderId: `WX${Date.now()}${randomBytes(4).toString('hex')}`,
        amountFen: data.goodsPrice,
        notifyUrl: `${ctx.apiUrl}/pay/wechat/notify`,
        status: 'created',
        productId: data.productId,
        mode: String(input.mode ?? 'short_series_goods'),
        openId: typeof input.openId === 'string' ? input.openId : undefined,
        createdAt: new Date().toISOString(),
      });
      send(res, 200, { orderId: saved.platformOrderId, outTradeNo: saved.outOrderNo, status: saved.status });
    },

    // The cashier: the user pays; the platform then notifies the API until it acknowledges.
    'POST /pay': async (req, _url, res) => {
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
    'POST /refund': async (req, _url, res) => {
      const { orderId } = await readJson(req);
      const order = state.orders[String(orderId)];
      if (!order || order.status !== 'paid') throw new SandboxError(409, 'only paid orders can be refunded');
      order.status = 'refunded';
      const url = order.platform === 'douyin' ? order.notifyUrl : `${ctx.apiUrl}/pay/wechat/notify`;
      queue.enqueue({ id: randomBytes(8).toString('hex'), platform: order.platform, kind: 'refund', outOrderNo: order.outOrderNo, url, payload: refundPayload(identity, order, new Date()) });
      send(res, 200, { orderId: order.outOrderNo, status: order.status });
    },

    // Auto-renewal deduction (签约代扣, unconfirmed path): checks the OpenAPI signature, then charges.
    [`POST ${deductionPath}`]: async (req, url, res) => {
      const raw = (await ctx.readBytes(req, 256 * 1024)).toString('utf8');
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
    'POST /control/fail-deductions': async (req, _url, res) => {
      const { count } = await readJson(req);
      deductionFailures = Number(count) || 0;
      send(res, 200, { failNext: deductionFailures });
    },

    // Every notification the platforms delivered or tried to (?orderId= one order's).
    'GET /deliveries': async (_req, url, res) => {
      const orderId = url.searchParams.get('orderId');
      send(res, 200, { items: state.deliveries.filter((d) => !orderId || d.outOrderNo === orderId) });
    },
  };
}
