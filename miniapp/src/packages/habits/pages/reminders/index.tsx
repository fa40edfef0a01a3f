import { ReminderSettings } from '@/features/reminders/components/reminder-settings';

/** 提醒设置: what the user allowed per reminder kind, 撤回, and 开启提醒. */
export default function RemindersPage() {
  return <ReminderSettings />;
}
