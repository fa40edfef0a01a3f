import { S3Client } from '@aws-sdk/client-s3';
import { documentClient } from '../adapters/dynamodb';
import { dynamoIngestCatalog, dynamoIngestJobs } from '../adapters/dynamodb-burn-in';
import { invokeAsync } from '../adapters/lambda-invoke';
import { s3BurnIn } from '../adapters/s3-burn-in';
import type { IngestPorts } from '../domain/media/burn-in';
import { config } from '../lib/config';
import { clock } from './ports';

let s3: S3Client | undefined;
const client = () => {
  const c = config();
  s3 ??= new S3Client({ region: c.region, ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  return s3;
};

/** ffmpeg: a Lambda layer in AWS (FFMPEG_PATH), the npm-shipped binary locally. */
function ffmpegPath(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@ffmpeg-installer/ffmpeg').path as string;
}

const table = () => config().tableName;

/** The episode ingest's adapters, built once per container. */
export const ingestPorts: IngestPorts = {
  jobs: dynamoIngestJobs(documentClient, table),
  ...dynamoIngestCatalog(documentClient, table),
  burnIn: s3BurnIn(client, () => config().mediaBucket, () => ({ ffmpeg: ffmpegPath(), font: config().ingest.licenceFont })),
  // The series' publish jobs wait for burned episodes: they move on now rather than at the next sweep.
  onServed: (seriesId) => invokeAsync(config().publishing.syncFunction, { seriesId }),
  now: clock,
};

/** Runs an episode's ingest now, asynchronously (ingestEpisode; the schedule finishes what fails). */
export const startIngest = (seriesId: string, index: number) => invokeAsync(config().ingest.ingestFunction, { seriesId, index });
