import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { commentRules } from '@drama/shared/comments';
import type { CommentQuota, Writers } from '../domain/comments/comments';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/** A writer's standing is on the user's profile item (platform and openid from sign-in, the ban from an operator). */
export const dynamoWriters: Writers = {
  async standing(userId) {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: config().tableName, Key: { pk: keys.userPk(userId), sk: keys.profileSk }, ProjectionExpression: 'platform, openId, commentBannedAt' }),
    );
    return Item ? { platform: Item.platform as string, openId: Item.openId as string, banned: Boolean(Item.commentBannedAt) } : undefined;
  },

  async ban(userId, at) {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: { pk: keys.userPk(userId), sk: keys.profileSk },
          UpdateExpression: 'SET commentBannedAt = if_not_exists(commentBannedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
};

/**
 * Posts per viewer in any 60 s: the viewer's last `perMinute` post times in a ring on one item
 * (`t0`…`t9`, the next slot at `v % perMinute`). A post may take the slot only if the post that held
 * it, `perMinute` posts ago, is over a minute old, and takes it by a write conditional on the
 * version it read, so concurrent posts cannot share a slot; a write that lost the race reads again.
 * Gone with the table's TTL (`expiresAtS`) a minute after the last post.
 */
export const dynamoCommentQuota: CommentQuota = {
  async take(userId, now) {
    const limit = commentRules.perMinute;
    const key = { pk: keys.userPk(userId), sk: 'COMMENTRATE' };
    for (let attempt = 0; attempt < 2 * limit; attempt++) {
      const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }));
      const version = (Item?.v as number | undefined) ?? 0;
      const slot = `t${version % limit}`;
      if (now.getTime() - ((Item?.[slot] as number | undefined) ?? 0) < 60_000) return false;
      try {
        await documentClient().send(
          new UpdateCommand({
            TableName: config().tableName,
            Key: key,
            UpdateExpression: 'SET #slot = :now, v = :next, expiresAtS = :exp',
            ConditionExpression: version === 0 ? 'attribute_not_exists(v)' : 'v = :v',
            ExpressionAttributeNames: { '#slot': slot },
            ExpressionAttributeValues: { ':now': now.getTime(), ':next': version + 1, ':exp': Math.ceil(now.getTime() / 1000) + 120, ...(version === 0 ? {} : { ':v': version }) },
          }),
        );
        return true;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return false; // never won a slot through a burst this size: refuse rather than let it through
  },
};
