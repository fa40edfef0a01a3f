import type { ReminderKind } from '@drama/shared/reminders';
import { config } from './config';

/** The template ids the app asks the platform for; H5's sandbox dialog uses Douyin's. */
export function templateIdsFor(platform: string | undefined): (kind: ReminderKind) => string {
  const templates = config().reminderTemplates[platform === 'wechat' ? 'wechat' : 'douyin'];
  return (kind) => templates[kind];
}
