import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CatalogAdminStore } from '../domain/admin/catalog-admin';
import { noCoverKey } from '../domain/admin/catalog-admin';
import type { PaidSeriesRule } from '../domain/publishing/compliance';
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

/** One conditional UpdateItem: false when its condition held it back. */
async function conditional(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
  try {
    await documentClient().send(new UpdateCommand({ TableName: config().tableName, ...input }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The paid-series rule as a condition on the series item: the fields it requires are present, or
 * written by this very update (`setting`), and none of them is removed by it. `maxEpisode` (the
 * highest episode index, kept on the series item by putEpisode) against `freeEpisodes` tells
 * whether the series has paid episodes, inside the same condition.
 */
function compliant(rule: PaidSeriesRule, names: Record<string, string>, setting: Record<string, unknown> = {}): string {
  const clauses: string[] = [];
  for (const field of rule.requires) {
    if (field in setting) {
      // Removed by this update: never compliant (an existing item always has pk).
      if (setting[field] === undefined) return '(attribute_not_exists(pk))';
      continue;
    }
    names[`#r_${field}`] = field;
    clauses.push(`attribute_exists(#r_${field})`);
  }
  return clauses.length ? `(${clauses.join(' AND ')})` : '(attribute_exists(pk))';
}

const unpublished = '(attribute_not_exists(published) OR published = :unpublished)';

export const dynamoCatalogAdmin: CatalogAdminStore = {
  readAll: readCatalog,

  async putSeries(id, input, createdAt, rule) {
    const fields = {
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
    };
    const update = updateOf(fields, ['licence']);
    // Still fine when unpublished, when no episode is paid under the new free count, or compliant after it.
    const condition = `${unpublished} OR (attribute_exists(maxEpisode) AND maxEpisode <= :freeEpisodes) OR ${compliant(rule, update.ExpressionAttributeNames, { licence: fields.licence })}`;
    const written = await conditional({
      Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
      ...update,
      ConditionExpression: condition,
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':unpublished': false },
    });
    if (!written) return false;
    // A new series starts unpublished, with the placeholder cover until one is uploaded.
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
        UpdateExpression: 'SET published = if_not_exists(published, :f), coverKey = if_not_exists(coverKey, :c), createdAt = if_not_exists(createdAt, :at)',
        ExpressionAttributeValues: { ':f': false, ':c': noCoverKey, ':at': createdAt },
      }),
    );
    return true;
  },

  async putEpisode(seriesId, index, input, rule) {
    // First the series item: the highest index raised (or left) under the paid-series rule.
    const names: Record<string, string> = {};
    const guard = `attribute_exists(pk) AND (${unpublished} OR freeEpisodes >= :index OR ${compliant(rule, names)})`;
    const values = { ':index': index, ':unpublished': false };
    const series = { pk: keys.catalogPk, sk: keys.seriesSk(seriesId) };
    const raised = await conditional({
      Key: series,
      UpdateExpression: 'SET maxEpisode = :index',
      ConditionExpression: `${guard} AND (attribute_not_exists(maxEpisode) OR maxEpisode < :index)`,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    });
    if (!raised) {
      const allowed = await conditional({
        Key: series,
        UpdateExpression: 'SET episodesEditedAt = :now',
        ConditionExpression: guard,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: { ...values, ':now': new Date().toISOString() },
      });
      if (!allowed) return false;
    }
    // Then the episode: the same upload keeps what the ingest made of it; a new one is served as
    // uploaded until the ingest has run on it.
    const episode = { pk: keys.catalogPk, sk: keys.episodeSk(seriesId, index) };
    const fields = { kind: 'episode', seriesId, index, title: input.title, durationS: input.durationS, sourceKey: input.mediaKey, priceCoins: input.priceCoins, releaseAt: input.releaseAt };
    const same = updateOf(fields, ['priceCoins', 'releaseAt']);
    const kept = await conditional({
      Key: episode,
      ...same,
      ConditionExpression: '#sourceKey = :sourceKey OR (attribute_not_exists(#sourceKey) AND mediaKey = :sourceKey)',
    });
    if (!kept) {
      const fresh = updateOf({ ...fields, mediaKey: input.mediaKey }, ['priceCoins', 'releaseAt']);
      await documentClient().send(
        new UpdateCommand({ TableName: config().tableName, Key: episode, ...fresh, UpdateExpression: `${fresh.UpdateExpression}${fresh.UpdateExpression.includes(' REMOVE ') ? ',' : ' REMOVE'} burnedLicence` }),
      );
    }
    return true;
  },

  async setPublished(id, published, at, rule) {
    const names: Record<string, string> = {};
    return conditional({
      Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
      // publishedAt is the first publication: the new-drama reminder goes out for it once.
      UpdateExpression: published ? 'SET published = :p, publishedAt = if_not_exists(publishedAt, :at)' : 'SET published = :p',
      ConditionExpression: published ? `attribute_exists(pk) AND ((attribute_exists(maxEpisode) AND maxEpisode <= freeEpisodes) OR ${compliant(rule, names)})` : 'attribute_exists(pk)',
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: published ? { ':p': true, ':at': at } : { ':p': false },
    });
  },

  async putCompliance(id, compliance) {
    await documentClient().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: keys.catalogPk, sk: keys.seriesSk(id) },
        UpdateExpression: 'SET budgetTier = :tier, licence = :licence, costReportKey = :report',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':tier': compliance.budgetTier, ':licence': compliance.licence, ':report': compliance.costReportKey },
      }),
    );
  },
};
