import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decideChange, emptyWallet, type LedgerEntry, type Wallet, type WalletStore } from '../domain/wallet/wallet';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { documentClient, keys } from './dynamodb';

/** How long an applied operation id is remembered on the wallet item (replays inside it are no-ops). */
const appliedWindowMs = 35 * 24 * 3600_000;
const maxAttempts = 200;

type Item = Record<string, unknown>;

function fromItem(userId: string, item: Item | undefined): { wallet: Wallet; applied: Record<string, number>; outbox: Record<string, LedgerEntry> } {
  if (!item) return { wallet: emptyWallet(userId), applied: {}, outbox: {} };
  return {
    wallet: {
      userId,
      version: item.version as number,
      coins: item.coins as number,
      bonus: (item.bonus as Wallet['bonus']) ?? [],
      unlocked: new Set((item.unlocked as Set<string> | undefined) ?? []),
      seriesOwned: new Set((item.seriesOwned as Set<string> | undefined) ?? []),
      membership: (item.membership as Wallet['membership']) ?? null,
      checkin: (item.checkin as Wallet['checkin']) ?? null,
    },
    applied: (item.applied as Record<string, number>) ?? {},
    outbox: (item.outbox as Record<string, LedgerEntry>) ?? {},
  };
}

/** DynamoDB wants non-empty sets; an empty set is stored by leaving the attribute out. */
const set = (s: Set<string>) => (s.size ? s : undefined);

const ledgerSk = (entry: LedgerEntry) => `LEDGER#${entry.at}#${entry.opId}`;

/**
 * The wallet item (`USER#id / WALLET`) moved only by whole-item conditional puts on `version`:
 * one atomic step per change, no transactions (dynalite has none, and one item is cheaper). The
 * ledger row rides in the same write in an outbox map and is then copied to its own item
 * (`USER#id / LEDGER#…`) and removed from the outbox; a crash in between is healed by the next write.
 */
export function dynamoWallets(now: () => Date = () => new Date()): WalletStore & { dueForRenewal(before: Date): Promise<Array<{ userId: string; membership: NonNullable<Wallet['membership']> }>> } {
  const table = () => config().tableName;
  const key = (userId: string) => ({ pk: keys.userPk(userId), sk: keys.walletSk });

  async function read(userId: string, consistent = true) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: key(userId), ConsistentRead: consistent }));
    return fromItem(userId, Item);
  }

  async function flushOutbox(userId: string, outbox: Record<string, LedgerEntry>) {
    for (const [opId, entry] of Object.entries(outbox)) {
      await documentClient().send(new PutCommand({ TableName: table(), Item: { pk: keys.userPk(userId), sk: ledgerSk(entry), kind: 'ledger', ...entry } }));
      await documentClient()
        .send(
          new UpdateCommand({
            TableName: table(),
            Key: key(userId),
            UpdateExpression: 'REMOVE outbox.#op',
            ConditionExpression: 'attribute_exists(outbox.#op)',
            ExpressionAttributeNames: { '#op': opId },
          }),
        )
        .catch((error) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
  }

  return {
    async get(userId) {
      // Reads for display and playback need no strong consistency; writes re-read strongly.
      return (await read(userId, false)).wallet;
    },

    async apply(userId, opId, change) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const current = await read(userId);
        if (Object.keys(current.outbox).length) await flushOutbox(userId, current.outbox);
        if (current.applied[opId] !== undefined) return { wallet: current.wallet, replayed: true };
        const at = now();
        // The domain decides the new wallet and its ledger row (never below zero); this persists them.
        const decided = decideChange(current.wallet, opId, change, at);
        if (!decided) return { wallet: current.wallet, replayed: false };
        const { wallet: next, entry } = decided;
        const applied = Object.fromEntries(Object.entries(current.applied).filter(([, t]) => at.getTime() - t < appliedWindowMs));
        applied[opId] = at.getTime();
        try {
          await documentClient().send(
            new PutCommand({
              TableName: table(),
              Item: {
                ...key(userId),
                kind: 'wallet',
                version: next.version,
                coins: next.coins,
                bonus: next.bonus,
                unlocked: set(next.unlocked),
                seriesOwned: set(next.seriesOwned),
                membership: next.membership ?? undefined,
                checkin: next.checkin ?? undefined,
                applied,
                outbox: { [opId]: entry },
                // Auto-renewing members sit in the sparse index the renewal job reads.
                ...(next.membership?.autoRenew ? { gsi1pk: 'RENEW', gsi1sk: next.membership.expiresAt } : {}),
                updatedAt: at.toISOString(),
              },
              ConditionExpression: current.wallet.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
              ExpressionAttributeValues: current.wallet.version === 0 ? undefined : { ':v': current.wallet.version },
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          // Another write won the race: back off a little (jittered) and re-read.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 + attempt * 2)));
          continue;
        }
        logger.info('wallet changed', { userId, opId, reason: entry.reason, ref: entry.ref, coinsAfter: entry.coinsAfter, bonusAfter: entry.bonusAfter });
        await flushOutbox(userId, { [opId]: entry });
        return { wallet: next, replayed: false };
      }
      throw new Error(`wallet ${userId}: too much contention applying ${opId}`);
    },

    async dueForRenewal(before) {
      const due: Array<{ userId: string; membership: NonNullable<Wallet['membership']> }> = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :renew AND gsi1sk < :before',
            ExpressionAttributeValues: { ':renew': 'RENEW', ':before': before.toISOString() },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (item.membership) due.push({ userId: (item.pk as string).slice('USER#'.length), membership: item.membership as NonNullable<Wallet['membership']> });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return due;
    },

    async ledger(userId) {
      const rows: LedgerEntry[] = [];
      // A change whose ledger row is still in the wallet's outbox (a crash before it was copied) is
      // part of the ledger already: read it too, so the rows always add up to the balance.
      const pending = read(userId);
      pending.catch(() => undefined); // awaited below; a failed query must not leave it unhandled
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient().send(
          new QueryCommand({
            TableName: table(),
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
            ExpressionAttributeValues: { ':pk': keys.userPk(userId), ':ledger': 'LEDGER#' },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, kind: _kind, ...entry } = item;
          rows.push(entry as LedgerEntry);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      const copied = new Set(rows.map((r) => r.opId));
      for (const entry of Object.values((await pending).outbox)) if (!copied.has(entry.opId)) rows.push(entry);
      return rows;
    },
  };
}
