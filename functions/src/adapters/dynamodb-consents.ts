import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { reminderKinds } from '@drama/shared/reminders';
import { allows, emptyLedger, type ConsentLedger, type ConsentStore } from '../domain/reminders/consents';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/**
 * The consent item (`USER#id / CONSENTS`), changed only by whole-item puts conditional on its
 * version: a consume can never take a consent twice or go below zero. Beside it, per kind, an
 * index of users who may be sent that kind (`CONSENTERS#kind / userId`), which the jobs fan out
 * over; it is only a candidate list, since every send re-checks the item itself.
 */
export function dynamoConsents(): ConsentStore {
  const table = () => config().tableName;
  const key = (userId: string) => ({ pk: keys.userPk(userId), sk: 'CONSENTS' });

  async function read(userId: string) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: key(userId), ConsistentRead: true }));
    if (!Item) return { ledger: emptyLedger(), version: 0 };
    return {
      ledger: { kinds: Item.kinds ?? {}, sentDay: Item.sentDay, sentToday: Item.sentToday ?? 0, sentIds: Item.sentIds ?? {} } as ConsentLedger,
      version: Item.version as number,
    };
  }

  async function reindex(userId: string, ledger: ConsentLedger) {
    for (const kind of reminderKinds) {
      const indexKey = { pk: `CONSENTERS#${kind}`, sk: userId };
      if (allows(ledger, kind)) await documentClient().send(new PutCommand({ TableName: table(), Item: indexKey }));
      else await documentClient().send(new DeleteCommand({ TableName: table(), Key: indexKey }));
    }
  }

  return {
    async get(userId) {
      return (await read(userId)).ledger;
    },

    async update(userId, change) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const current = await read(userId);
        const { ledger, result } = change(current.ledger);
        if (!ledger) return result;
        try {
          await documentClient().send(
            new PutCommand({
              TableName: table(),
              Item: { ...key(userId), kind: 'consents', version: current.version + 1, kinds: ledger.kinds, sentDay: ledger.sentDay, sentToday: ledger.sentToday, sentIds: ledger.sentIds },
              ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
              ExpressionAttributeValues: current.version === 0 ? undefined : { ':v': current.version },
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) continue;
          throw error;
        }
        await reindex(userId, ledger);
        return result;
      }
      throw new Error(`consents of ${userId}: too much contention`);
    },

    async candidates(kind) {
      const users: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CONSENTERS#${kind}` }, ExclusiveStartKey: startKey }),
        );
        users.push(...(page.Items ?? []).map((i) => i.sk as string));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return users;
    },
  };
}
