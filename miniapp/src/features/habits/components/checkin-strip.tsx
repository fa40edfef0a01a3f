import { Button, Text, View } from '@tarojs/components';
import type { CheckinOutput, CheckinStatus } from '@drama/shared/habits';
import { dayName, rewardCoins, rewardText } from '../checkin-text';
import './checkin-strip.css';

export interface CheckinStripProps {
  status: CheckinStatus;
  /** The answer of the check-in just made here, to show what it earned. */
  earned?: CheckinOutput | null;
  busy?: boolean;
  onCheckIn: () => void;
}

/**
 * The streak's strip: seven days around today (the last days of this run, today, the days ahead), each
 * with its day of the streak and the reward the server's rule gives it, ✓ on the days checked, today
 * highlighted; the streak; and the big 签到 button (今日已签到 once done).
 */
export function CheckinStrip({ status: loaded, earned, busy = false, onCheckIn }: CheckinStripProps) {
  const status = earned ? withCheckin(loaded, earned) : loaded;
  const done = status.checkedInToday;
  return (
    <View className="checkin-strip">
      <View className="checkin-strip__streak">
        <Text className="checkin-strip__streak-label">已连续签到</Text>
        <Text className="checkin-strip__streak-days">{status.streak}</Text>
        <Text className="checkin-strip__streak-label">天</Text>
      </View>
      <View className="checkin-strip__week" role="list" aria-label="连续签到奖励">
        {status.days.map((day) => {
          const today = day.date === status.today;
          const label = `${dayName(day.date, status.today)}，第 ${day.day} 天，${rewardText(day.reward)}${day.checked ? '，已签到' : ''}`;
          return (
            <View
              key={day.date}
              role="listitem"
              aria-label={label}
              className={`checkin-day${day.checked ? ' checkin-day--checked' : ''}${today ? ' checkin-day--today' : ''}`}
            >
              <Text className="checkin-day__name">{dayName(day.date, status.today)}</Text>
              <View className="checkin-day__coin">{day.checked ? '✓' : `+${rewardCoins(day.reward)}`}</View>
              <Text className="checkin-day__reward">第{day.day}天</Text>
            </View>
          );
        })}
      </View>
      {earned && (
        <View className="checkin-strip__earned" role="status">
          {earned.already ? '今天已经签过到了' : `签到成功，获得 ${rewardText(earned.reward)}`}
        </View>
      )}
      <Button role="button" className={`checkin-strip__button${done || busy ? ' checkin-strip__button--off' : ''}`} disabled={done || busy || undefined} onClick={done || busy ? undefined : onCheckIn}>
        {done ? '今日已签到' : busy ? '签到中…' : '签到'}
      </Button>
    </View>
  );
}

/** The status as it is after `out`, without asking GET /me/checkins again. */
function withCheckin(status: CheckinStatus, out: CheckinOutput): CheckinStatus {
  return {
    ...status,
    checkedInToday: true,
    streak: out.streak,
    days: status.days.map((d) => (d.date === out.date ? { ...d, checked: true, day: out.streak, reward: out.reward } : d)),
  };
}
