import type { ConsentResult, ReminderKind } from '@drama/shared/reminders';

/** One template in a subscribe dialog: the platform's id, and which reminder kind it stands for. */
export interface SubscribeTemplate {
  id: string;
  kind: ReminderKind;
  label: string;
}

export type ConsentResults = Partial<Record<ReminderKind, ConsentResult>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The platform's answer to one requestSubscribeMessage call, as results per kind (PLATFORM.md §3, §5):
 *
 * - WeChat, and Douyin before 3.35: `{[tmplId]: 'accept' | 'reject' | 'ban' | 'filter' | 'fail'}`.
 *   `filter` (WeChat hid the template) and `fail` say nothing about the user's wish: not reported.
 * - Douyin 3.35+: `{templateSettings: {[tmplId]: {status, alwaysSubscribe}}}` listing the ticked
 *   templates only, so an unlisted template was declined. The status values are unconfirmed:
 *   'accept' (or 'accepted', 1, true) counts as accepted; anything else is a decline, a ban when
 *   the user also ticked "always keep this choice".
 *
 * The H5 sandbox dialog answers in the first shape.
 */
export function toConsentResults(templates: SubscribeTemplate[], answer: unknown): ConsentResults {
  const raw = isRecord(answer) ? answer : {};
  const settings = isRecord(raw.templateSettings) ? raw.templateSettings : null;
  const results: ConsentResults = {};
  for (const t of templates) {
    const plain = raw[t.id];
    if (typeof plain === 'string') {
      if (plain === 'accept' || plain === 'reject' || plain === 'ban') results[t.kind] = plain;
      continue;
    }
    if (!settings) continue;
    const setting = settings[t.id];
    if (!isRecord(setting)) {
      results[t.kind] = 'reject';
      continue;
    }
    const accepted = (['accept', 'accepted', 1, true] as unknown[]).includes(setting.status);
    results[t.kind] = accepted ? 'accept' : setting.alwaysSubscribe === true ? 'ban' : 'reject';
  }
  return results;
}
