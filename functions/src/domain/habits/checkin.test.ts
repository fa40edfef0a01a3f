import { memoryWallets } from '../../../../test/support/memory-stores';
import { checkIn, checkinStatus } from './checkin';

function clock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)) };
}

describe('daily check-in', () => {
  it('credits once a day however often the user taps', async () => {
    const c = clock('2026-11-25T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    const first = await checkIn('u', { wallets, now: c.now });
    const second = await checkIn('u', { wallets, now: c.now });
    expect(first).toMatchObject({ date: '2026-11-25', streak: 1, already: false });
    expect(second).toMatchObject({ date: '2026-11-25', streak: 1, already: true });
    expect((await wallets.get('u')).coins).toBe(first.reward.coins);
    expect(wallets.entries.filter((e) => e.reason === 'checkin')).toHaveLength(1);
  });

  it('counts a streak across days and restarts it after a missed day', async () => {
    const c = clock('2026-11-25T10:00:00+08:00');
    const wallets = memoryWallets(c.now);
    for (const [day, streak] of [['25', 1], ['26', 2], ['27', 3]] as const) {
      c.set(`2026-11-${day}T09:00:00+08:00`);
      expect((await checkIn('u', { wallets, now: c.now })).streak).toBe(streak);
    }
    // Day 3 pays bonus coins that expire.
    expect((await wallets.get('u')).bonus).toHaveLength(1);
    c.set('2026-11-29T09:00:00+08:00');
    expect((await checkIn('u', { wallets, now: c.now })).streak).toBe(1);
  });

  it('follows the Asia/Shanghai calendar day, not UTC', async () => {
    // 23:30 and 00:30 Shanghai time are two days there, but the same UTC day.
    const c = clock('2026-11-25T23:30:00+08:00');
    const wallets = memoryWallets(c.now);
    expect((await checkIn('u', { wallets, now: c.now })).date).toBe('2026-11-25');
    c.set('2026-11-26T00:30:00+08:00');
    const next = await checkIn('u', { wallets, now: c.now });
    expect(next).toMatchObject({ date: '2026-11-26', streak: 2, already: false });
    // 07:00 UTC on the 26th is 15:00 in Shanghai: still the 26th, already checked in.
    c.set('2026-11-26T07:00:00Z');
    expect(await checkIn('u', { wallets, now: c.now })).toMatchObject({ already: true, streak: 2 });
  });

  it('shows the week strip Monday to Sunday with the checked days', async () => {
    const c = clock('2026-11-25T10:00:00+08:00'); // a Wednesday
    const wallets = memoryWallets(c.now);
    await checkIn('u', { wallets, now: c.now });
    const status = checkinStatus(await wallets.get('u'), c.now());
    expect(status.week.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(status.week.map((d) => d.checked)).toEqual([false, false, true, false, false, false, false]);
    expect(status).toMatchObject({ checkedInToday: true, streak: 1 });
  });
});
