import type { AnalyticsEvent } from '@drama/shared/events';

/** The analytics stream port. `record` never throws: an event is never worth failing a request for. */
export interface EventSink {
  record(event: Omit<AnalyticsEvent, 'at'> & { at?: string }): Promise<void>;
}

export interface EventReader {
  /** Every event of the Shanghai days `from`..`to` (inclusive, YYYY-MM-DD). */
  between(from: string, to: string): Promise<AnalyticsEvent[]>;
}
