import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderView, ProductRef } from '@drama/shared/orders';
import { ApiError } from '@/lib/api-client';
import { newRequestId } from '@/lib/random-id';
import { appPlatform } from '@/lib/session';
import { createOrder } from '../api/create-order';
import { getOrder } from '../api/get-order';
import { PaymentError, requestPayment } from '../platform-pay';

/**
 * One purchase, as a small state machine:
 *
 *   idle → creating → awaiting (the cashier) → confirming (polling GET /orders) → done
 *                        ↘ cancelled            ↘ failed (a refused payment, a failed order, a timeout)
 *
 * 重试 (retry) from cancelled or failed runs the same intent again with the same requestId, so the
 * API finds the same order instead of making a second one. An order that the API has already
 * marked failed cannot be paid again: only then does a retry start a new requestId.
 */
export type PayState =
  | { step: 'idle' }
  | { step: 'creating' }
  /** `cashier`: the H5 sandbox cashier sheet is up (on tt/weapp the platform draws its own). */
  | { step: 'awaiting'; orderId: string; amountFen: number; cashier: boolean }
  | { step: 'confirming'; orderId: string; amountFen: number }
  | { step: 'done'; order: OrderView }
  | { step: 'failed'; message: string; orderId?: string }
  | { step: 'cancelled'; orderId: string };

export interface PayTiming {
  pollIntervalMs: number;
  /** How long to wait for the platform's notification to reach the API before giving up. */
  pollTimeoutMs: number;
}
const defaultTiming: PayTiming = { pollIntervalMs: 1000, pollTimeoutMs: 30_000 };

export interface PayOrder {
  state: PayState;
  /** What is being bought, in words: the cashier shows it. */
  title: string;
  start: (product: ProductRef, title: string) => void;
  retry: () => void;
  /** The sandbox cashier's 确认支付 and 取消. */
  confirm: () => void;
  cancel: () => void;
  /** Closes the flow; a pending order simply stays pending. */
  reset: () => void;
}

interface Intent {
  product: ProductRef;
  title: string;
  requestId: string;
  orderId?: string;
}

class PayTimeout extends Error {}

export function usePayOrder(opts: { onGranted?: (order: OrderView) => void; timing?: Partial<PayTiming> } = {}): PayOrder {
  const [state, setState] = useState<PayState>({ step: 'idle' });
  const [title, setTitle] = useState('');
  const intent = useRef<Intent | null>(null);
  // Each run gets an id; a newer run (or unmount, or reset) makes older ones stop touching state.
  const runId = useRef(0);
  const cashierAnswer = useRef<((ok: boolean) => void) | null>(null);
  const latest = useRef(opts);
  latest.current = opts;

  const answerCashier = (ok: boolean) => {
    const answer = cashierAnswer.current;
    cashierAnswer.current = null;
    answer?.(ok);
  };

  const run = useCallback(async () => {
    const id = ++runId.current;
    const alive = () => id === runId.current;
    const set = (s: PayState) => alive() && setState(s);
    const it = intent.current;
    if (!it) return;
    const timing = { ...defaultTiming, ...latest.current.timing };
    const finish = (order: OrderView) => {
      if (!alive()) return;
      if (order.status === 'granted') {
        setState({ step: 'done', order });
        latest.current.onGranted?.(order);
      } else {
        // A dead order cannot be paid again: the next retry is a new intent.
        it.requestId = newRequestId('order');
        it.orderId = undefined;
        setState({ step: 'failed', message: order.status === 'refunded' ? '订单已退款' : '订单未能完成支付', orderId: order.orderId });
      }
    };

    try {
      set({ step: 'creating' });
      // A retry after a lost answer: the order may have been paid after all.
      if (it.orderId) {
        const seen = await getOrder(it.orderId);
        if (seen.status !== 'pending') {
          if (seen.status === 'paid') set({ step: 'confirming', orderId: seen.orderId, amountFen: seen.amountFen });
          return finish(seen.status === 'paid' ? await settle(seen.orderId, timing, alive) : seen);
        }
      }

      const created = await createOrder({ platform: appPlatform(), requestId: it.requestId, product: it.product });
      it.orderId = created.orderId;
      if (!alive()) return;
      const { orderId, amountFen } = created;

      if (created.status === 'pending') {
        set({ step: 'awaiting', orderId, amountFen, cashier: false });
        const outcome = await requestPayment(created, () => {
          if (!alive()) return Promise.resolve(false);
          setState({ step: 'awaiting', orderId, amountFen, cashier: true });
          return new Promise<boolean>((resolve) => (cashierAnswer.current = resolve));
        });
        if (outcome === 'cancelled') return set({ step: 'cancelled', orderId });
      }
      set({ step: 'confirming', orderId, amountFen });
      finish(await settle(orderId, timing, alive));
    } catch (err) {
      set({ step: 'failed', message: failureText(err), orderId: it.orderId });
    }
  }, []);

  useEffect(
    () => () => {
      runId.current++;
      answerCashier(false);
    },
    [],
  );

  const start = useCallback(
    (product: ProductRef, what: string) => {
      answerCashier(false);
      intent.current = { product, title: what, requestId: newRequestId('order') };
      setTitle(what);
      void run();
    },
    [run],
  );
  const retry = useCallback(() => {
    if (intent.current) void run();
  }, [run]);
  const reset = useCallback(() => {
    runId.current++;
    answerCashier(false);
    setState({ step: 'idle' });
  }, []);

  return { state, title, start, retry, reset, confirm: () => answerCashier(true), cancel: () => answerCashier(false) };
}

/** Polls GET /orders until the order is settled (granted, failed, refunded) or the wait runs out. */
async function settle(orderId: string, timing: PayTiming, alive: () => boolean): Promise<OrderView> {
  const deadline = Date.now() + timing.pollTimeoutMs;
  for (;;) {
    const order = await getOrder(orderId);
    if (!alive() || order.status === 'granted' || order.status === 'failed' || order.status === 'refunded') return order;
    if (Date.now() >= deadline) throw new PayTimeout();
    await new Promise((r) => setTimeout(r, timing.pollIntervalMs));
  }
}

function failureText(err: unknown): string {
  if (err instanceof PayTimeout) return '暂未收到支付结果，请稍后重试或在订单页查看';
  if (err instanceof PaymentError) return err.message;
  if (err instanceof ApiError) return err.code === 'CONFLICT' ? '你已购买过，或该订单已用于其他商品' : err.message;
  return '支付出错了，请稍后重试';
}
