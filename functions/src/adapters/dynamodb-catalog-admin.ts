import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogAdminStore } from '../domain/admin/catalog-admin';
import { noCoverKey } from '../domain/admin/catalog-admin';
import { config } from '../lib/config';
import { readCatalog } from './dynamodb-catalog';
import { documentClient, keys } from './dynamodb';

/** SET the given fields, REMOVE the optional ones left out: one UpdateItem, other attributes untouched. */
function updateOf(set: Record<string, unknown>, optional: string[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [name, value] of Object.entries(set)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const removes = optional.filter((name) => set[name] === undefined);
  for (const name of removes) names[`#${name}`] = name;
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.map((n) => `#${n}`).join(', ')}` : ''}`;
  return { UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export const dynamoCatalogAdmin: CatalogAdminStore = {
  readAll: readCatalog,

  async putSeries(id, input, createdAt) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
        ...updateOf(
          {
            kind: 'series',
            id,
            title: input.title,
            genre: input.genre,
            synopsis: input.synopsis,
            tags: input.tags,
            cast: input.cast,
            freeEpisodes: input.freeEpisodes,
            episodePriceCoins: input.episodePriceCoins,
            seriesPriceFen: input.seriesPriceFen,
            order: input.order,
            licence: input.licence || undefined,
            previewS: input.previewS,
            adDailyCap: input.adDailyCap,
            ...(input.coverKey ? { coverKey: input.coverKey } : {}),
          },
          ['licence'],
        ),
      }),
    );
    // A new series starts unpublished, with the placeholder cover until one is uploaded.
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
        UpdateExpression: 'SET published = if_not_exists(published, :f), coverKey = if_not_exists(coverKey, :c), createdAt = if_not_exists(createdAt, :at)',
        ExpressionAttributeValues: { ':f': false, ':c': noCoverKey, ':at': createdAt },
      }),
    );
  },

  async putEpisode(seriesId, index, input) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.episodeSk(seriesId, index) },
        ...updateOf(
          { kind: 'episode', seriesId, index, title: input.title, durationS: input.durationS, mediaKey: input.mediaKey, priceCoins: input.priceCoins, releaseAt: input.releaseAt },
          ['priceCoins', 'releaseAt'],
        ),
      }),
    );
  },

  async setPublished(id, published, at) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
        // publishedAt is the first publication: the new-drama reminder goes out for it once.
        UpdateExpression: published ? 'SET published = :p, publishedAt = if_not_exists(publishedAt, :at)' : 'SET published = :p',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: published ? { ':p': true, ':at': at } : { ':p': false },
      }),
    );
  },
};
