import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Offer } from '@drama/shared/playback';
import { fakeNetwork, ok } from '../../../../test/fake-network';
import { PaywallSheet, type PaywallSheetProps } from './paywall-sheet';

const offers: Offer[] = [
  { kind: 'coins', coins: 30 },
  { kind: 'series', priceFen: 1990 },
  { kind: 'membership', plan: 'month', priceFen: 3000 },
  { kind: 'membership', plan: 'month_auto', priceFen: 2500 },
  { kind: 'membership', plan: 'year_auto', priceFen: 19800 },
  { kind: 'ad' },
];

function renderSheet(props: Partial<PaywallSheetProps> = {}) {
  const handlers = { onClose: jest.fn(), onBuy: jest.fn(), onUnlocked: jest.fn(), onTopUp: jest.fn() };
  render(<PaywallSheet offers={offers} seriesId="s1" episode={7} seriesTitle="重生之我是总裁" purchasable {...handlers} {...props} />);
  return handlers;
}

beforeEach(() => {
  localStorage.clear();
  jest.restoreAllMocks();
});

describe('PaywallSheet', () => {
  it('lists exactly the offers it was given, with formatted prices, and the balance', () => {
    renderSheet({ balance: { coins: 20, bonusCoins: 5 } });

    expect(screen.getByRole('dialog', { name: '解锁剧集' })).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      '关闭',
      '充值 ›',
      '30 金币解锁本集',
      '解锁全集¥19.90',
      '月卡会员¥30.00',
      '连续包月¥25.00',
      '连续包年¥198.00',
      '看广告免费解锁本集免费',
    ]);
    expect(screen.getByText(/余额/).textContent).toBe('余额 25 金币（含赠送 5）');
  });

  it('shows only the offers the API returned', () => {
    renderSheet({ offers: [{ kind: 'series', priceFen: 990 }] });

    expect(screen.getByText('¥9.90')).toBeTruthy();
    expect(screen.queryByText(/金币/)).toBeNull();
    expect(screen.queryByText('月卡会员')).toBeNull();
  });

  it('unlocks with coins and says the episode may play', async () => {
    const calls = fakeNetwork({ 'POST /unlocks': ok({ coins: 0, bonusCoins: 0, unlocked: true }) });
    const { onUnlocked } = renderSheet();

    fireEvent.click(screen.getByText('30 金币解锁本集'));

    await waitFor(() => expect(onUnlocked).toHaveBeenCalledTimes(1));
    const unlock = calls.find((c) => c.route === 'POST /unlocks');
    expect(unlock?.data).toEqual({ seriesId: 's1', episode: 7, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  });

  it('says how many coins are missing, offers the coin store, and retries with the same request id', async () => {
    const short = { statusCode: 402, data: { code: 'INSUFFICIENT_COINS', message: 'short', price: 30, shortBy: 12 } };
    const calls = fakeNetwork({ 'POST /unlocks': [short, ok({ coins: 3, bonusCoins: 0, unlocked: true })] });
    const { onTopUp, onUnlocked } = renderSheet();

    fireEvent.click(screen.getByText('30 金币解锁本集'));
    expect(await screen.findByText('金币不足，还差 12')).toBeTruthy();
    expect(onUnlocked).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '去充值' }));
    expect(onTopUp).toHaveBeenCalledWith(12);

    // Back from the store with coins: the same intent, the same key.
    fireEvent.click(screen.getByText('30 金币解锁本集'));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledTimes(1));
    const [first, second] = calls.filter((c) => c.route === 'POST /unlocks').map((c) => (c.data as { requestId: string }).requestId);
    expect(second).toBe(first);
  });

  it('hands series and membership offers to the purchase flow with what they buy', () => {
    const { onBuy } = renderSheet();

    fireEvent.click(screen.getByText('解锁全集'));
    fireEvent.click(screen.getByText('连续包年'));

    expect(onBuy).toHaveBeenNthCalledWith(1, { kind: 'series', seriesId: 's1' }, '《重生之我是总裁》全集');
    expect(onBuy).toHaveBeenNthCalledWith(2, { kind: 'membership', plan: 'year_auto' }, '连续包年');
  });

  it('says what finishing costs beside the prices and marks the cheapest way the server chose', () => {
    renderSheet({
      offers: offers.map((o) => (o.kind === 'series' ? { ...o, cheapest: true as const } : o)),
      costToFinish: { episodes: 9, coins: 270, fen: 270, cheapest: 'series' },
    });

    expect(screen.getByLabelText('看完全剧').textContent).toBe('看完全剧还需解锁 9 集，逐集共 270 金币（约 ¥2.70）最省：解锁全集');
    expect(screen.getByText('解锁全集').parentElement?.textContent).toBe('解锁全集¥19.90最省');
    expect(screen.getAllByText('最省')).toHaveLength(1);
  });

  it('explains the ad reward before anything starts, and unlocks nothing when the ad is closed early', async () => {
    const ticket = { ticketId: `at_${'a'.repeat(32)}`, adUnitId: 'unit', expiresAt: new Date(Date.now() + 600_000).toISOString(), proof: 'callback', completeAfter: new Date().toISOString(), dailyLeft: 5 };
    const calls = fakeNetwork({ 'POST /ads/unlocks': { statusCode: 201, data: ticket } });
    const { onUnlocked } = renderSheet();

    fireEvent.click(screen.getByText('看广告免费解锁本集'));
    expect(screen.getByText(/完整看完即可免费解锁本集/)).toBeTruthy();
    expect(calls.filter((c) => c.route === 'POST /ads/unlocks')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: '开始观看' }));
    const ad = await screen.findByRole('dialog', { name: '激励视频广告' });
    expect(calls.find((c) => c.route === 'POST /ads/unlocks')?.data).toEqual({ seriesId: 's1', episode: 7 });
    fireEvent.click(within(ad).getByRole('button', { name: '关闭' }));

    expect(await screen.findByText('广告没有看完，未能解锁。')).toBeTruthy();
    expect(calls.some((c) => c.route === 'POST sandbox /ads/watch')).toBe(false);
    expect(onUnlocked).not.toHaveBeenCalled();
  });

  it('says so when the daily ad unlocks are used up', async () => {
    fakeNetwork({ 'POST /ads/unlocks': { statusCode: 429, data: { code: 'RATE_LIMITED', message: 'capped' } } });
    renderSheet();

    fireEvent.click(screen.getByText('看广告免费解锁本集'));
    fireEvent.click(screen.getByRole('button', { name: '开始观看' }));

    expect(await screen.findByText('今天这部剧的免费解锁次数已用完，明天再来吧。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开始观看' })).toBeNull();
  });

  it('shows no purchase UI where purchase is barred, and says why', () => {
    renderSheet({ purchasable: false, balance: { coins: 100, bonusCoins: 0 } });

    expect(screen.getByText('由于平台规定，iOS 用户暂不支持购买')).toBeTruthy();
    expect(screen.queryByText(/¥/)).toBeNull();
    expect(screen.queryByText(/金币/)).toBeNull();
    // Watching an ad costs nothing, so it stays.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['关闭', '看广告免费解锁本集免费']);
  });
});
