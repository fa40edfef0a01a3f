/** The habits subpackage's pages (check-in, reminder settings, the sandbox inbox). */
export const checkinPageUrl = '/packages/habits/pages/checkin/index';
export const reminderSettingsPageUrl = '/packages/habits/pages/reminders/index';
export const inboxPageUrl = '/packages/habits/pages/inbox/index';
