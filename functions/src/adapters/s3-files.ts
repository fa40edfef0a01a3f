import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { MediaFiles } from '../domain/media/hls';
import { config } from '../lib/config';

/** The media bucket for the ingest and the trace: whole objects to and from local files. */
export function s3Files(s3: S3Client, bucket: string): MediaFiles & { read(key: string): Promise<Buffer> } {
  return {
    async download(key, file) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(Body as Readable, createWriteStream(file));
    },
    async read(key) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await (Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    },
    async upload(key, body, contentType) {
      const data = typeof body === 'string' ? await readFile(body) : body;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: contentType }));
      return data.length;
    },
  };
}

let client: S3Client | undefined;
/** The functions' S3 client (s3rver locally), built once per container. */
export function s3Client(): S3Client {
  const c = config();
  client ??= new S3Client({
    region: c.region,
    ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}
