import { shanghaiDate } from '@drama/shared/calendar';
import { dailySendCap, reminderPage, reminderText, type ReminderKind } from '@drama/shared/reminders';
import { clearKind, consume, restore, type ConsentStore } from './consents';

/** A platform's subscribe-message send, as the adapter reports it. */
export type SendResult = { ok: true } | { ok: false; permanent: boolean; reason: string };

/** What a message is: a reminder (sent against a consent) or a service notice (the pre-charge notice of an auto-renewal). */
export type MessageKind = ReminderKind | 'renewal_notice';

export interface MessageSender {
  send(to: { userId: string; platform: string; openId: string }, message: { kind: MessageKind; msgId: string; title: string; body: string; page: string }): Promise<SendResult>;
}

export interface Recipients {
  /** The platform identity to send to (from the user's sign-in). */
  identityOf(userId: string): Promise<{ platform: string; openId: string } | undefined>;
}

export interface SendPorts {
  consents: ConsentStore;
  recipients: Recipients;
  sender: MessageSender;
  now: () => Date;
  /** Quiet hours and retry pacing are configuration, so tests and operators can set them. */
  isQuiet: (at: Date) => boolean;
  retryDelaysMs: readonly number[];
  log: (message: string, fields: Record<string, unknown>) => void;
  /** Told of each reminder the platform took (the analytics stream); never throws. */
  onSent?: (userId: string, kind: ReminderKind) => Promise<void>;
}

export type SendOutcome = 'sent' | 'quiet' | 'no_consent' | 'capped' | 'duplicate' | 'no_identity' | 'refused' | 'failed';

/**
 * Sends one reminder: first consumes one consent in a conditional write (or learns there is none),
 * then calls the platform; transient errors are retried with backoff, a permanent one (the user
 * refused, the template was withdrawn) clears the consent; a send that never got through gives the
 * one-time credit back.
 */
export async function sendReminder(
  userId: string,
  kind: ReminderKind,
  msgId: string,
  ref: { seriesId?: string; seriesTitle?: string; episode?: number; streak?: number },
  ports: SendPorts,
): Promise<SendOutcome> {
  const now = ports.now();
  if (ports.isQuiet(now)) return 'quiet';
  const identity = await ports.recipients.identityOf(userId);
  if (!identity) return 'no_identity';
  const taken = await ports.consents.update(userId, (ledger) => {
    const outcome = consume(ledger, kind, msgId, shanghaiDate(now), dailySendCap, now);
    return outcome.ok ? { ledger: outcome.ledger, result: 'ok' as const } : { ledger: null, result: outcome.reason };
  });
  if (taken !== 'ok') return taken;

  const text = reminderText(kind, ref);
  const message = { kind, msgId, title: text.title, body: text.body, page: reminderPage(kind, ref) };
  let last: SendResult = { ok: false, permanent: false, reason: 'not tried' };
  for (let attempt = 0; attempt <= ports.retryDelaysMs.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, ports.retryDelaysMs[attempt - 1]));
    last = await ports.sender.send({ userId, ...identity }, message);
    if (last.ok) {
      ports.log('reminder sent', { userId, kind, msgId, attempts: attempt + 1 });
      await ports.onSent?.(userId, kind);
      return 'sent';
    }
    if (last.permanent) break;
  }
  const failure = last as Extract<SendResult, { ok: false }>;
  if (failure.permanent) {
    await ports.consents.update(userId, (ledger) => ({ ledger: clearKind(ledger, kind, 'refused', ports.now()), result: null }));
    ports.log('reminder refused by the platform: consent cleared', { userId, kind, msgId, reason: failure.reason });
    return 'refused';
  }
  await ports.consents.update(userId, (ledger) => ({ ledger: restore(ledger, kind, msgId), result: null }));
  ports.log('reminder failed after retries: consent restored', { userId, kind, msgId, reason: failure.reason });
  return 'failed';
}
