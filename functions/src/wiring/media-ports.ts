import { S3Client } from '@aws-sdk/client-s3';
import { documentClient } from '../adapters/dynamodb';
import { readCatalog } from '../adapters/dynamodb-catalog';
import { dynamoIngest } from '../adapters/dynamodb-preview';
import { ffmpegPreviews } from '../adapters/ffmpeg-preview';
import type { IngestPorts } from '../domain/media/preview';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock } from './ports';

let s3: S3Client | undefined;
function s3Client(): S3Client {
  const c = config();
  s3 ??= new S3Client({ region: c.region, ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  return s3;
}

/** The ingest job's adapters, built once per container. */
export const ingestPorts: IngestPorts = {
  store: dynamoIngest(documentClient, () => config().tableName),
  previews: ffmpegPreviews(s3Client, () => config().mediaBucket),
  now: clock,
  log: (message, fields) => logger.info(message, fields),
};

/** The whole catalog, published or not, read fresh (not the viewers' cache). */
export const wholeCatalog = readCatalog;
