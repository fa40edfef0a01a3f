import { Button, Text, View } from '@tarojs/components';
import type { CheckinOutput, CheckinStatus } from '@drama/shared/habits';
import { rewardCoins, rewardText, weekdayOf } from '../checkin-text';
import './checkin-strip.css';

export interface CheckinStripProps {
  status: CheckinStatus;
  /** The answer of the check-in just made here, to show what it earned. */
  earned?: CheckinOutput | null;
  busy?: boolean;
  onCheckIn: () => void;
}

/**
 * This week's check-ins, Monday to Sunday: each day's reward, ✓ on the days checked, today
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
      <View className="checkin-strip__week" role="list" aria-label="本周签到">
        {status.week.map((day) => {
          const today = day.date === status.today;
          const label = `${today ? '今天' : weekdayOf(day.date)}，${rewardText(day.reward)}${day.checked ? '，已签到' : ''}`;
          return (
            <View
              key={day.date}
              role="listitem"
              aria-label={label}
              className={`checkin-day${day.checked ? ' checkin-day--checked' : ''}${today ? ' checkin-day--today' : ''}`}
            >
              <Text className="checkin-day__name">{today ? '今天' : weekdayOf(day.date)}</Text>
              <View className="checkin-day__coin">{day.checked ? '✓' : `+${rewardCoins(day.reward)}`}</View>
              <Text className="checkin-day__reward">{day.reward.bonusCoins > 0 ? '含赠送' : '金币'}</Text>
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
    week: status.week.map((d) => (d.date === out.date ? { ...d, checked: true, reward: out.reward } : d)),
  };
}
