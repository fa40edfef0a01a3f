import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RankingKind } from '@drama/shared/discovery';
import type { Ranking, RankingStore } from '../domain/discovery/rankings';
import { config } from '../lib/config';
import { documentClient } from './dynamodb';

/** Each ranking is one item (`RANKING#<kind>`), replaced whole by the job and read in one GetItem. */
const key = (kind: RankingKind) => ({ pk: `RANKING#${kind}`, sk: 'RANKING' });

export const dynamoRankings: RankingStore = {
  async put(ranking) {
    await documentClient().send(new PutCommand({ TableName: config().tableName, Item: { ...key(ranking.kind), type: 'ranking', ...ranking } }));
  },

  async get(kind) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key(kind) }));
    return Item ? { kind, items: Item.items as Ranking['items'], computedAt: Item.computedAt as string } : undefined;
  },
};
