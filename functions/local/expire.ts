import { DeleteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's TTL for dynalite, which has none: deletes the items whose `expiresAtS` (epoch seconds)
 * has passed, as the table's TimeToLiveSpecification does in AWS (scenes after a day, sign-in
 * failure counters after their window). Each delete is conditional, so an item whose expiry moved
 * on meanwhile stays. Returns how many went.
 */
export async function expireItems(dynamodb: DynamoDBClient, tableName: string, now = new Date()): Promise<number> {
  const nowS = { N: String(Math.floor(now.getTime() / 1000)) };
  let removed = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'expiresAtS < :now',
        ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: { ':now': nowS },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const key of page.Items ?? []) {
      try {
        await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key, ConditionExpression: 'expiresAtS < :now', ExpressionAttributeValues: { ':now': nowS } }));
        removed++;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return removed;
}
