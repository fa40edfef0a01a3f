import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, View } from '@tarojs/components';
import type { OrderStatus } from '@drama/shared/orders';
import { fakeNetwork, held, ok, type Reply } from '../../../../test/fake-network';
import { PaySheet } from '../components/pay-sheet';
import { usePayOrder } from './use-pay-order';

/** A page with one thing to buy: the hook drives the sheet, as the store and the player use them. */
function Shop({ onGranted }: { onGranted: () => void }) {
  const pay = usePayOrder({ onGranted, timing: { pollIntervalMs: 10, pollTimeoutMs: 300 } });
  return (
    <View>
      <Button onClick={() => pay.start({ kind: 'series', seriesId: 's1' }, '《总裁》全集')}>购买</Button>
      <PaySheet pay={pay} />
    </View>
  );
}

const orderId = 'DR0123456789ABCDEF01234567';
const created: Reply = {
  statusCode: 201,
  data: { orderId, amountFen: 1990, status: 'pending', payParams: { provider: 'douyin', data: '{"outOrderNo":"x"}', byteAuthorization: 'SHA256-RSA2048 sig' } },
};
const order = (status: OrderStatus): Reply =>
  ok({ orderId, status, amountFen: 1990, product: { kind: 'series', seriesId: 's1' }, platform: 'sandbox', createdAt: '2025-01-01T00:00:00.000Z' });
const cashierOk = { 'POST sandbox /requestOrder': ok({ orderId: 'DY1' }), 'POST sandbox /pay': ok({ status: 'paid' }) };
const requestIds = (calls: { route: string; data: unknown }[]) =>
  calls.filter((c) => c.route === 'POST /orders').map((c) => (c.data as { requestId: string }).requestId);

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
});

it('goes creating → awaiting payment (the cashier) → confirming → done', async () => {
  const creating = held();
  const handing = held();
  const calls = fakeNetwork({
    'POST /orders': creating.reply,
    'POST sandbox /requestOrder': handing.reply,
    'POST sandbox /pay': ok({ status: 'paid' }),
    'GET /orders/DR0123456789ABCDEF01234567': [order('pending'), order('pending'), order('granted')],
  });
  const onGranted = jest.fn();
  render(<Shop onGranted={onGranted} />);

  fireEvent.click(screen.getByText('购买'));
  expect(await screen.findByText('创建订单中…')).toBeTruthy();

  await act(async () => creating.release(created));
  expect(await screen.findByText('等待支付')).toBeTruthy();

  await act(async () => handing.release(ok({ orderId: 'DY1' })));
  const cashier = await screen.findByRole('dialog', { name: '收银台' });
  expect(cashier.textContent).toContain('19.90');
  expect(cashier.textContent).toContain('《总裁》全集');
  expect(calls.some((c) => c.route === 'POST sandbox /pay')).toBe(false);

  fireEvent.click(screen.getByText('确认支付'));
  expect(await screen.findByText('支付确认中…')).toBeTruthy();
  expect(await screen.findByText('支付成功')).toBeTruthy();
  expect(onGranted).toHaveBeenCalledTimes(1);

  const sandboxPay = calls.find((c) => c.route === 'POST sandbox /pay');
  expect(sandboxPay?.data).toEqual({ orderId });
  expect(calls.find((c) => c.route === 'POST sandbox /requestOrder')?.data).toEqual({ data: '{"outOrderNo":"x"}', byteAuthorization: 'SHA256-RSA2048 sig' });
  expect(calls.find((c) => c.route === 'POST /orders')?.data).toEqual({
    platform: 'sandbox',
    requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    product: { kind: 'series', seriesId: 's1' },
  });
});

it('shows 支付失败 with 重试, and a retry reuses the request id', async () => {
  const calls = fakeNetwork({
    'POST /orders': [{ statusCode: 500, data: { code: 'INTERNAL', message: 'internal error' } }, created],
    ...cashierOk,
    [`GET /orders/${orderId}`]: order('granted'),
  });
  const onGranted = jest.fn();
  render(<Shop onGranted={onGranted} />);

  fireEvent.click(screen.getByText('购买'));
  expect(await screen.findByText('支付失败')).toBeTruthy();
  expect(screen.getByText('服务开小差了，请稍后重试')).toBeTruthy();

  fireEvent.click(screen.getByText('重试'));
  fireEvent.click(await screen.findByText('确认支付'));
  expect(await screen.findByText('支付成功')).toBeTruthy();

  const [first, second] = requestIds(calls);
  expect(second).toBe(first);
  expect(onGranted).toHaveBeenCalledTimes(1);
});

it('leaves the order pending when the cashier is cancelled, and pays the same order on retry', async () => {
  const calls = fakeNetwork({ 'POST /orders': created, ...cashierOk, [`GET /orders/${orderId}`]: [order('pending'), order('granted')] });
  render(<Shop onGranted={() => {}} />);

  fireEvent.click(screen.getByText('购买'));
  fireEvent.click(await screen.findByText('取消'));
  expect(await screen.findByText('已取消支付')).toBeTruthy();
  expect(calls.some((c) => c.route === 'POST sandbox /pay')).toBe(false);

  fireEvent.click(screen.getByText('重试'));
  fireEvent.click(await screen.findByText('确认支付'));
  expect(await screen.findByText('支付成功')).toBeTruthy();
  const [first, second] = requestIds(calls);
  expect(second).toBe(first);
});

it('gives up confirming after a while, and a retry finds the order granted without ordering again', async () => {
  const calls = fakeNetwork({ 'POST /orders': created, ...cashierOk, [`GET /orders/${orderId}`]: order('pending') });
  render(<Shop onGranted={() => {}} />);

  fireEvent.click(screen.getByText('购买'));
  fireEvent.click(await screen.findByText('确认支付'));
  expect(await screen.findByText('支付失败', {}, { timeout: 2000 })).toBeTruthy();
  expect(screen.getByText(/暂未收到支付结果/)).toBeTruthy();

  // The notification arrives late; 重试 looks at the order first.
  const later = fakeNetwork({ [`GET /orders/${orderId}`]: order('granted') });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('支付成功')).toBeTruthy();
  expect(requestIds(calls)).toHaveLength(1);
  expect(later.map((c) => c.route)).toEqual([`GET /orders/${orderId}`]);
});

it('closes without touching a pending order', async () => {
  fakeNetwork({ 'POST /orders': created, ...cashierOk });
  render(<Shop onGranted={() => {}} />);

  fireEvent.click(screen.getByText('购买'));
  fireEvent.click(await screen.findByText('取消'));
  fireEvent.click(await screen.findByText('关闭'));

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
});
