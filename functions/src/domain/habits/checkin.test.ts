import { rewardForStreak } from '@drama/shared/habits';
import { memoryEvents, memoryWallets } from '../../../../test/support/memory-stores';
import { checkIn, checkinStatus } from './checkin';

function clock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)) };
}

describe('daily check-in', () => {
  it('credits once a day however often the user taps', async () => {
    const c = clock('2026-11-25T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    const events = memoryEvents();
    const first = await checkIn('u', { wallets, events, now: c.now });
    const second = await checkIn('u', { wallets, events, now: c.now });
    expect(first).toMatchObject({ date: '2026-11-25', streak: 1, already: false });
    expect(second).toMatchObject({ date: '2026-11-25', streak: 1, already: true });
    expect((await wallets.get('u')).coins).toBe(first.reward.coins);
    expect(wallets.entries.filter((e) => e.reason === 'checkin')).toHaveLength(1);
    expect(events.recorded).toEqual([expect.objectContaining({ kind: 'checkin', userId: 'u', streak: 1 })]);
  });

  it('counts a streak across days and restarts it after a missed day', async () => {
    const c = clock('2026-11-25T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    const events = memoryEvents();
    for (const [day, streak] of [['25', 1], ['26', 2], ['27', 3]] as const) {
      c.set(`2026-11-${day}T09:00:00+08:00`);
      expect((await checkIn('u', { wallets, events, now: c.now })).streak).toBe(streak);
    }
    // Day 3 pays bonus coins that expire.
    expect((await wallets.get('u')).bonus).toHaveLength(1);
    c.set('2026-11-29T09:00:00+08:00');
    expect((await checkIn('u', { wallets, events, now: c.now })).streak).toBe(1);
  });

  it('follows the Asia/Shanghai calendar day, not UTC', async () => {
    // 23:30 and 00:30 Shanghai time are two days there, but the same UTC day.
    const c = clock('2026-11-25T23:30:00+08:00');
    const wallets = memoryWallets(c.now);
    const events = memoryEvents();
    expect((await checkIn('u', { wallets, events, now: c.now })).date).toBe('2026-11-25');
    c.set('2026-11-26T00:30:00+08:00');
    const next = await checkIn('u', { wallets, events, now: c.now });
    expect(next).toMatchObject({ date: '2026-11-26', streak: 2, already: false });
    // 07:00 UTC on the 26th is 15:00 in Shanghai: still the 26th, already checked in.
    c.set('2026-11-26T07:00:00Z');
    expect(await checkIn('u', { wallets, events, now: c.now })).toMatchObject({ already: true, streak: 2 });
  });

  it("shows a new viewer's seven days from today with the rule's growing rewards, whatever the weekday", async () => {
    const c = clock('2026-12-06T10:00:00+08:00'); // a Sunday: the old Monday-to-Sunday strip showed +10 seven times
    const wallets = memoryWallets(c.now);
    const status = checkinStatus(await wallets.get('u'), c.now());
    expect(status.days.map((d) => d.date)).toEqual(['2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
    expect(status.days.map((d) => d.day)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(status.days.map((d) => d.reward)).toEqual([1, 2, 3, 4, 5, 6, 7].map(rewardForStreak));
    expect(status.days.at(-1)?.reward).toEqual({ coins: 30, bonusCoins: 50, bonusDays: 14 });
    expect(status).toMatchObject({ checkedInToday: false, streak: 0 });
  });

  it('keeps the last three days of a run checked, then today and the days ahead by their streak day', async () => {
    const c = clock('2026-11-20T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    const events = memoryEvents();
    for (let i = 0; i < 5; i++) {
      await checkIn('u', { wallets, events, now: c.now });
      c.set(new Date(c.now().getTime() + 86_400_000).toISOString());
    }
    // Five days checked (20th–24th); on the 25th, before checking in, today is day 6.
    const before = checkinStatus(await wallets.get('u'), c.now());
    expect(before.days.map((d) => [d.date, d.day, d.checked])).toEqual([
      ['2026-11-22', 3, true], ['2026-11-23', 4, true], ['2026-11-24', 5, true],
      ['2026-11-25', 6, false], ['2026-11-26', 7, false], ['2026-11-27', 8, false], ['2026-11-28', 9, false],
    ]);
    expect(before.days.map((d) => d.reward)).toEqual([3, 4, 5, 6, 7, 8, 9].map(rewardForStreak));
    await checkIn('u', { wallets, events, now: c.now });
    const after = checkinStatus(await wallets.get('u'), c.now());
    expect(after).toMatchObject({ checkedInToday: true, streak: 6 });
    expect(after.days[3]).toMatchObject({ date: '2026-11-25', day: 6, checked: true });
  });

  it('starts the strip over at day 1 after a missed day', async () => {
    const c = clock('2026-11-20T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    const events = memoryEvents();
    await checkIn('u', { wallets, events, now: c.now });
    c.set('2026-11-22T10:00:00+08:00');
    const status = checkinStatus(await wallets.get('u'), c.now());
    expect(status.days[0]).toMatchObject({ date: '2026-11-22', day: 1, checked: false });
    expect(status.streak).toBe(0);
  });
});
