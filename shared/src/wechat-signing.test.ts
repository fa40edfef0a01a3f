import { chargeDay, extendSignedMembership, inChargeWindow, noticeAllowsCharge, noticeDay } from './wechat-signing';

const shanghai = (s: string) => new Date(`${s}+08:00`);

describe("WeChat's membership subscription rules", () => {
  it('charges and notifies only from 07:10 up to 21:50, Shanghai time', () => {
    expect(inChargeWindow(shanghai('2026-03-01T07:09:59'))).toBe(false);
    expect(inChargeWindow(shanghai('2026-03-01T07:10:00'))).toBe(true);
    expect(inChargeWindow(shanghai('2026-03-01T21:49:59'))).toBe(true);
    expect(inChargeWindow(shanghai('2026-03-01T21:50:00'))).toBe(false);
    expect(inChargeWindow(shanghai('2026-03-01T23:30:00'))).toBe(false);
  });

  it('charges on the day before a period ends, after a notice two days earlier', () => {
    const expiresAt = shanghai('2026-03-31T09:00:00').toISOString();
    expect(chargeDay(expiresAt)).toBe('2026-03-30');
    expect(noticeDay(expiresAt)).toBe('2026-03-28');
    expect(noticeAllowsCharge('2026-03-28', '2026-03-30')).toBe(true);
    expect(noticeAllowsCharge('2026-03-29', '2026-03-30')).toBe(false);
    // Across a month's end, by Shanghai calendar days.
    expect(noticeDay(shanghai('2026-03-02T00:30:00').toISOString())).toBe('2026-02-27');
  });

  it('runs 31 and 372 days from the end of a live period, or from now', () => {
    const now = new Date('2026-01-31T02:00:00Z');
    expect(extendSignedMembership(null, 'month_auto', now)).toBe('2026-03-03T02:00:00.000Z');
    expect(extendSignedMembership({ expiresAt: '2026-02-10T00:00:00.000Z' }, 'year_auto', now)).toBe('2027-02-17T00:00:00.000Z');
    expect(extendSignedMembership({ expiresAt: '2026-01-01T00:00:00.000Z' }, 'month_auto', now)).toBe('2026-03-03T02:00:00.000Z');
  });
});
