// The demo's episodes go through the same ingest an operator's upload does, with the local clients:
// the licence burn-in (functions/src/domain/media/burn-in.ts), then the paid episodes' marked HLS
// (domain/media/ingest.ts). Outputs are cached in RENDER_DIR like the renders (the burned files by
// their run's key; the marked variants by the source's bytes and the mark secret), so test stacks
// make them once.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path, { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dynamoIngestCatalog, dynamoIngestJobs } from '../../src/adapters/dynamodb-burn-in';
import { dynamoIngestStore } from '../../src/adapters/dynamodb-ingest';
import { burnLicence } from '../../src/adapters/ffmpeg-burn-in';
import { ffmpegMarkedEncoder } from '../../src/adapters/ffmpeg-hls';
import { tempScratch } from '../../src/adapters/scratch-dir';
import { s3Files } from '../../src/adapters/s3-files';
import type { IngestPorts } from '../../src/domain/media/burn-in';
import { hlsStep, type MarkedEncoder, type MarkedHls } from '../../src/domain/media/hls';
import { runIngest } from '../../src/domain/media/ingest';
import type { LocalClients } from '../aws-clients';
import type { StackSettings } from '../settings';
import { ffmpegPath, findFonts } from './ffmpeg';

/**
 * The episode ingest as the seed runs it: the same use case and table adapters as the Lambda, on the
 * seed's own connections, with the burn-in's output cached in RENDER_DIR (by its run's key, which
 * names the upload and the licence) so test stacks reuse it as they reuse the rendered episodes.
 */
export function seedIngestPorts(s: StackSettings, clients: LocalClients): IngestPorts {
  const table = () => s.tableName;
  return {
    jobs: dynamoIngestJobs(() => clients.documents, table),
    ...dynamoIngestCatalog(() => clients.documents, table),
    async burnIn({ sourceKey, outputKey, licence }) {
      const dir = join(s.renderDir, 'burned');
      mkdirSync(dir, { recursive: true });
      const cached = join(dir, basename(outputKey));
      if (!existsSync(cached)) {
        const source = `${cached}.source.mp4`;
        const object = await clients.s3.send(new GetObjectCommand({ Bucket: s.mediaBucket, Key: sourceKey }));
        await pipeline(object.Body as Readable, createWriteStream(source));
        await burnLicence(source, `${cached}.part.mp4`, licence, { ffmpeg: ffmpegPath(), font: findFonts().sans });
        renameSync(`${cached}.part.mp4`, cached);
      }
      await clients.s3.send(new PutObjectCommand({ Bucket: s.mediaBucket, Key: outputKey, Body: readFileSync(cached), ContentType: 'video/mp4' }));
    },
    now: () => new Date(),
  };
}

/** Bump when the marks or the variants' encoding change, so cached variants are made again. */
const MARKED_VERSION = 2;

/** An encoder that reuses variants made before from the same bytes, secret and episode. */
export function cachedEncoder(cacheDir: string, inner: MarkedEncoder = ffmpegMarkedEncoder()): MarkedEncoder {
  return {
    async encode(source, outDir, plan) {
      const hash = createHash('sha256')
        .update(await readFile(source))
        .update(`\n${plan.secret}\n${plan.seriesId}\n${plan.episode}\n${MARKED_VERSION}`)
        .digest('hex')
        .slice(0, 16);
      const dir = path.join(cacheDir, `${plan.seriesId}-${plan.episode}-${hash}`);
      const meta = path.join(dir, 'meta.json');
      if (!existsSync(meta)) {
        const work = `${dir}.${process.pid}.tmp`;
        await rm(work, { recursive: true, force: true });
        const made = await inner.encode(source, work, plan);
        await writeFile(path.join(work, 'fingerprints.bin'), made.fingerprints);
        const relative = made.files.map((variants) => variants.map((f) => path.relative(work, f)));
        await writeFile(path.join(work, 'meta.json'), JSON.stringify({ ...made, fingerprints: undefined, files: relative }));
        await rm(dir, { recursive: true, force: true });
        await rename(work, dir);
      }
      const cached = JSON.parse(await readFile(meta, 'utf8')) as Omit<MarkedHls, 'fingerprints'>;
      await mkdir(outDir, { recursive: true });
      return {
        ...cached,
        files: cached.files.map((variants) => variants.map((f) => path.join(dir, f))),
        fingerprints: await readFile(path.join(dir, 'fingerprints.bin')),
      };
    },
  };
}

export interface SeedIngestItem {
  seriesId: string;
  episode: number;
  mediaKey: string;
}

/** Runs (or re-drives) the ingest of each episode, one at a time: each already keeps two cores busy. */
export async function ingestEpisodes(
  s: StackSettings,
  clients: LocalClients,
  items: SeedIngestItem[],
  secret: string,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<void> {
  const files = s3Files(clients.s3, s.mediaBucket);
  const ports = {
    store: dynamoIngestStore(clients.documents, s.tableName),
    steps: [hlsStep({ files, encoder: cachedEncoder(path.join(s.renderDir, 'hls')), secret, scratch: tempScratch() })],
    now: () => new Date(),
  };
  for (const [i, item] of items.entries()) {
    await runIngest({ seriesId: item.seriesId, episode: item.episode, sourceKey: item.mediaKey }, ports);
    onProgress?.(i + 1, items.length, `${item.seriesId} ep ${item.episode} (marked HLS)`);
  }
}
