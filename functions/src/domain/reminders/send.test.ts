import fc from 'fast-check';
import { reminderKinds, reminderSpecs, type ReminderKind } from '@drama/shared/reminders';
import { memoryConsents } from '../../../../test/support/memory-stores';
import { clearKind, kindConsent, recordResults } from './consents';
import { sendReminder, type MessageKind, type MessageSender, type SendPorts } from './send';

type Step =
  | { op: 'answer'; user: number; kind: ReminderKind; result: 'accept' | 'reject' | 'ban' }
  | { op: 'withdraw'; user: number; kind: ReminderKind }
  | { op: 'send'; user: number; kind: ReminderKind; msg: number; platform: 'ok' | 'transient' | 'refused' }
  | { op: 'nextDay' };

const kind = fc.constantFrom(...reminderKinds);
const user = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('answer' as const), user, kind, result: fc.constantFrom('accept' as const, 'reject' as const, 'ban' as const) }),
  fc.record({ op: fc.constant('withdraw' as const), user, kind }),
  fc.record({ op: fc.constant('send' as const), user, kind, msg: fc.integer({ min: 0, max: 5 }), platform: fc.constantFrom('ok' as const, 'ok' as const, 'transient' as const, 'refused' as const) }),
  fc.record({ op: fc.constant('nextDay' as const) }),
);

describe('reminders are sent only against a consent', () => {
  it('holds over random sequences of consents, withdrawals and job runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const consents = memoryConsents();
        let now = new Date('2026-11-25T04:00:00Z'); // noon in Shanghai
        let platformWill: 'ok' | 'transient' | 'refused' = 'ok';
        const delivered: Array<{ userId: string; kind: MessageKind }> = [];
        const sender: MessageSender = {
          async send(to, message) {
            if (platformWill === 'transient') return { ok: false, permanent: false, reason: 'busy' };
            if (platformWill === 'refused') return { ok: false, permanent: true, reason: 'refused' };
            delivered.push({ userId: to.userId, kind: message.kind });
            return { ok: true };
          },
        };
        const ports: SendPorts = {
          consents,
          recipients: { identityOf: async () => ({ platform: 'douyin', openId: 'o' }) },
          sender,
          now: () => now,
          isQuiet: () => false,
          retryDelaysMs: [0, 0],
          log: () => undefined,
        };
        for (const s of steps) {
          if (s.op === 'nextDay') {
            now = new Date(now.getTime() + 24 * 3600_000);
            continue;
          }
          const userId = `u${s.user}`;
          if (s.op === 'answer') {
            await consents.update(userId, (l) => ({ ledger: recordResults(l, { [s.kind]: s.result }, now), result: null }));
            continue;
          }
          if (s.op === 'withdraw') {
            await consents.update(userId, (l) => ({ ledger: clearKind(l, s.kind, 'withdrawn', now), result: null }));
            continue;
          }
          const before = kindConsent(await consents.get(userId), s.kind);
          platformWill = s.platform;
          const sentBefore = delivered.length;
          const outcome = await sendReminder(userId, s.kind, `m${s.msg}:${userId}:${s.kind}`, {}, ports);
          const after = kindConsent(await consents.get(userId), s.kind);
          const oneTime = reminderSpecs[s.kind].subscription === 'one_time';

          // Never a message without a consent.
          if (delivered.length > sentBefore) expect(before.longTerm || before.oneTimeLeft > 0).toBe(true);
          // Counts never go negative.
          expect(after.oneTimeLeft).toBeGreaterThanOrEqual(0);
          // Each delivered one-time send consumes exactly one; failures give it back or clear it.
          if (outcome === 'sent' && oneTime && !before.longTerm) expect(after.oneTimeLeft).toBe(before.oneTimeLeft - 1);
          if (outcome === 'failed') expect(after.oneTimeLeft).toBe(before.oneTimeLeft);
          if (outcome === 'refused') expect(after).toMatchObject({ oneTimeLeft: 0, longTerm: false, status: 'refused' });
          if (outcome !== 'sent') expect(delivered.length).toBe(sentBefore);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('retries transient platform errors, then gives the consent back', async () => {
    const consents = memoryConsents();
    const now = new Date('2026-11-25T04:00:00Z');
    await consents.update('u', (l) => ({ ledger: recordResults(l, { episode_update: 'accept' }, now), result: null }));
    let calls = 0;
    const outcome = await sendReminder('u', 'episode_update', 'm1', {}, {
      consents,
      recipients: { identityOf: async () => ({ platform: 'douyin', openId: 'o' }) },
      sender: { send: async () => (++calls < 3 ? { ok: false, permanent: false, reason: 'busy' } : { ok: true }) },
      now: () => now,
      isQuiet: () => false,
      retryDelaysMs: [1, 1, 1],
      log: () => undefined,
    });
    expect(outcome).toBe('sent');
    expect(calls).toBe(3);
    expect(kindConsent(await consents.get('u'), 'episode_update').oneTimeLeft).toBe(0);
  });

  it('sends nothing in quiet hours and nothing twice for one message id', async () => {
    const consents = memoryConsents();
    const now = new Date('2026-11-25T04:00:00Z');
    await consents.update('u', (l) => ({ ledger: recordResults(l, { home_recommend: 'accept' }, now), result: null }));
    const sent: string[] = [];
    const ports: SendPorts = {
      consents,
      recipients: { identityOf: async () => ({ platform: 'douyin', openId: 'o' }) },
      sender: { send: async (_to, m) => (sent.push(m.msgId), { ok: true }) },
      now: () => now,
      isQuiet: () => false,
      retryDelaysMs: [],
      log: () => undefined,
    };
    expect(await sendReminder('u', 'home_recommend', 'm1', {}, { ...ports, isQuiet: () => true })).toBe('quiet');
    expect(await sendReminder('u', 'home_recommend', 'm1', {}, ports)).toBe('sent');
    expect(await sendReminder('u', 'home_recommend', 'm1', {}, ports)).toBe('duplicate');
    expect(sent).toEqual(['m1']);
  });
});
