import type { AdminEpisodeInput, AdminSeries, AdminSeriesInput } from '@drama/shared/admin';
import type { Series } from '../catalog/catalog';
import { BadRequest, NotFound } from '../errors';
import { Conflict } from '../orders/create-order';

/** What the operator's catalog edits need from storage: the whole catalog read fresh, and writes. */
export interface CatalogAdminStore {
  /** Every series, published or not, read now (not the viewers' cache). */
  readAll(): Promise<Series[]>;
  /** Creates or edits a series' fields; publication and announcement state are left as they are. */
  putSeries(id: string, input: AdminSeriesInput, createdAt: string): Promise<void>;
  putEpisode(seriesId: string, index: number, input: AdminEpisodeInput): Promise<void>;
  setPublished(id: string, published: boolean, at: string): Promise<void>;
}

export interface CatalogAdminPorts {
  store: CatalogAdminStore;
  coverUrl: (key: string) => string;
  now: () => Date;
  /** Starts the episode ingest (media/ingest.ts) of a paid episode's new media. */
  ingest?: (ref: { seriesId: string; episode: number; sourceKey: string }) => Promise<void>;
}

/** The placeholder until an operator uploads a cover. */
export const noCoverKey = 'covers/none.jpg';

export function adminView(series: Series, coverUrl: (key: string) => string): AdminSeries {
  return {
    id: series.id,
    title: series.title,
    genre: series.genre,
    synopsis: series.synopsis,
    tags: series.tags,
    ...(series.cast ? { cast: series.cast } : {}),
    coverKey: series.coverKey,
    cover: coverUrl(series.coverKey),
    freeEpisodes: series.freeEpisodes,
    episodePriceCoins: series.episodePriceCoins,
    seriesPriceFen: series.seriesPriceFen,
    ...(series.licence ? { licence: series.licence } : {}),
    order: series.order,
    published: series.published,
    episodes: series.episodes.map((e) => ({
      index: e.index,
      title: e.title,
      durationS: e.durationS,
      mediaKey: e.mediaKey,
      ...(e.priceCoins !== undefined ? { priceCoins: e.priceCoins } : {}),
      ...(e.releaseAt ? { releaseAt: e.releaseAt } : {}),
    })),
  };
}

async function find(id: string, ports: CatalogAdminPorts): Promise<Series> {
  const series = (await ports.store.readAll()).find((s) => s.id === id);
  if (!series) throw new NotFound(`no series ${id}`);
  return series;
}

/** A drama is paid when some episode is beyond the free ones: then it must show a licence number. */
export const isPaid = (series: { freeEpisodes: number; episodes: ReadonlyArray<{ index: number }> }) => series.episodes.some((e) => e.index > series.freeEpisodes);

export async function listAllSeries(ports: CatalogAdminPorts): Promise<AdminSeries[]> {
  return (await ports.store.readAll()).map((s) => adminView(s, ports.coverUrl));
}

export async function saveSeries(id: string, input: AdminSeriesInput, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const existing = (await ports.store.readAll()).find((s) => s.id === id);
  if (existing?.published && isPaid({ freeEpisodes: input.freeEpisodes, episodes: existing.episodes }) && !input.licence) {
    throw new Conflict('a published paid drama must keep its licence number (备案号)');
  }
  await ports.store.putSeries(id, input, ports.now().toISOString());
  return adminView(await find(id, ports), ports.coverUrl);
}

export async function saveEpisode(seriesId: string, index: number, input: AdminEpisodeInput, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const series = await find(seriesId, ports);
  // Episodes are numbered without gaps: a new one comes right after the last.
  if (index > series.episodes.length + 1) throw new BadRequest(`series ${seriesId} has ${series.episodes.length} episodes: the next is ${series.episodes.length + 1}`);
  if (series.published && !series.licence && isPaid({ freeEpisodes: series.freeEpisodes, episodes: [...series.episodes, { index }] })) {
    throw new Conflict('add the licence number (备案号) before publishing paid episodes');
  }
  await ports.store.putEpisode(seriesId, index, input);
  // A paid episode's new media (or media whose ingest never finished) goes through the ingest.
  const before = series.episodes.find((e) => e.index === index);
  if (ports.ingest && index > series.freeEpisodes && (before?.mediaKey !== input.mediaKey || !before.hls)) {
    await ports.ingest({ seriesId, episode: index, sourceKey: input.mediaKey });
  }
  return adminView(await find(seriesId, ports), ports.coverUrl);
}

/** Publish (it appears in GET /series) or unpublish (it disappears; owners keep what they bought). */
export async function publishSeries(id: string, published: boolean, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const series = await find(id, ports);
  if (published) {
    if (series.episodes.length === 0) throw new Conflict('add at least one episode before publishing');
    if (isPaid(series) && !series.licence) throw new Conflict('a paid drama needs its licence number (备案号) before it is published');
  }
  await ports.store.setPublished(id, published, ports.now().toISOString());
  return adminView(await find(id, ports), ports.coverUrl);
}
