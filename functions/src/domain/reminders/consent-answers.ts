import type { ConsentItem, ConsentResult, ReminderKind } from '@drama/shared/reminders';
import type { EventSink } from '../events/events';
import { clearKind, consentView, recordResults, type ConsentStore } from './consents';

export interface ConsentAnswerPorts {
  consents: ConsentStore;
  events: EventSink;
  /** The template ids the app asks the viewer's platform for (H5's sandbox dialog uses Douyin's). */
  templateIdsFor: (platform: string | undefined) => (kind: ReminderKind) => string;
  now: () => Date;
}

/** GET /me/consents: the viewer's consent per kind, with the template ids of their platform. */
export async function consentsOf(userId: string, platform: string | undefined, ports: Pick<ConsentAnswerPorts, 'consents' | 'templateIdsFor'>): Promise<{ items: ConsentItem[] }> {
  return { items: consentView(await ports.consents.get(userId), ports.templateIdsFor(platform)) };
}

/** POST /consents: what the viewer answered in the platform's subscribe dialog, per kind, each answer an event. */
export async function answerConsents(userId: string, results: Partial<Record<ReminderKind, ConsentResult>>, platform: string | undefined, ports: ConsentAnswerPorts): Promise<{ items: ConsentItem[] }> {
  const ledger = await ports.consents.update(userId, (current) => {
    const next = recordResults(current, results, ports.now());
    return { ledger: next, result: next };
  });
  await Promise.all(
    (Object.entries(results) as Array<[ReminderKind, ConsentResult]>).map(([kind, answer]) =>
      ports.events.record({ kind: answer === 'accept' ? 'consent_accepted' : 'consent_opted_out', userId, reminderKind: kind }),
    ),
  );
  return { items: consentView(ledger, ports.templateIdsFor(platform)) };
}

/** DELETE /consents/{kind}: the viewer withdraws a kind; nothing of it is sent any more until they accept it again. */
export async function withdrawConsent(userId: string, kind: ReminderKind, platform: string | undefined, ports: ConsentAnswerPorts): Promise<{ items: ConsentItem[] }> {
  const ledger = await ports.consents.update(userId, (current) => {
    const next = clearKind(current, kind, 'withdrawn', ports.now());
    return { ledger: next, result: next };
  });
  await ports.events.record({ kind: 'consent_opted_out', userId, reminderKind: kind });
  return { items: consentView(ledger, ports.templateIdsFor(platform)) };
}
