import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dynamoIngestCatalog, dynamoIngestJobs } from '../../src/adapters/dynamodb-burn-in';
import { burnLicence } from '../../src/adapters/ffmpeg-burn-in';
import type { IngestPorts } from '../../src/domain/media/burn-in';
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
