import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { LocalClients } from './aws-clients';
import type { StackSettings } from './settings';

/** Creates the table and the bucket that serverless.yml declares, when they are missing. */
export async function ensureResources(s: StackSettings, clients: LocalClients): Promise<void> {
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: s.tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: s.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        // Sparse: only items that set gsi1pk (paid-but-ungranted orders, auto-renewing members) appear.
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    // dynalite creates tables asynchronously: wait until ACTIVE.
    for (;;) {
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: s.tableName }));
      if (Table?.TableStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: s.mediaBucket }));
  } catch {
    await clients.s3.send(new CreateBucketCommand({ Bucket: s.mediaBucket }));
  }
}
