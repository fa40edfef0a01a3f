import { shanghaiDate } from '@drama/shared/calendar';
import { releasedEpisodes, type Series } from '../catalog/catalog';
import type { Wallet } from '../wallet/wallet';
import { allows, type ConsentStore } from './consents';
import { sendReminder, type SendOutcome, type SendPorts } from './send';

/**
 * The scheduled reminder jobs. Each fans out over users who may have a consent, sends through
 * sendReminder (which consumes the consent first and dedupes by message id), and marks its trigger
 * done only after the fan-out, so an interrupted run is simply run again.
 */
export interface JobPorts extends SendPorts {
  consents: ConsentStore;
  readCatalog(): Promise<Series[]>;
  markAnnounced(sk: string, now: Date): Promise<boolean>;
  followers(seriesId: string): Promise<string[]>;
  walletOf(userId: string): Promise<Wallet>;
  historyOf(userId: string): Promise<Array<{ seriesId: string }>>;
  /** How long warm functions may serve a cached catalog: a release is announced only after that, so the tap plays. */
  catalogTtlMs: number;
}

export type JobCounts = Partial<Record<SendOutcome, number>>;

function tally(counts: JobCounts, outcome: SendOutcome) {
  counts[outcome] = (counts[outcome] ?? 0) + 1;
}

const episodeSk = (seriesId: string, index: number) => `S#${seriesId}#E#${String(index).padStart(4, '0')}`;

/** Released episodes not yet announced: their series' followers hear of them (episode_update). */
export async function releaseEpisodes(ports: JobPorts): Promise<JobCounts> {
  const counts: JobCounts = {};
  const now = ports.now();
  if (ports.isQuiet(now)) return { quiet: 1 };
  for (const series of await ports.readCatalog()) {
    if (!series.published) continue;
    const settled = new Date(now.getTime() - ports.catalogTtlMs);
    for (const episode of releasedEpisodes(series, settled).filter((e) => e.releaseAt && !e.announcedAt)) {
      for (const userId of await ports.followers(series.id)) {
        const ref = { seriesId: series.id, seriesTitle: series.title, episode: episode.index };
        tally(counts, await sendReminder(userId, 'episode_update', `ep:${series.id}:${episode.index}:${userId}`, ref, ports));
      }
      await ports.markAnnounced(episodeSk(series.id, episode.index), now);
    }
  }
  return counts;
}

/** New series (published with a publish time, not yet announced): users who asked hear of them. */
export async function announceNewDramas(ports: JobPorts): Promise<JobCounts> {
  const counts: JobCounts = {};
  const now = ports.now();
  if (ports.isQuiet(now)) return { quiet: 1 };
  const fresh = (await ports.readCatalog()).filter((s) => s.published && s.publishedAt && Date.parse(s.publishedAt) <= now.getTime() && !s.announcedAt);
  for (const series of fresh) {
    for (const userId of await ports.consents.candidates('new_drama')) {
      tally(counts, await sendReminder(userId, 'new_drama', `new:${series.id}:${userId}`, { seriesId: series.id, seriesTitle: series.title }, ports));
    }
    await ports.markAnnounced(`S#${series.id}`, now);
  }
  return counts;
}

/** Daily: users who allowed it and have not checked in today are reminded (once a day). */
export async function remindCheckins(ports: JobPorts): Promise<JobCounts> {
  const counts: JobCounts = {};
  const now = ports.now();
  const today = shanghaiDate(now);
  for (const userId of await ports.consents.candidates('checkin')) {
    const wallet = await ports.walletOf(userId);
    if (wallet.checkin?.lastDate === today) continue;
    tally(counts, await sendReminder(userId, 'checkin', `checkin:${today}:${userId}`, { streak: wallet.checkin?.streak }, ports));
  }
  return counts;
}

/** Daily: a home-channel recommendation of a series the user has not started. */
export async function recommendHome(ports: JobPorts): Promise<JobCounts> {
  const counts: JobCounts = {};
  const now = ports.now();
  const today = shanghaiDate(now);
  const catalog = (await ports.readCatalog()).filter((s) => s.published && releasedEpisodes(s, now).length > 0);
  for (const userId of await ports.consents.candidates('home_recommend')) {
    if (!allows(await ports.consents.get(userId), 'home_recommend')) continue;
    const watched = new Set((await ports.historyOf(userId)).map((h) => h.seriesId));
    const pick = catalog.find((s) => !watched.has(s.id));
    if (!pick) continue;
    tally(counts, await sendReminder(userId, 'home_recommend', `home:${today}:${userId}`, { seriesId: pick.id, seriesTitle: pick.title }, ports));
  }
  return counts;
}
