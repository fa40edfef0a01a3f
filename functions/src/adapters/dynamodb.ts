import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../lib/config';

let client: DynamoDBDocumentClient | undefined;

/** The document client, built once per container and reused on warm starts. */
export function documentClient(): DynamoDBDocumentClient {
  if (!client) {
    const { region, dynamodbEndpoint } = config();
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region, ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint } : {}) }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
  }
  return client;
}

/**
 * Single-table keys. The catalog lives in one partition (small, read whole and cached); each user's
 * items share the user's partition so a user's holdings are one GetItem.
 */
export const keys = {
  catalogPk: 'CATALOG',
  seriesSk: (seriesId: string) => `S#${seriesId}`,
  episodeSk: (seriesId: string, index: number) => `S#${seriesId}#E#${String(index).padStart(4, '0')}`,
  userPk: (userId: string) => `USER#${userId}`,
  profileSk: 'PROFILE',
  walletSk: 'WALLET',
  orderPk: (orderId: string) => `ORDER#${orderId}`,
  orderSk: 'ORDER',
} as const;
