import type { AdminEpisodeInput, AdminSeries, AdminSeriesInput } from '@drama/shared/admin';
import type { ComplianceInput } from '@drama/shared/going-live';
import { reviewOf, type Series } from '../catalog/catalog';
import { BadRequest, NotFound } from '../errors';
import { Conflict } from '../orders/create-order';
import { complianceFieldText, missingCompliance, paidSeriesRule, type PaidSeriesRule } from '../publishing/compliance';

/**
 * What the operator's catalog edits need from storage: the whole catalog read fresh, and writes.
 * The writes that could leave a published series with paid episodes on sale without what `rule`
 * requires check it in the same conditional write and answer false instead of writing.
 */
export interface CatalogAdminStore {
  /** Every series, published or not, read now (not the viewers' cache). */
  readAll(): Promise<Series[]>;
  /** Creates or edits a series' fields; publication and announcement state are left as they are. */
  putSeries(id: string, input: AdminSeriesInput, createdAt: string, rule: PaidSeriesRule): Promise<boolean>;
  putEpisode(seriesId: string, index: number, input: AdminEpisodeInput, rule: PaidSeriesRule): Promise<boolean>;
  setPublished(id: string, published: boolean, at: string, rule: PaidSeriesRule): Promise<boolean>;
  putCompliance(id: string, compliance: ComplianceInput): Promise<void>;
}

export interface CatalogAdminPorts {
  store: CatalogAdminStore;
  coverUrl: (key: string) => string;
  now: () => Date;
  /** Starts (or restarts) the platforms' publish jobs of a series put on sale. */
  publication?: { start(seriesId: string): Promise<void> };
  /** Starts the ingest of an episode (burn-in and the later steps) when its file or the licence changed. */
  ingest?: { start(seriesId: string, index: number): Promise<void> };
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
    ...(series.budgetTier ? { budgetTier: series.budgetTier } : {}),
    ...(series.costReportKey ? { costReportKey: series.costReportKey } : {}),
    order: series.order,
    published: series.published,
    previewS: series.previewS,
    adDailyCap: series.adDailyCap,
    episodes: series.episodes.map((e) => ({
      index: e.index,
      title: e.title,
      durationS: e.durationS,
      // The operator's own upload (what the ingest made of it is served to viewers).
      mediaKey: e.sourceKey ?? e.mediaKey,
      ...(e.priceCoins !== undefined ? { priceCoins: e.priceCoins } : {}),
      ...(e.releaseAt ? { releaseAt: e.releaseAt } : {}),
      ...(e.ingest?.source === e.mediaKey && e.ingest.preview ? { previewS: e.ingest.preview.durationS } : {}),
    })),
    review: reviewOf(series),
  };
}

async function find(id: string, ports: CatalogAdminPorts): Promise<Series> {
  const series = (await ports.store.readAll()).find((s) => s.id === id);
  if (!series) throw new NotFound(`no series ${id}`);
  return series;
}

export async function listAllSeries(ports: CatalogAdminPorts): Promise<AdminSeries[]> {
  return (await ports.store.readAll()).map((s) => adminView(s, ports.coverUrl));
}

const refused = (what: string) =>
  new Conflict(`${what}: a series with paid episodes is on sale only with its ${missingList()} recorded (上线合规)`);
const missingList = () => paidSeriesRule.requires.map((f) => complianceFieldText[f]).join('、');

export async function saveSeries(id: string, input: AdminSeriesInput, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const before = (await ports.store.readAll()).find((s) => s.id === id);
  if (!(await ports.store.putSeries(id, input, ports.now().toISOString(), paidSeriesRule))) throw refused('not saved');
  if (before && input.licence && input.licence !== before.licence) await reburn(before, ports);
  return adminView(await find(id, ports), ports.coverUrl);
}

/** Records the budget tier, licence and cost report; a new licence is burned into every episode again. */
export async function saveCompliance(id: string, compliance: ComplianceInput, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const before = await find(id, ports);
  await ports.store.putCompliance(id, compliance);
  if (compliance.licence !== before.licence) await reburn(before, ports);
  return adminView(await find(id, ports), ports.coverUrl);
}

async function reburn(series: Series, ports: CatalogAdminPorts) {
  for (const e of series.episodes) await ports.ingest?.start(series.id, e.index);
}

export async function saveEpisode(seriesId: string, index: number, input: AdminEpisodeInput, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const series = await find(seriesId, ports);
  // Episodes are numbered without gaps: a new one comes right after the last.
  if (index > series.episodes.length + 1) throw new BadRequest(`series ${seriesId} has ${series.episodes.length} episodes: the next is ${series.episodes.length + 1}`);
  if (!(await ports.store.putEpisode(seriesId, index, input, paidSeriesRule))) throw refused(`episode ${index} not saved`);
  // New media goes through the ingest; so does a paid episode whose ingest never made its marked HLS.
  const before = series.episodes.find((e) => e.index === index);
  if ((before?.sourceKey ?? before?.mediaKey) !== input.mediaKey || (index > series.freeEpisodes && !before?.hls)) await ports.ingest?.start(seriesId, index);
  return adminView(await find(seriesId, ports), ports.coverUrl);
}

/**
 * Publish (it appears in GET /series once the platforms approve it, or at once where visibility
 * ignores review) or unpublish (it disappears; owners keep what they bought). Publishing starts the
 * platforms' publish jobs.
 */
export async function publishSeries(id: string, published: boolean, ports: CatalogAdminPorts): Promise<AdminSeries> {
  const series = await find(id, ports);
  if (published && series.episodes.length === 0) throw new Conflict('add at least one episode before publishing');
  if (!(await ports.store.setPublished(id, published, ports.now().toISOString(), paidSeriesRule))) {
    const missing = missingCompliance(series).map((f) => complianceFieldText[f]);
    throw new Conflict(`a paid drama is published only with its ${missing.length ? missing.join('、') : missingList()} recorded (上线合规)`);
  }
  if (published) await ports.publication?.start(id);
  return adminView(await find(id, ports), ports.coverUrl);
}
