import type { AnalyticsEvent } from '@drama/shared/events';
import { funnel, reminders, retention, revenue } from './figures';

const at = (hhmm: string, day = '2026-11-30') => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const e = (kind: AnalyticsEvent['kind'], userId: string, time: string, extra: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({ kind, userId, at: at(time), ...extra });

describe('funnel', () => {
  const events: AnalyticsEvent[] = [
    e('launch', 'a', '09:00', { campaign: 'spring', clickid: 'c1' }),
    e('play_start', 'a', '09:01', { seriesId: 's1', episode: 1 }),
    e('play_start', 'a', '09:02', { seriesId: 's1', episode: 2 }),
    e('paywall_shown', 'a', '09:03', { seriesId: 's1', episode: 4 }),
    e('order_created', 'a', '09:04', { orderId: 'o1', product: 'coins', amountFen: 600 }),
    e('paid', 'a', '09:05', { orderId: 'o1', product: 'coins', amountFen: 600 }),
    e('launch', 'b', '10:00', { campaign: 'spring', clickid: 'c2' }),
    e('play_start', 'b', '10:01', { seriesId: 's2', episode: 1 }),
    e('launch', 'c', '11:00'),
    e('play_start', 'c', '11:01', { seriesId: 's1', episode: 1 }),
  ];

  it('counts distinct users per stage and campaign; users without a campaign are organic', () => {
    const { byCampaign } = funnel(events);
    expect(byCampaign).toEqual([
      { key: 'spring', counts: { launch: 2, play: 2, paywall: 1, order: 1, paid: 1 } },
      { key: '(自然流量)', counts: { launch: 1, play: 1, paywall: 0, order: 0, paid: 0 } },
    ]);
  });

  it('counts a user at every stage up to the deepest one reached, so funnels only narrow', () => {
    const { byCampaign } = funnel([e('paywall_shown', 'd', '12:00', { seriesId: 's1' }), e('paid', 'd', '12:05', { orderId: 'o9', product: 'coins' })]);
    expect(byCampaign).toEqual([{ key: '(自然流量)', counts: { launch: 1, play: 1, paywall: 1, order: 1, paid: 1 } }]);
  });

  it('credits a coin order to the series whose paywall the user saw last', () => {
    const s1 = funnel(events).bySeries.find((r) => r.key === 's1');
    expect(s1?.counts).toEqual({ launch: 2, play: 2, paywall: 1, order: 1, paid: 1 });
    expect(funnel(events).bySeries.find((r) => r.key === 's2')?.counts.paid).toBe(0);
  });
});

describe('revenue', () => {
  it('sums paid fen by Shanghai day and product less refunds on their own day, with empty days as zeros', () => {
    const figures = revenue(
      [
        e('paid', 'a', '23:59', { product: 'coins', sku: 'coins-600', amountFen: 600 }),
        { ...e('paid', 'b', '00:01', { product: 'series', sku: 's1', amountFen: 990 }), at: at('00:01', '2026-12-01') },
        e('order_created', 'c', '12:00', { product: 'coins', amountFen: 9800 }),
        e('paid', 'd', '10:00', { product: 'membership', sku: 'month', amountFen: 1500 }),
        { ...e('refunded', 'd', '09:00', { product: 'membership', sku: 'month', amountFen: 1500 }), at: at('09:00', '2026-12-02') },
      ],
      '2026-11-30',
      '2026-12-02',
    );
    expect(figures.byDay).toEqual([
      { date: '2026-11-30', coins: 600, series: 0, membership: 1500 },
      { date: '2026-12-01', coins: 0, series: 990, membership: 0 },
      { date: '2026-12-02', coins: 0, series: 0, membership: -1500 },
    ]);
    expect(figures.byProduct).toEqual([
      { product: 'series:s1', amountFen: 990, orders: 1, refunds: 0 },
      { product: 'coins:coins-600', amountFen: 600, orders: 1, refunds: 0 },
      { product: 'membership:month', amountFen: 0, orders: 1, refunds: 1 },
    ]);
    expect(figures.totalFen).toBe(1590);
    expect(figures.refundedFen).toBe(1500);
  });
});

describe('reminders and retention', () => {
  it('counts sends, opens and opt-outs by kind', () => {
    const figures = reminders([
      e('reminder_sent', 'a', '09:00', { reminderKind: 'checkin' }),
      e('reminder_sent', 'b', '09:00', { reminderKind: 'checkin' }),
      e('reminder_opened', 'a', '09:10', { reminderKind: 'checkin' }),
      e('consent_opted_out', 'b', '09:20', { reminderKind: 'checkin' }),
      e('consent_accepted', 'b', '09:20', { reminderKind: 'new_drama' }),
    ]);
    expect(figures.byKind.find((r) => r.kind === 'checkin')).toEqual({ kind: 'checkin', sent: 2, opened: 1, optedOut: 1 });
    expect(figures.byKind.find((r) => r.kind === 'new_drama')).toEqual({ kind: 'new_drama', sent: 0, opened: 0, optedOut: 0 });
  });

  it('counts users by the longest check-in streak they reached', () => {
    const figures = retention([e('checkin', 'a', '09:00', { streak: 1 }), e('checkin', 'a', '09:00', { streak: 3 }), e('checkin', 'b', '09:00', { streak: 1 })]);
    expect(figures.checkers).toBe(2);
    expect(figures.streaks.slice(0, 4)).toEqual([
      { streak: 1, users: 2 },
      { streak: 2, users: 1 },
      { streak: 3, users: 1 },
      { streak: 4, users: 0 },
    ]);
    expect(figures.streaks).toHaveLength(7);
  });

  it('counts a few hundred thousand checkers without overflowing the stack', () => {
    const events = Array.from({ length: 297_000 }, (_, i) => e('checkin', `u${i}`, '09:00', { streak: 1 + (i % 9) }));
    const figures = retention(events);
    expect(figures.checkers).toBe(297_000);
    expect(figures.streaks).toHaveLength(9);
    expect(figures.streaks[8]).toEqual({ streak: 9, users: 297_000 / 9 });
  });
});
