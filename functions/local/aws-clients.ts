import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { url, type StackSettings } from './settings';

/** SDK clients for the local stack's own setup work (tables, buckets, seeding, tests). */
export function localClients(s: StackSettings) {
  const credentials = s.s3Credentials;
  const dynamodb = new DynamoDBClient({ region: s.region, endpoint: url(s, s.ports.dynamodb), credentials });
  const s3 = new S3Client({
    region: s.region,
    endpoint: url(s, s.ports.s3),
    forcePathStyle: true,
    credentials,
    // s3rver corrupts streamed bodies sent with the SDK's default flexible checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { dynamodb, documents: DynamoDBDocumentClient.from(dynamodb), s3 };
}
export type LocalClients = ReturnType<typeof localClients>;
