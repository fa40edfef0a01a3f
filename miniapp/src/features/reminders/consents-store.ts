import type { ConsentItem } from '@drama/shared/reminders';
import { appPlatform } from '@/lib/session';
import { getConsents } from './api/get-consents';

/**
 * The user's consents and this platform's template ids, kept in memory so that a tap can ask the
 * platform at once: tt and weapp only show the subscribe dialog when requestSubscribeMessage is
 * called from the tap itself (PLATFORM.md §3, §5), not after a network round trip. Pages that may
 * ask call `prefetchConsents()` when they open.
 */
const freshForMs = 10 * 60_000;
let cached: { items: ConsentItem[]; at: number } | null = null;
let loading: Promise<ConsentItem[]> | null = null;

export function cachedConsents(): ConsentItem[] | null {
  return cached && Date.now() - cached.at < freshForMs ? cached.items : null;
}

export function rememberConsents(items: ConsentItem[]): void {
  cached = { items, at: Date.now() };
}

export function loadConsents(): Promise<ConsentItem[]> {
  loading ??= getConsents(appPlatform())
    .then(({ items }) => {
      rememberConsents(items);
      return items;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Fetch the consents ahead of a possible tap; failures wait for the real ask. */
export function prefetchConsents(): void {
  if (!cachedConsents()) loadConsents().catch(() => undefined);
}

/** Tests start from nothing. */
export function forgetConsents(): void {
  cached = null;
  loading = null;
}
