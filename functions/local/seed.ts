import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { keys } from '../src/adapters/dynamodb';
import type { LocalClients } from './aws-clients';
import type { StackSettings } from './settings';

/** Bump when the demo content changes, so existing local data is re-seeded once. */
export const seedVersion = 2;

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

/**
 * Seeds the demo catalog once: renders covers and episodes with the bundled ffmpeg (cached in
 * RENDER_DIR), uploads them to the private media bucket, writes the catalog items, and only
 * then writes the seed marker. Every step is idempotent, so an interrupted seed is simply re-run.
 */
export async function seedIfNeeded(s: StackSettings, clients: LocalClients, opts: SeedOptions = {}): Promise<boolean> {
  const { Item } = await clients.documents.send(new GetCommand({ TableName: s.tableName, Key: marker }));
  if (Item && Item.version === seedVersion && Item.maxEpisodes === (opts.maxEpisodes ?? null)) return false;

  // The renderer and the stories load only when a seed is due.
  const { seedSeries } = await import('./seed/catalog');
  const { renderAll } = await import('./seed/cli');
  const renderDir = s.renderDir;
  await renderAll({ outDir: renderDir, onProgress: opts.onProgress, maxEpisodes: opts.maxEpisodes });

  const seededAt = Date.now();
  const publishedAt = (order: number) => new Date(seededAt - (seedSeries.length - order) * 86_400_000).toISOString();
  for (const [order, series] of seedSeries.entries()) {
    const episodes = series.episodes.slice(0, opts.maxEpisodes ?? series.episodes.length);
    const coverKey = `covers/${series.id}.jpg`;
    await put(clients, s, coverKey, join(renderDir, series.id, 'cover.jpg'), 'image/jpeg');
    for (const episode of episodes) {
      const file = `ep-${String(episode.index).padStart(3, '0')}.mp4`;
      await put(clients, s, `media/${series.id}/${file}`, join(renderDir, series.id, file), 'video/mp4');
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
            mediaKey: `media/${series.id}/${file}`,
          },
        }),
      );
    }
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
          licence: `演示备案号 DEMO-${String(order + 1).padStart(4, '0')}`,
          order,
          published: true,
          // Published a day apart, the last series newest (新剧榜); announced already, so no
          // new-drama reminder goes out for the demo content.
          publishedAt: publishedAt(order),
          announcedAt: publishedAt(order),
        },
      }),
    );
  }
  if (opts.markSecret) {
    const { ingestEpisodes } = await import('./seed/ingest');
    const chosen = seedSeries.flatMap((series) =>
      series.episodes
        .slice(0, opts.maxEpisodes ?? series.episodes.length)
        .filter((e) => e.index > series.freeEpisodes)
        .filter((e) => opts.hls === undefined || opts.hls === 'paid' || opts.hls.some((h) => h.seriesId === series.id && h.episode === e.index))
        .map((e) => ({ seriesId: series.id, episode: e.index, mediaKey: `media/${series.id}/ep-${String(e.index).padStart(3, '0')}.mp4` })),
    );
    await ingestEpisodes(s, clients, chosen, opts.markSecret, opts.onProgress);
  }
  await clients.documents.send(
    new PutCommand({
      TableName: s.tableName,
      Item: { ...marker, version: seedVersion, maxEpisodes: opts.maxEpisodes ?? null, at: new Date().toISOString() },
    }),
  );
  return true;
}

async function put(clients: LocalClients, s: StackSettings, key: string, file: string, contentType: string) {
  await clients.s3.send(
    new PutObjectCommand({ Bucket: s.mediaBucket, Key: key, Body: readFileSync(file), ContentType: contentType }),
  );
}
