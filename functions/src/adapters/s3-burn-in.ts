import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { IngestPorts } from '../domain/media/burn-in';
import { burnLicence, type BurnInOptions } from './ffmpeg-burn-in';

/** Ingest step 1 on the media bucket: the upload fetched to a temp file, burned, and the result stored. */
export function s3BurnIn(s3: () => S3Client, bucket: () => string, options: () => BurnInOptions): IngestPorts['burnIn'] {
  return async ({ sourceKey, outputKey, licence }) => {
    const work = await mkdtemp(join(tmpdir(), 'drama-ingest-'));
    try {
      const input = join(work, 'source.mp4');
      const output = join(work, 'burned.mp4');
      const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: sourceKey }));
      await pipeline(object.Body as Readable, createWriteStream(input));
      await burnLicence(input, output, licence, options());
      await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: outputKey, Body: await readFile(output), ContentType: 'video/mp4' }));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}
