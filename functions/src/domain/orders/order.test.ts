import { moveOrder, type Order, type OrderStore } from './order';

/** A store that persists any move under its condition, as dynamodb-orders does, and counts its writes. */
function store(initial: Order): OrderStore & { writes: number; current: () => Order } {
  let order = { ...initial };
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    current: () => order,
    async createOnce(o) {
      return { order: o, created: false };
    },
    async get() {
      return order;
    },
    async transition(_id, from, to, fields = {}) {
      writes++;
      if (order.status !== from) return false;
      order = { ...order, ...fields, status: to };
      return true;
    },
    async listPaidBefore() {
      return [];
    },
    async listUnreportedBefore() {
      return [];
    },
    async markReported() {
      return false;
    },
  };
}

const pending: Order = {
  orderId: 'DR1',
  userId: 'u',
  requestId: 'r',
  platform: 'douyin',
  product: { kind: 'series', seriesId: 's' },
  amountFen: 990,
  title: 't',
  status: 'pending',
  createdAt: '2026-12-06T00:00:00.000Z',
};

describe('moveOrder', () => {
  it('moves along an allowed transition and returns the order as moved', async () => {
    const orders = store(pending);
    const paid = await moveOrder(orders, pending, 'paid', { paidAt: '2026-12-06T00:01:00.000Z', platformOrderId: undefined });
    expect(paid).toEqual({ ...pending, status: 'paid', paidAt: '2026-12-06T00:01:00.000Z' });
    expect(orders.current()).toEqual(paid);
  });

  it('refuses a move the state machine does not allow before anything is written', async () => {
    const orders = store(pending);
    await expect(moveOrder(orders, pending, 'granted')).rejects.toThrow('pending → granted is not a transition');
    await expect(moveOrder(orders, pending, 'refunded')).rejects.toThrow('is not a transition');
    expect(orders.writes).toBe(0);
  });

  it('writes under the status it read: a concurrent move wins and this one answers undefined', async () => {
    const orders = store(pending);
    expect(await moveOrder(orders, pending, 'failed', { failureReason: 'declined' })).toMatchObject({ status: 'failed' });
    // The same stale read of "pending" now loses against the stored "failed".
    expect(await moveOrder(orders, pending, 'paid', { paidAt: 'x' })).toBeUndefined();
    expect(orders.current()).toMatchObject({ status: 'failed', failureReason: 'declined' });
  });

  it('sets fields without a move when the status stays (a failed charge counted again)', async () => {
    const failed = { ...pending, status: 'failed' as const, attempts: 1 };
    const orders = store(failed);
    expect(await moveOrder(orders, failed, 'failed', { attempts: 2 })).toMatchObject({ status: 'failed', attempts: 2 });
  });
});
