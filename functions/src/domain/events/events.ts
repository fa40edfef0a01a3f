import type { AnalyticsEvent } from '@drama/shared/events';

/** The analytics stream port. `record` never throws: an event is never worth failing a request for. */
export interface EventSink {
  /** Records one event; with `once`, a key that makes a replay of the same event write nothing. */
  record(event: Omit<AnalyticsEvent, 'at'> & { at?: string }, once?: string): Promise<void>;
}

export interface EventReader {
  /** Every event of the Shanghai days `from`..`to` (inclusive, YYYY-MM-DD). */
  between(from: string, to: string): Promise<AnalyticsEvent[]>;
}

/**
 * Skips an event of `kinds` already recorded for the same user, series and episode within
 * `windowMs` by this container: the funnel counts distinct users, so a viewer replaying an episode
 * (or a player re-asking for its URL) need not cost a write each time. Bounded: the oldest keys go first.
 */
export function onceWithin(sink: EventSink, kinds: ReadonlySet<string>, windowMs: number, now: () => number = Date.now, maxKeys = 10_000): EventSink {
  const seen = new Map<string, number>();
  return {
    async record(event, once) {
      if (kinds.has(event.kind)) {
        const key = `${event.kind}|${event.userId}|${event.seriesId ?? ''}|${event.episode ?? ''}`;
        const at = seen.get(key);
        if (at !== undefined && now() - at < windowMs) return;
        seen.delete(key);
        seen.set(key, now());
        if (seen.size > maxKeys) seen.delete(seen.keys().next().value as string);
      }
      await sink.record(event, once);
    },
  };
}
