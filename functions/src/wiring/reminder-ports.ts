import { isQuietHour } from '@drama/shared/reminders';
import { markAnnounced, readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoHabits } from '../adapters/dynamodb-habits';
import { platformSender } from '../adapters/platform/subscribe-messages';
import type { JobPorts } from '../domain/reminders/jobs';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { consents } from './consent-ports';
import { clock, events, users, wallets } from './ports';

/** The reminder jobs' adapters. */
export function reminderPorts(): JobPorts {
  const c = config();
  return {
    consents,
    recipients: users,
    sender: platformSender(),
    now: clock,
    isQuiet: (at) => isQuietHour(at, c.quietHours),
    retryDelaysMs: c.sendRetryDelaysMs,
    log: (message, fields) => logger.info(message, fields),
    onSent: (userId, kind) => events.record({ kind: 'reminder_sent', userId, reminderKind: kind }),
    readCatalog,
    markAnnounced,
    followers: (seriesId) => dynamoHabits.followers(seriesId),
    walletOf: (userId) => wallets.get(userId),
    historyOf: (userId) => dynamoHabits.history(userId),
    catalogTtlMs: Number(process.env.CATALOG_TTL_MS ?? 30_000),
  };
}
