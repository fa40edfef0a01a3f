import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { defaultAdDailyCap } from '@drama/shared/ads';
import { defaultPreviewS } from '@drama/shared/paywall';
import type { CatalogReader, Episode, Series } from '../domain/catalog/catalog';
import type { IngestState } from '../domain/media/preview';
import type { HlsLayout } from '../domain/media/hls';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';
import { attachPublishItem } from './dynamodb-publish-jobs';

type Item = Record<string, unknown>;

function toSeries(item: Item): Series {
  return {
    id: item.id as string,
    title: item.title as string,
    genre: item.genre as Series['genre'],
    synopsis: item.synopsis as string,
    tags: (item.tags as string[]) ?? [],
    coverKey: item.coverKey as string,
    freeEpisodes: item.freeEpisodes as number,
    episodePriceCoins: item.episodePriceCoins as number,
    seriesPriceFen: item.seriesPriceFen as number,
    licence: item.licence as string | undefined,
    ...(Array.isArray(item.cast) ? { cast: item.cast as string[] } : {}),
    previewS: typeof item.previewS === 'number' ? item.previewS : defaultPreviewS,
    adDailyCap: typeof item.adDailyCap === 'number' ? item.adDailyCap : defaultAdDailyCap,
    budgetTier: item.budgetTier as Series['budgetTier'],
    costReportKey: item.costReportKey as string | undefined,
    order: (item.order as number) ?? 0,
    published: item.published !== false,
    publishedAt: item.publishedAt as string | undefined,
    announcedAt: item.announcedAt as string | undefined,
    episodes: [],
  };
}

function toEpisode(item: Item): Episode {
  return {
    index: item.index as number,
    title: item.title as string,
    durationS: item.durationS as number,
    mediaKey: item.mediaKey as string,
    ...(item.sourceKey ? { sourceKey: item.sourceKey as string } : {}),
    ...(item.burnedLicence ? { burnedLicence: item.burnedLicence as string } : {}),
    ...(typeof item.priceCoins === 'number' ? { priceCoins: item.priceCoins } : {}),
    ...(item.releaseAt ? { releaseAt: item.releaseAt as string } : {}),
    ...(item.announcedAt ? { announcedAt: item.announcedAt as string } : {}),
    ...(item.ingest ? { ingest: item.ingest as IngestState } : {}),
  };
}

/** An ingest job sorts right after its episode: its outputs count only while it is of the episode's media. */
function attachIngest(series: Series | undefined, item: Item): void {
  const episode = series?.episodes.find((e) => e.index === item.index);
  const hls = (item.steps as { hls?: HlsLayout } | undefined)?.hls;
  if (episode && hls && item.sourceKey === episode.mediaKey) episode.hls = hls;
}

/** Reads the whole catalog partition in one paginated Query: series and episodes sort together. */
export async function readCatalog(): Promise<Series[]> {
  const bySeries = new Map<string, Series>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await documentClient().send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.catalogPk },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.kind === 'series') bySeries.set(item.id as string, toSeries(item));
      else if (item.kind === 'episode') bySeries.get(item.seriesId as string)?.episodes.push(toEpisode(item));
      else if (item.kind === 'publish') {
        const series = bySeries.get(item.seriesId as string);
        if (series) attachPublishItem(series, item);
      } else if (item.kind === 'ingest') attachIngest(bySeries.get(item.seriesId as string), item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (const series of bySeries.values()) series.episodes.sort((a, b) => a.index - b.index);
  return [...bySeries.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * The catalog, cached at module scope for `ttlMs` so a warm function serves play requests with no
 * catalog read; operators' edits show within the TTL.
 */
export function cachedCatalog(ttlMs = Number(process.env.CATALOG_TTL_MS ?? 30_000)): CatalogReader {
  let loaded: { at: number; series: Promise<Series[]> } | undefined;
  const all = () => {
    const now = Date.now();
    if (!loaded || now - loaded.at > ttlMs) {
      const series = readCatalog();
      loaded = { at: now, series };
      series.catch(() => {
        loaded = undefined;
      });
    }
    return loaded.series;
  };
  return {
    listSeries: async () => (await all()).filter((s) => s.published),
    getSeries: async (id) => (await all()).find((s) => s.id === id),
  };
}

/** Marks a release or a new series as announced, once (false if it already was). */
export async function markAnnounced(sk: string, now: Date): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk },
        UpdateExpression: 'SET announcedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(announcedAt)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
