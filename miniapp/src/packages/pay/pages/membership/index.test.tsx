import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fakeNetwork, ok } from '../../../../../test/fake-network';
import MembershipPage from './index';

let purchasable = true;
jest.mock('@/lib/capabilities', () => ({
  ...jest.requireActual('@/lib/capabilities'),
  canPurchase: () => purchasable,
  purchaseBlockedReason: '由于平台规定，iOS 用户暂不支持购买',
}));

const products = ok({
  coinPacks: [{ packId: 'coins-600', priceFen: 600, coins: 600, bonusCoins: 0, bonusDays: 0 }],
  memberships: [
    { plan: 'month', title: '月卡会员', priceFen: 3000, months: 1, autoRenew: false },
    { plan: 'month_auto', title: '连续包月', priceFen: 2500, months: 1, autoRenew: true },
    { plan: 'year_auto', title: '连续包年', priceFen: 19800, months: 12, autoRenew: true },
  ],
});
const membership = { plan: 'month_auto', expiresAt: '2025-03-01T04:00:00.000Z', autoRenew: true };
const wallet = (m: typeof membership | null) => ok({ coins: 0, bonusCoins: 0, bonusExpiresAt: null, membership: m, seriesOwned: [] });

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
  purchasable = true;
});

it('shows the three plans with prices, the auto-renew note, and the current membership', async () => {
  fakeNetwork({ 'GET /products': products, 'GET /me/wallet': wallet(membership) });
  render(<MembershipPage />);

  expect(await screen.findByText('会员有效期至 2025-03-01')).toBeTruthy();
  expect(screen.getByText('自动续费中，将于 2025-03-01 续费')).toBeTruthy();
  await screen.findByText('连续包年');
  expect(['¥30.00/月', '¥25.00/月', '¥198.00/年'].map((p) => screen.getByText(p))).toHaveLength(3);
  expect(screen.getAllByText('自动续费，可随时取消')).toHaveLength(2);
  expect(screen.getAllByRole('button', { name: /^开通/ })).toHaveLength(3);
});

it('cancels auto-renewal only after the user confirms', async () => {
  const calls = fakeNetwork({
    'GET /products': products,
    'GET /me/wallet': [wallet(membership), wallet({ ...membership, autoRenew: false })],
    'POST /memberships/cancel': ok({ membership: { ...membership, autoRenew: false } }),
  });
  render(<MembershipPage />);

  fireEvent.click(await screen.findByRole('button', { name: '取消自动续费' }));
  // Taro H5's modal is real DOM.
  fireEvent.click(await screen.findByText('确认取消'));

  expect(await screen.findByText('已取消自动续费，到期后不再扣费')).toBeTruthy();
  expect(calls.filter((c) => c.route === 'POST /memberships/cancel')).toHaveLength(1);
  expect(screen.queryByRole('button', { name: '取消自动续费' })).toBeNull();
});

it('hides every price and buy button where purchase is barred, and says why', async () => {
  purchasable = false;
  const calls = fakeNetwork({ 'GET /products': products, 'GET /me/wallet': wallet(null) });
  render(<MembershipPage />);

  expect(await screen.findByText('你还不是会员')).toBeTruthy();
  expect(screen.getByText('由于平台规定，iOS 用户暂不支持购买')).toBeTruthy();
  expect(screen.queryByText(/¥/)).toBeNull();
  expect(screen.queryByText('连续包年')).toBeNull();
  expect(screen.queryAllByRole('button', { name: /开通|续费/ })).toHaveLength(0);
  await waitFor(() => expect(calls.some((c) => c.route === 'GET /me/wallet')).toBe(true));
});

it('says when an auto-renewing plan first charges and how much, and never buys it un-ticked', async () => {
  const calls = fakeNetwork({ 'GET /products': products, 'GET /me/wallet': wallet(null), 'POST /orders': { statusCode: 500, data: { code: 'INTERNAL', message: 'not in this test' } } });
  render(<MembershipPage />);

  await screen.findByText('连续包年');
  const terms = screen.getAllByText(/^开通后将于 \d{4}-\d{2}-\d{2} 自动续费/).map((t) => t.textContent);
  expect(terms).toHaveLength(2);
  expect(terms[0]).toMatch(/自动续费 ¥25\.00，扣费前两天提醒，可随时取消$/);
  expect(terms[1]).toMatch(/自动续费 ¥198\.00/);
  const ticks = screen.getAllByRole('checkbox', { name: '同意到期自动续费' });
  expect(ticks.map((t) => t.getAttribute('aria-checked'))).toEqual(['false', 'false']);

  fireEvent.click(screen.getByRole('button', { name: '开通连续包月' }));
  expect(await screen.findByText('请先勾选同意自动续费')).toBeTruthy();
  expect(calls.some((c) => c.route === 'POST /orders')).toBe(false);

  fireEvent.click(ticks[0]);
  expect(ticks[0].getAttribute('aria-checked')).toBe('true');
  fireEvent.click(screen.getByRole('button', { name: '开通连续包月' }));
  await waitFor(() => expect(calls.find((c) => c.route === 'POST /orders')?.data).toMatchObject({ product: { kind: 'membership', plan: 'month_auto' } }));
});
