import { nextStreak, rewardForStreak } from './habits';
import { askBatches, isQuietHour } from './reminders';

describe('check-in streaks (Asia/Shanghai days)', () => {
  it('starts at 1, grows on consecutive days, restarts after a gap, and holds on the same day', () => {
    expect(nextStreak(null, 0, '2026-11-25')).toBe(1);
    expect(nextStreak('2026-11-24', 4, '2026-11-25')).toBe(5);
    expect(nextStreak('2026-11-23', 4, '2026-11-25')).toBe(1);
    expect(nextStreak('2026-11-25', 4, '2026-11-25')).toBe(4);
    expect(nextStreak('2026-02-28', 2, '2026-03-01')).toBe(3);
    expect(nextStreak('2028-02-28', 2, '2028-03-01')).toBe(1);
  });

  it('repeats the seventh day reward after a week', () => {
    expect(rewardForStreak(7)).toEqual(rewardForStreak(30));
    expect(rewardForStreak(3).bonusCoins).toBeGreaterThan(0);
  });
});

describe('reminder rules', () => {
  it('asks at most 3 templates a call and never mixes one-time with long-term', () => {
    expect(askBatches(['episode_update', 'checkin', 'new_drama', 'home_recommend'])).toEqual([['episode_update', 'checkin', 'new_drama'], ['home_recommend']]);
  });

  it('keeps quiet from 22:00 to 08:00 in Shanghai', () => {
    expect(isQuietHour(new Date('2026-11-25T21:59:00+08:00'))).toBe(false);
    expect(isQuietHour(new Date('2026-11-25T22:00:00+08:00'))).toBe(true);
    expect(isQuietHour(new Date('2026-11-26T07:59:00+08:00'))).toBe(true);
    expect(isQuietHour(new Date('2026-11-26T08:00:00+08:00'))).toBe(false);
  });
});
