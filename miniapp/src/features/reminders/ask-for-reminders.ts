import Taro from '@tarojs/taro';
import { askBatches, type ConsentItem, type ReminderKind } from '@drama/shared/reminders';
import { appPlatform } from '@/lib/session';
import { postConsents } from './api/post-consents';
import { askedToday, markAsked } from './ask-log';
import { cachedConsents, loadConsents, rememberConsents } from './consents-store';
import { toConsentResults, type ConsentResults, type SubscribeTemplate } from './subscribe-result';

/**
 * Asking the user for reminders, in one place (PLATFORM.md §3, §5).
 *
 * Only ever right after a tap, named by its trigger. Each trigger asks at most once a day (the
 * settings page's 开启提醒 is the user asking, so it is not limited). Kinds already allowed for
 * the long term, and on the automatic triggers kinds the user banned, are not asked again.
 *
 * The kinds are split into platform-legal calls (`askBatches`: at most 3 templates, one-time and
 * long-term apart), each shown as one dialog; the answers are mapped back to kinds and reported
 * with POST /consents. On tt and weapp the dialog is the platform's; on H5 the sandbox's.
 *
 * tt and weapp only show the dialog when asked from the tap itself, so with the consents cached
 * (`prefetchConsents`) the first call to the platform is made before this function returns. Later
 * batches follow the previous answer; a platform that refuses them outside a tap simply answers
 * nothing for those kinds.
 */
export type AskTrigger = 'follow' | 'checkin' | 'episode_end' | 'paywall_close' | 'settings';

/** Shows one platform dialog for at most 3 templates; resolves with the platform's raw answer. */
export type SubscribeRequest = (templates: SubscribeTemplate[]) => Promise<unknown>;

export interface AskOutcome {
  /** Whether a dialog was shown at all. */
  asked: boolean;
  results: ConsentResults;
  /** The consents after reporting the results, when that succeeded. */
  items?: ConsentItem[];
}

const notAsked: AskOutcome = { asked: false, results: {} };

export function askForReminders(kinds: readonly ReminderKind[], trigger: AskTrigger, request: SubscribeRequest = platformRequest): Promise<AskOutcome> {
  if (trigger !== 'settings' && askedToday(trigger)) return Promise.resolve(notAsked);
  const cached = cachedConsents();
  if (cached) return ask(cached, kinds, trigger, request);
  return loadConsents().then(
    (items) => ask(items, kinds, trigger, request),
    (err: unknown) => {
      console.warn('reminders: could not load consents', err);
      return notAsked;
    },
  );
}

function ask(items: ConsentItem[], kinds: readonly ReminderKind[], trigger: AskTrigger, request: SubscribeRequest): Promise<AskOutcome> {
  const byKind = new Map(items.map((i) => [i.kind, i]));
  const wanted = [...new Set(kinds)].filter((k) => {
    const item = byKind.get(k);
    return item && item.templateId && !item.longTerm && (trigger === 'settings' || item.status !== 'banned');
  });
  if (wanted.length === 0) return Promise.resolve(notAsked);
  markAsked(trigger);

  const batches = askBatches(wanted).map((batch) => batch.map((kind): SubscribeTemplate => {
    const item = byKind.get(kind)!;
    return { id: item.templateId, kind, label: item.label };
  }));
  // Started now, inside the caller's tap (see above).
  const first = answerOf(request, batches[0]);
  return (async () => {
    const results: ConsentResults = {};
    for (let i = 0; i < batches.length; i++) {
      Object.assign(results, toConsentResults(batches[i], await (i === 0 ? first : answerOf(request, batches[i]))));
    }
    if (Object.keys(results).length === 0) return { asked: true, results };
    try {
      const { items: next } = await postConsents({ platform: appPlatform(), results });
      rememberConsents(next);
      return { asked: true, results, items: next };
    } catch (err) {
      console.warn('reminders: could not report the answers', err);
      return { asked: true, results };
    }
  })();
}

/** A dialog that failed (closed, not allowed outside a tap, an old client) answers nothing. */
function answerOf(request: SubscribeRequest, templates: SubscribeTemplate[]): Promise<unknown> {
  try {
    return request(templates).catch((err: unknown) => {
      console.warn('reminders: subscribe dialog failed', err);
      return null;
    });
  } catch (err) {
    console.warn('reminders: subscribe dialog failed', err);
    return Promise.resolve(null);
  }
}

/** The platform's own dialog on tt/weapp; the sandbox's, loaded on first use, on H5. */
const platformRequest: SubscribeRequest = (templates) => {
  if (process.env.TARO_ENV === 'h5') {
    return import('./components/present-subscribe-dialog').then(({ presentSubscribeDialog }) => presentSubscribeDialog(templates));
  }
  return Taro.requestSubscribeMessage({ tmplIds: templates.map((t) => t.id) } as Taro.requestSubscribeMessage.Option);
};
