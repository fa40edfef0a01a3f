import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StackInfo } from './stack-setup';

/** The stack's table, read and written directly (fixtures; a failing test's diagnostics). Destroy it after use. */
export function tableDocuments(stack: StackInfo): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: stack.apiEnv.AWS_REGION, endpoint: stack.urls.DYNAMODB, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  );
}

/**
 * Arranges catalog state the seed does not have (many episodes at one price), written straight into
 * the table as an operator's tool would; the API serves it once its catalog cache refreshes. The
 * series reads as live on both platforms (online on Douyin, approved on WeChat, no platform ids: its
 * viewers get our own media), so stacks that show only approved series show it too.
 */
export async function addSeries(stack: StackInfo, spec: { id: string; episodes: number; freeEpisodes: number; episodePriceCoins: number; seriesPriceFen: number; mediaKey: string }) {
  const documents = tableDocuments(stack);
  for (let index = 1; index <= spec.episodes; index++) {
    await documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: 'CATALOG', sk: `S#${spec.id}#E#${String(index).padStart(4, '0')}`, kind: 'episode', seriesId: spec.id, index, title: `第${index}集`, durationS: 12, mediaKey: spec.mediaKey },
      }),
    );
  }
  await documents.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: {
        pk: 'CATALOG',
        sk: `S#${spec.id}`,
        kind: 'series',
        id: spec.id,
        title: `测试剧 ${spec.id}`,
        genre: '悬疑',
        synopsis: 'fixture',
        tags: [],
        coverKey: 'covers/none.jpg',
        freeEpisodes: spec.freeEpisodes,
        episodePriceCoins: spec.episodePriceCoins,
        seriesPriceFen: spec.seriesPriceFen,
        order: 100,
        published: true,
      },
    }),
  );
  for (const [platform, state] of [['douyin', 'online'], ['wechat', 'approved']] as const) {
    const job = { seriesId: spec.id, platform, state, version: 1, attempts: 0, updatedAt: new Date().toISOString(), episodes: {} };
    await documents.send(new PutCommand({ TableName: stack.tableName, Item: { pk: 'CATALOG', sk: `S#${spec.id}#P#${platform}`, kind: 'publish', seriesId: spec.id, platform, version: 1, job: JSON.stringify(job) } }));
  }
  documents.destroy();
}

/** Adds (or replaces) one episode, optionally with a release time, as an operator would schedule it. */
export async function putEpisode(stack: StackInfo, spec: { seriesId: string; index: number; mediaKey: string; releaseAt?: string; priceCoins?: number }) {
  const documents = tableDocuments(stack);
  await documents.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: {
        pk: 'CATALOG',
        sk: `S#${spec.seriesId}#E#${String(spec.index).padStart(4, '0')}`,
        kind: 'episode',
        seriesId: spec.seriesId,
        index: spec.index,
        title: `第${spec.index}集`,
        durationS: 12,
        mediaKey: spec.mediaKey,
        ...(spec.releaseAt ? { releaseAt: spec.releaseAt } : {}),
        ...(spec.priceCoins !== undefined ? { priceCoins: spec.priceCoins } : {}),
      },
    }),
  );
  documents.destroy();
}

/** Runs a scheduled function of serverless.yml through serverless-offline's Lambda endpoint. */
export async function runJob(stack: StackInfo, name: string): Promise<Record<string, number>> {
  const response = await fetch(`${stack.urls.LAMBDA}/2015-03-31/functions/drama-local-${name}/invocations`, { method: 'POST', body: JSON.stringify({ source: 'aws.events' }) });
  if (response.status !== 200) throw new Error(`job ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, number>;
}
