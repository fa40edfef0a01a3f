import { addMonths, extendMembership } from './membership';

// Times are written in Asia/Shanghai (+08:00): the calendar the periods follow.
const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

describe('addMonths', () => {
  it('adds calendar months, keeping the day and clock time', () => {
    expect(iso(addMonths(at('2026-03-15T10:00:00+08:00'), 1))).toBe(iso(at('2026-04-15T10:00:00+08:00')));
    expect(iso(addMonths(at('2026-11-30T23:30:00+08:00'), 12))).toBe(iso(at('2027-11-30T23:30:00+08:00')));
  });

  it('clamps the 31st to the end of shorter months, and February in leap years', () => {
    expect(iso(addMonths(at('2027-01-31T09:00:00+08:00'), 1))).toBe(iso(at('2027-02-28T09:00:00+08:00')));
    expect(iso(addMonths(at('2028-01-31T09:00:00+08:00'), 1))).toBe(iso(at('2028-02-29T09:00:00+08:00')));
    expect(iso(addMonths(at('2026-08-31T09:00:00+08:00'), 1))).toBe(iso(at('2026-09-30T09:00:00+08:00')));
    expect(iso(addMonths(at('2028-02-29T09:00:00+08:00'), 12))).toBe(iso(at('2029-02-28T09:00:00+08:00')));
  });

  it('follows the Shanghai calendar day, not the UTC one', () => {
    // 1 Feb 00:30 in Shanghai is still 31 Jan in UTC.
    expect(iso(addMonths(at('2026-02-01T00:30:00+08:00'), 1))).toBe(iso(at('2026-03-01T00:30:00+08:00')));
  });

  it('returns to the anchor day after a short month', () => {
    expect(iso(addMonths(at('2027-02-28T09:00:00+08:00'), 1, 31))).toBe(iso(at('2027-03-31T09:00:00+08:00')));
  });
});

describe('extendMembership', () => {
  const now = at('2027-01-31T12:00:00+08:00');

  it('starts a new member now, anchored on today', () => {
    expect(extendMembership(null, 'month', now)).toEqual({ expiresAt: iso(at('2027-02-28T12:00:00+08:00')), anchorDay: 31 });
    expect(extendMembership(null, 'year_auto', now).expiresAt).toBe(iso(at('2028-01-31T12:00:00+08:00')));
  });

  it('extends an active member from the current end, so paid time is never lost', () => {
    const current = { expiresAt: iso(at('2027-02-28T12:00:00+08:00')), anchorDay: 31 };
    expect(extendMembership(current, 'month_auto', now)).toEqual({ expiresAt: iso(at('2027-03-31T12:00:00+08:00')), anchorDay: 31 });
  });

  it('restarts a lapsed member from now', () => {
    const lapsed = { expiresAt: iso(at('2026-12-01T00:00:00+08:00')), anchorDay: 1 };
    expect(extendMembership(lapsed, 'month', now)).toEqual({ expiresAt: iso(at('2027-02-28T12:00:00+08:00')), anchorDay: 31 });
  });
});

describe('renewal terms', () => {
  const { chargeAtOf, firstRenewal, preChargeNoticeDue } = jest.requireActual('./membership') as typeof import('./membership');

  it('charges a day before the period ends, and says so before an auto-renewing plan is bought', () => {
    const now = at('2026-03-15T10:00:00+08:00');
    expect(firstRenewal(null, 'month_auto', 2500, now)).toEqual({ chargeAt: iso(at('2026-04-14T10:00:00+08:00')), amountFen: 2500 });
    expect(firstRenewal(null, 'month', 3000, now)).toBeNull();
    // A member buying again renews from the end of the period they already have.
    expect(firstRenewal({ expiresAt: iso(at('2026-04-15T10:00:00+08:00')), anchorDay: 15 }, 'year_auto', 19800, now)?.chargeAt).toBe(iso(at('2027-04-14T10:00:00+08:00')));
    expect(chargeAtOf(iso(at('2026-04-15T10:00:00+08:00')))).toBe(iso(at('2026-04-14T10:00:00+08:00')));
  });

  it('is due for its pre-charge notice from about two and a half days before the charge', () => {
    const expiresAt = iso(at('2026-04-15T10:00:00+08:00'));
    expect(preChargeNoticeDue(expiresAt, at('2026-04-11T10:00:00+08:00'))).toBe(false);
    expect(preChargeNoticeDue(expiresAt, at('2026-04-11T22:00:00+08:00'))).toBe(true);
    expect(preChargeNoticeDue(expiresAt, at('2026-04-13T10:00:00+08:00'))).toBe(true);
  });
});
