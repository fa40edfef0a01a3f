import { fireEvent, render, screen } from '@testing-library/react';
import type { CheckinStatus } from '@drama/shared/habits';
import { checkinRewards } from '@drama/shared/habits';
import { CheckinStrip } from './checkin-strip';

// Monday 2025-03-03 .. Sunday 2025-03-09 as the server sends them for a two-day streak: today,
// Wednesday, is day 3 of the streak; Monday and Tuesday were days 1 and 2.
const dates = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09'];
const days = (checkedUpTo: number) => dates.map((date, i) => ({ date, day: i + 1, checked: i < checkedUpTo, reward: checkinRewards[i] }));
const status = (over: Partial<CheckinStatus> = {}): CheckinStatus => ({ today: '2025-03-05', checkedInToday: false, streak: 2, days: days(2), ...over });

const cells = () => screen.getAllByRole('listitem');

describe('CheckinStrip', () => {
  it('shows each day of the streak with the reward the rule gives it, ✓ on checked days and today highlighted', () => {
    render(<CheckinStrip status={status()} onCheckIn={jest.fn()} />);

    expect(cells().map((c) => c.getAttribute('aria-label'))).toEqual([
      '周一，第 1 天，10 金币，已签到',
      '周二，第 2 天，10 金币，已签到',
      '今天，第 3 天，20 赠送金币（7 天内有效）',
      '明天，第 4 天，15 金币',
      '周五，第 5 天，15 金币',
      '周六，第 6 天，30 赠送金币（7 天内有效）',
      '周日，第 7 天，30 金币 + 50 赠送金币（14 天内有效）',
    ]);
    expect(cells().map((c) => c.querySelector('.checkin-day__coin')?.textContent)).toEqual(['✓', '✓', '+20', '+15', '+15', '+30', '+80']);
    expect(cells()[2].className).toContain('checkin-day--today');
    expect(screen.getByText('已连续签到').parentElement?.textContent).toBe('已连续签到2天');
  });

  it('checks in from the 签到 button, then shows what it earned and disables the button', () => {
    const onCheckIn = jest.fn();
    const { rerender } = render(<CheckinStrip status={status()} onCheckIn={onCheckIn} />);

    expect(screen.getByRole('button', { name: '签到' }).hasAttribute('disabled')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect(onCheckIn).toHaveBeenCalledTimes(1);

    const earned = { date: '2025-03-05', streak: 3, reward: checkinRewards[2], already: false };
    rerender(<CheckinStrip status={status()} earned={earned} onCheckIn={onCheckIn} />);

    expect(screen.getByRole('status').textContent).toBe('签到成功，获得 20 赠送金币（7 天内有效）');
    expect(cells()[2].getAttribute('aria-label')).toBe('今天，第 3 天，20 赠送金币（7 天内有效），已签到');
    expect(screen.getByText('已连续签到').parentElement?.textContent).toBe('已连续签到3天');
    expect(screen.getByRole('button', { name: '今日已签到' }).getAttribute('disabled')).toBe('true');
  });

  it('is disabled with 今日已签到 when today is already checked', () => {
    const onCheckIn = jest.fn();
    render(<CheckinStrip status={status({ checkedInToday: true, streak: 3, days: days(3) })} onCheckIn={onCheckIn} />);

    const button = screen.getByRole('button', { name: '今日已签到' });
    expect(button.getAttribute('disabled')).toBe('true');
    fireEvent.click(button);
    expect(onCheckIn).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: '签到' })).toBeNull();
  });
});
