import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { documentClient } from '../adapters/dynamodb';
import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoIngestStore } from '../adapters/dynamodb-ingest';
import { dynamoMarks } from '../adapters/dynamodb-marks';
import { ffmpegMarkedEncoder } from '../adapters/ffmpeg-hls';
import { decodeLuma } from '../adapters/ffmpeg-luma';
import { batchSigner } from '../adapters/media-url-batch';
import { s3Client, s3Files } from '../adapters/s3-files';
import { credentialsFromEnv, mediaLocation } from '../adapters/s3-media';
import { tempScratch } from '../adapters/scratch-dir';
import type { LumaFrames } from '../domain/forensics/read';
import type { TracePorts } from '../domain/forensics/trace';
import { hlsStep } from '../domain/media/hls';
import type { IngestPorts } from '../domain/media/ingest';
import type { PlaylistSigner } from '../domain/playback/play';
import { signPlaylistUrl, type PlaylistPorts, type ViewerMarks } from '../domain/playback/playlist';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { catalog, clock } from './ports';

/** The mark secret: declared here, so every function that marks, serves or reads marked media (and only those) holds it. */
const markKeys = /* @__PURE__ */ secretsFor('MARK_SECRET');
export const markSecret = (): string => markKeys().MARK_SECRET;

/** Paid episodes' per-viewer playlists (MARK_SECRET keys their URLs). */
export const playlists: PlaylistSigner = {
  signPlaylistUrl: (seriesId, episode, userId, expiresAt) => signPlaylistUrl(config().apiPublicUrl, markSecret(), seriesId, episode, userId, expiresAt),
};

let marks: ReturnType<typeof dynamoMarks> | undefined;
export const viewerMarks = () => (marks ??= dynamoMarks(documentClient(), config().tableName));

/**
 * A viewer who re-opens an episode within 10 minutes is already recorded as its recipient: this
 * container skips the write (bounded memory: the oldest keys go first).
 */
function recordOnceWithin(inner: ViewerMarks, windowMs: number, maxKeys = 10_000): ViewerMarks {
  const seen = new Map<string, number>();
  return {
    markIdOf: (userId) => inner.markIdOf(userId),
    async recordRecipient(seriesId, episode, userId, now) {
      const key = `${seriesId}#${episode}#${userId}`;
      const at = seen.get(key);
      if (at !== undefined && now.getTime() - at < windowMs) return;
      await inner.recordRecipient(seriesId, episode, userId, now);
      seen.delete(key);
      seen.set(key, now.getTime());
      if (seen.size > maxKeys) seen.delete(seen.keys().next().value as string);
    },
  };
}

let signer: ReturnType<typeof batchSigner> | undefined;
let recipients: ViewerMarks | undefined;
export const playlistPorts = (): PlaylistPorts => ({
  catalog,
  marks: (recipients ??= recordOnceWithin(viewerMarks(), 10 * 60_000)),
  signSegment: (key, userId, expiresInS, now) => (signer ??= batchSigner(mediaLocation(), credentialsFromEnv()))(key, userId, expiresInS, now),
  secret: markSecret(),
  now: clock,
});

let sources: Map<string, Promise<LumaFrames>> | undefined;
/**
 * The trace's ports: the catalog read fresh (unpublished episodes too), objects from the media
 * bucket, the recipients. Decoded sources are kept for the container's next traces (at most 4).
 */
export const tracePorts = (): TracePorts => {
  const files = s3Files(s3Client(), config().mediaBucket);
  sources ??= new Map();
  const cache = sources;
  return {
    async markedEpisodes() {
      return (await readCatalog()).flatMap((s) => s.episodes.flatMap((e) => (e.hls ? [{ seriesId: s.id, episode: e.index, mediaKey: e.mediaKey, layout: e.hls }] : [])));
    },
    fingerprints: async (e) => new Uint8Array(await files.read(e.layout.printsKey)),
    sourceFrames(e, width, height) {
      const id = `${e.mediaKey}@${width}x${height}`;
      let frames = cache.get(id);
      if (!frames) {
        frames = (async () => {
          const work = await mkdtemp(path.join(os.tmpdir(), 'drama-trace-'));
          try {
            await files.download(e.mediaKey, path.join(work, 'source.mp4'));
            return await decodeLuma(path.join(work, 'source.mp4'), { width, height });
          } finally {
            await rm(work, { recursive: true, force: true });
          }
        })();
        frames.catch(() => cache.delete(id));
        if (cache.size >= 4) cache.delete(cache.keys().next().value as string);
        cache.set(id, frames);
      }
      return frames;
    },
    copyFrames: (file, fps, width) => decodeLuma(file, { width }, fps),
    recipients: (seriesId, episode) => viewerMarks().recipients(seriesId, episode),
    secret: markSecret(),
  };
};

/** The marked-HLS stage's ports for the Lambda: the table's jobs, the media bucket, ffmpeg (a layer in AWS). */
export const ingestPorts = (): IngestPorts => ({
  store: dynamoIngestStore(documentClient(), config().tableName),
  steps: [hlsStep({ files: s3Files(s3Client(), config().mediaBucket), encoder: ffmpegMarkedEncoder(), secret: markSecret(), scratch: tempScratch() })],
  now: clock,
  log: (message, fields) => logger.info(message, fields),
});



/** A suspect object from the bucket as a local file, removed after. */
export async function fetchSuspect(key: string): Promise<{ file: string; done(): Promise<void> }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'drama-suspect-'));
  const file = path.join(work, path.basename(key));
  await s3Files(s3Client(), config().mediaBucket).download(key, file);
  return { file, done: () => rm(work, { recursive: true, force: true }) };
}
