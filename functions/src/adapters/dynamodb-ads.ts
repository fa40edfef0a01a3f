import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AdTicket, AdTicketStore } from '../domain/ads/tickets';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/** Counters, tickets and transaction bindings outlive their use by this long, then the table's TTL removes them. */
const keepS = 3 * 24 * 3600;

const ticketKey = (ticketId: string) => ({ pk: `ADTICKET#${ticketId}`, sk: 'TICKET' });
const transactionKey = (transId: string) => ({ pk: `ADTRANS#${transId}`, sk: 'TRANS' });
const counterKey = (userId: string, day: string, seriesId: string) => ({ pk: keys.userPk(userId), sk: `ADCAP#${day}#${seriesId}` });

/** The write's result, or undefined when its condition failed. */
async function ifAllowed<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
const conditional = async (write: () => Promise<unknown>) => (await ifAllowed(write)) !== undefined;

const ttl = (fromIso: string) => Math.floor(Date.parse(fromIso) / 1000) + keepS;

/**
 * Ad tickets (`ADTICKET#id`), each viewer's daily counter per series (`USER#id / ADCAP#<day>#<series>`:
 * `used` and one `open_<episode>` slot per episode with a ticket out) and the network's transaction
 * ids (`ADTRANS#id`). Every step is one conditional write.
 */
export const dynamoAdTickets: AdTicketStore = {
  async claim(slot, ticket, now) {
    const table = config().tableName;
    const Key = counterKey(slot.userId, slot.day, slot.seriesId);
    const names = { '#used': 'used', '#slot': `open_${slot.episode}` };
    // A lost race re-reads and tries again; the condition itself never lets the count pass the cap.
    for (let attempt = 0; attempt < 20; attempt++) {
      const claimed = await ifAllowed(() =>
        documentClient().send(
          new UpdateCommand({
            TableName: table,
            Key,
            UpdateExpression: 'SET #slot = :slot, expiresAtS = :ttl ADD #used :one',
            ConditionExpression: '(attribute_not_exists(#used) OR #used < :cap) AND (attribute_not_exists(#slot) OR #slot.expiresAt <= :now)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':slot': ticket, ':ttl': ttl(ticket.expiresAt), ':one': 1, ':cap': slot.cap, ':now': now.toISOString() },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      if (claimed) return { kind: 'claimed', used: (claimed.Attributes?.used as number | undefined) ?? 1 };
      const { Item } = await documentClient().send(new GetCommand({ TableName: table, Key, ConsistentRead: true }));
      const open = Item?.[names['#slot']] as { ticketId: string; expiresAt: string } | undefined;
      const used = (Item?.used as number | undefined) ?? 0;
      if (open && open.expiresAt > now.toISOString()) return { kind: 'open', ticketId: open.ticketId, used };
      if (used >= slot.cap) return { kind: 'capped' };
    }
    throw new Error(`ad counter of ${slot.userId}: too much contention`);
  },

  async put(ticket) {
    await conditional(() =>
      documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { ...ticketKey(ticket.ticketId), kind: 'adTicket', ...ticket, expiresAtS: ttl(ticket.expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  },

  async get(ticketId) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: ticketKey(ticketId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, kind: _kind, expiresAtS: _ttl, ...ticket } = Item;
    return ticket as AdTicket;
  },

  async redeem(ticketId, transId, now) {
    const redeemed = await conditional(() =>
      documentClient().send(
        new UpdateCommand({
          TableName: config().tableName,
          Key: ticketKey(ticketId),
          UpdateExpression: 'SET #status = :redeemed, transId = :trans, redeemedAt = :now',
          ConditionExpression: '#status = :issued AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':redeemed': 'redeemed', ':issued': 'issued', ':trans': transId, ':now': now.toISOString() },
        }),
      ),
    );
    if (redeemed) return 'redeemed';
    const ticket = await dynamoAdTickets.get(ticketId);
    return ticket?.status === 'redeemed' && ticket.transId === transId ? 'already' : 'refused';
  },

  bindTransaction(transId, ticketId) {
    return conditional(() =>
      documentClient().send(
        new PutCommand({
          TableName: config().tableName,
          Item: { ...transactionKey(transId), kind: 'adTransaction', ticketId, expiresAtS: Math.floor(Date.now() / 1000) + keepS },
          ConditionExpression: 'attribute_not_exists(pk) OR ticketId = :ticket',
          ExpressionAttributeValues: { ':ticket': ticketId },
        }),
      ),
    );
  },
};
