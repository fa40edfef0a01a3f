import { reminderKinds, reminderSpecs, type ConsentItem, type ConsentResult, type ReminderKind } from '@drama/shared/reminders';

/**
 * The consent ledger of one user: per kind, one-time consents as a count (one accept, one send),
 * long-term consents as a flag, and the last answer. Pure transitions; the store writes them
 * with one conditional write of the user's consent item.
 */
export type ConsentStatus = ConsentItem['status'];

export interface KindConsent {
  oneTimeLeft: number;
  longTerm: boolean;
  status: ConsentStatus;
  updatedAt?: string;
}

export interface ConsentLedger {
  kinds: Partial<Record<ReminderKind, KindConsent>>;
  /** Shanghai day and count of sends that day, for the per-user daily cap. */
  sentDay?: string;
  sentToday: number;
  /** Message ids already sent (a job re-run never sends one twice); pruned after a few days. */
  sentIds: Record<string, number>;
}

export const emptyLedger = (): ConsentLedger => ({ kinds: {}, sentToday: 0, sentIds: {} });

const none: KindConsent = { oneTimeLeft: 0, longTerm: false, status: 'none' };
/** A platform's one-time credits do not pile up without bound. */
const maxOneTime = 30;

export function kindConsent(ledger: ConsentLedger, kind: ReminderKind): KindConsent {
  return ledger.kinds[kind] ?? none;
}

export function recordResults(ledger: ConsentLedger, results: Partial<Record<ReminderKind, ConsentResult>>, now: Date): ConsentLedger {
  const kinds = { ...ledger.kinds };
  for (const [kind, result] of Object.entries(results) as Array<[ReminderKind, ConsentResult]>) {
    const current = kindConsent(ledger, kind);
    const updatedAt = now.toISOString();
    const longTerm = reminderSpecs[kind].subscription === 'long_term';
    if (result === 'accept') {
      kinds[kind] = longTerm
        ? { ...current, longTerm: true, status: 'accepted', updatedAt }
        : { ...current, oneTimeLeft: Math.min(current.oneTimeLeft + 1, maxOneTime), status: 'accepted', updatedAt };
    } else if (result === 'reject') {
      // Declining this ask takes back nothing given earlier, but a long-term consent ends.
      kinds[kind] = { ...current, longTerm: false, status: 'rejected', updatedAt };
    } else {
      // "Always reject" in the platform dialog: nothing may be sent any more.
      kinds[kind] = { oneTimeLeft: 0, longTerm: false, status: 'banned', updatedAt };
    }
  }
  return { ...ledger, kinds };
}

/** The user withdraws a kind in settings, or the platform says the user refused: nothing more is sent. */
export function clearKind(ledger: ConsentLedger, kind: ReminderKind, status: 'withdrawn' | 'refused', now: Date): ConsentLedger {
  return { ...ledger, kinds: { ...ledger.kinds, [kind]: { oneTimeLeft: 0, longTerm: false, status, updatedAt: now.toISOString() } } };
}

export type ConsumeOutcome = { ok: true; ledger: ConsentLedger } | { ok: false; reason: 'no_consent' | 'capped' | 'duplicate' };

/** Takes one consent for a send of `kind` (one-time: one credit; long-term: none), within the daily cap. */
export function consume(ledger: ConsentLedger, kind: ReminderKind, msgId: string, today: string, cap: number, now: Date): ConsumeOutcome {
  if (ledger.sentIds[msgId] !== undefined) return { ok: false, reason: 'duplicate' };
  const current = kindConsent(ledger, kind);
  if (!current.longTerm && current.oneTimeLeft < 1) return { ok: false, reason: 'no_consent' };
  const sentToday = ledger.sentDay === today ? ledger.sentToday : 0;
  if (sentToday >= cap) return { ok: false, reason: 'capped' };
  const oneTimeLeft = current.longTerm ? current.oneTimeLeft : current.oneTimeLeft - 1;
  const keep = Object.entries(ledger.sentIds).filter(([, at]) => now.getTime() - at < 7 * 24 * 3600_000);
  return {
    ok: true,
    ledger: {
      kinds: { ...ledger.kinds, [kind]: { ...current, oneTimeLeft, status: !current.longTerm && oneTimeLeft === 0 ? 'used_up' : current.status } },
      sentDay: today,
      sentToday: sentToday + 1,
      sentIds: { ...Object.fromEntries(keep), [msgId]: now.getTime() },
    },
  };
}

/** Gives back the one-time credit of a send the platform never took (transient failure to the end). */
export function restore(ledger: ConsentLedger, kind: ReminderKind, msgId: string): ConsentLedger {
  const current = kindConsent(ledger, kind);
  const { [msgId]: _dropped, ...sentIds } = ledger.sentIds;
  return {
    ...ledger,
    kinds: { ...ledger.kinds, [kind]: current.longTerm ? current : { ...current, oneTimeLeft: current.oneTimeLeft + 1, status: 'accepted' } },
    sentToday: Math.max(0, ledger.sentToday - 1),
    sentIds,
  };
}

export function consentView(ledger: ConsentLedger, templateIdOf: (kind: ReminderKind) => string): ConsentItem[] {
  return reminderKinds.map((kind) => {
    const c = kindConsent(ledger, kind);
    return { kind, label: reminderSpecs[kind].label, subscription: reminderSpecs[kind].subscription, templateId: templateIdOf(kind), oneTimeLeft: c.oneTimeLeft, longTerm: c.longTerm, status: c.status };
  });
}

/** Whether a user may be sent `kind` now (a candidate for the jobs' fan-out). */
export function allows(ledger: ConsentLedger, kind: ReminderKind): boolean {
  const c = kindConsent(ledger, kind);
  return c.longTerm || c.oneTimeLeft > 0;
}

export interface ConsentStore {
  get(userId: string): Promise<ConsentLedger>;
  /** One conditional write of the user's consent item; `change` returning null writes nothing. */
  update<T>(userId: string, change: (current: ConsentLedger) => { ledger: ConsentLedger; result: T } | { ledger: null; result: T }): Promise<T>;
  /** Users whose consent for `kind` may allow a send (an index; each send re-checks the ledger). */
  candidates(kind: ReminderKind): Promise<string[]>;
}
