import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { keys } from '../src/adapters/dynamodb';
import type { LocalClients } from './aws-clients';
import type { StackSettings } from './settings';

/** Bump when the demo content changes, so existing local data is re-seeded once (3: episodes are ingested: trial previews). */
export const seedVersion = 4;

export interface SeedOptions {
  /** Render and publish only the first N episodes of each series (tests use fewer to stay fast). */
  maxEpisodes?: number;
  /**
   * Which paid episodes go through the ingest to marked HLS: all of them (`npm start`), or the few a
   * test needs (encoding four variants costs about ten seconds of CPU an episode; cached in RENDER_DIR).
   */
  hls?: 'paid' | Array<{ seriesId: string; episode: number }>;
  /** The mark secret the variants are made with (the API's MARK_SECRET). */
  markSecret?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

const marker = { pk: 'META', sk: 'SEED' };

/** The demo dramas' licence numbers (burned into their opening seconds by the ingest). */
export const seedLicence = (order: number) => `演示备案号 DEMO-${String(order + 1).padStart(4, '0')}`;

/**
 * Seeds the demo catalog once: renders covers and episodes with the bundled ffmpeg (cached in
 * RENDER_DIR), uploads them to the private media bucket, writes the catalog items with their
 * compliance (a provincial 备案, a cost report), runs the episode ingest on each (the licence burned
 * in; the burned files are cached in RENDER_DIR too), and only then writes the seed marker. Every
 * step is idempotent, so an interrupted seed is simply re-run. Publishing them on the platforms
 * happens once the API is up (publish-seeded.ts). Returns the ids of the series seeded now.
 */
export async function seedIfNeeded(s: StackSettings, clients: LocalClients, opts: SeedOptions = {}): Promise<string[]> {
  const { Item } = await clients.documents.send(new GetCommand({ TableName: s.tableName, Key: marker }));
  if (Item && Item.version === seedVersion && Item.maxEpisodes === (opts.maxEpisodes ?? null)) return [];

  // The renderer and the stories load only when a seed is due.
  const { seedSeries } = await import('./seed/catalog');
  const { renderAll } = await import('./seed/cli');
  const { renderReport } = await import('./seed/report');
  const { seedIngestPorts } = await import('./seed/ingest');
  const { ingestEpisode: burnIn } = await import('../src/domain/media/burn-in');
  const renderDir = s.renderDir;
  await renderAll({ outDir: renderDir, onProgress: opts.onProgress, maxEpisodes: opts.maxEpisodes });
  const burnInPorts = seedIngestPorts(s, clients);

  const seededAt = Date.now();
  const publishedAt = (order: number) => new Date(seededAt - (seedSeries.length - order) * 86_400_000).toISOString();
  const previews = await previewPorts(s, clients);
  // What each episode is served from after its burn-in: the marked HLS below is made from it.
  const servedKeys = new Map<string, string>();
  for (const [order, series] of seedSeries.entries()) {
    const episodes = series.episodes.slice(0, opts.maxEpisodes ?? series.episodes.length);
    const coverKey = `covers/${series.id}.jpg`;
    await put(clients, s, coverKey, join(renderDir, series.id, 'cover.jpg'), 'image/jpeg');
    const report = join(renderDir, series.id, 'cost-report.png');
    if (!existsSync(report)) await renderReport(series, report);
    const costReportKey = `reports/${series.id}/cost-report.png`;
    await put(clients, s, costReportKey, report, 'image/png');
    await clients.documents.send(
      new PutCommand({
        TableName: s.tableName,
        Item: {
          pk: keys.catalogPk,
          sk: keys.seriesSk(series.id),
          kind: 'series',
          id: series.id,
          title: series.title,
          genre: series.genre,
          synopsis: series.synopsis,
          tags: series.tags,
          cast: series.cast,
          coverKey,
          freeEpisodes: series.freeEpisodes,
          episodePriceCoins: series.episodePriceCoins,
          seriesPriceFen: series.seriesPriceFen,
          licence: seedLicence(order),
          budgetTier: 'provincial',
          costReportKey,
          maxEpisode: episodes.length,
          order,
          published: true,
          // Published a day apart, the last series newest (新剧榜); announced already, so no
          // new-drama reminder goes out for the demo content.
          publishedAt: publishedAt(order),
          announcedAt: publishedAt(order),
        },
      }),
    );
    for (const episode of episodes) {
      const file = `ep-${String(episode.index).padStart(3, '0')}.mp4`;
      const sourceKey = `media/${series.id}/${file}`;
      await put(clients, s, sourceKey, join(renderDir, series.id, file), 'video/mp4');
      await clients.documents.send(
        new PutCommand({
          TableName: s.tableName,
          Item: {
            pk: keys.catalogPk,
            sk: keys.episodeSk(series.id, episode.index),
            kind: 'episode',
            seriesId: series.id,
            index: episode.index,
            title: episode.title,
            durationS: episode.durationS,
            sourceKey,
            mediaKey: sourceKey,
          },
        }),
      );
      // The same ingest as an operator's upload gets: the licence burned into the opening seconds,
      // then the trial preview cut from what viewers are served (the burned file).
      await burnIn(series.id, episode.index, burnInPorts);
      const { Item: served } = await clients.documents.send(new GetCommand({ TableName: s.tableName, Key: { pk: keys.catalogPk, sk: keys.episodeSk(series.id, episode.index) } }));
      const mediaKey = String(served?.mediaKey ?? sourceKey);
      servedKeys.set(`${series.id}#${episode.index}`, mediaKey);
      await previews.run({ seriesId: series.id, index: episode.index, mediaKey, durationS: episode.durationS, freeEpisodes: series.freeEpisodes, previewS: previews.previewS, ingest: served?.ingest });
    }
  }
  if (opts.markSecret) {
    const { ingestEpisodes } = await import('./seed/ingest');
    const chosen = seedSeries.flatMap((series) =>
      series.episodes
        .slice(0, opts.maxEpisodes ?? series.episodes.length)
        .filter((e) => e.index > series.freeEpisodes)
        .filter((e) => opts.hls === undefined || opts.hls === 'paid' || opts.hls.some((h) => h.seriesId === series.id && h.episode === e.index))
        .map((e) => ({ seriesId: series.id, episode: e.index, mediaKey: servedKeys.get(`${series.id}#${e.index}`) as string })),
    );
    await ingestEpisodes(s, clients, chosen, opts.markSecret, opts.onProgress);
  }
  await clients.documents.send(
    new PutCommand({
      TableName: s.tableName,
      Item: { ...marker, version: seedVersion, maxEpisodes: opts.maxEpisodes ?? null, at: new Date().toISOString() },
    }),
  );
  return seedSeries.map((series) => series.id);
}

/** The ingest's preview step on the local clients (the seed runs before the API starts). */
async function previewPorts(s: StackSettings, clients: LocalClients) {
  const { ingestEpisode } = await import('../src/domain/media/preview');
  const { dynamoIngest } = await import('../src/adapters/dynamodb-preview');
  const { ffmpegPreviews } = await import('../src/adapters/ffmpeg-preview');
  const { defaultPreviewS } = await import('@drama/shared/paywall');
  const ports = {
    store: dynamoIngest(() => clients.documents, () => s.tableName),
    previews: ffmpegPreviews(() => clients.s3, () => s.mediaBucket),
    now: () => new Date(),
    log: () => undefined,
  };
  return { previewS: defaultPreviewS, run: (target: Parameters<typeof ingestEpisode>[0]) => ingestEpisode(target, ports) };
}

async function put(clients: LocalClients, s: StackSettings, key: string, file: string, contentType: string) {
  mkdirSync(s.renderDir, { recursive: true });
  await clients.s3.send(new PutObjectCommand({ Bucket: s.mediaBucket, Key: key, Body: readFileSync(file), ContentType: contentType }));
}
