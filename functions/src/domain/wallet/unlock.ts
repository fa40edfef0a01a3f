import { debitCoins, bonusTotal } from '@drama/shared/coins';
import { decideEntitlement, unlockKey } from '@drama/shared/entitlement';
import type { UnlockInput, UnlockOutput } from '@drama/shared/wallet';
import type { CatalogReader } from '../catalog/catalog';
import { termsOf } from '../catalog/views';
import { DomainError, NotFound } from '../errors';
import { holdingsOf, type WalletStore } from './wallet';

export class InsufficientCoins extends DomainError {
  constructor(price: number, shortBy: number) {
    super('INSUFFICIENT_COINS', `this episode costs ${price} coins: ${shortBy} more needed`, { price, shortBy });
  }
}

/** The coin price of one episode: its own override, else the series default. */
export function episodePrice(series: { episodePriceCoins: number; episodes: Array<{ index: number; priceCoins?: number }> }, index: number): number {
  return series.episodes.find((e) => e.index === index)?.priceCoins ?? series.episodePriceCoins;
}

/**
 * Unlocks one episode with coins: debit and unlock in one conditional write of the wallet, never
 * below zero, idempotent by requestId. An episode the user can already watch costs nothing.
 */
export async function unlockEpisode(input: UnlockInput, userId: string, ports: { catalog: CatalogReader; wallets: WalletStore; now: () => Date }): Promise<UnlockOutput> {
  const series = await ports.catalog.getSeries(input.seriesId);
  if (!series || !series.published) throw new NotFound(`no series ${input.seriesId}`);
  if (!series.episodes.some((e) => e.index === input.episode)) throw new NotFound(`series ${input.seriesId} has episodes 1..${series.episodes.length}`);
  const price = episodePrice(series, input.episode);
  const terms = termsOf(series);

  const { wallet } = await ports.wallets.apply(userId, `unlock:${input.requestId}`, (current, now) => {
    if (decideEntitlement(terms, input.episode, holdingsOf(current), now).entitled) return null;
    const debit = debitCoins({ coins: current.coins, bonus: current.bonus }, price, now);
    if (!debit.ok) throw new InsufficientCoins(price, debit.shortBy);
    return {
      wallet: { ...current, ...debit.balance, unlocked: new Set([...current.unlocked, unlockKey(series.id, input.episode)]) },
      reason: 'unlock',
      ref: unlockKey(series.id, input.episode),
      note: `${debit.fromBonus} bonus + ${debit.fromCoins} coins`,
    };
  });
  const now = ports.now();
  return {
    coins: wallet.coins,
    bonusCoins: bonusTotal(wallet.bonus, now),
    unlocked: decideEntitlement(terms, input.episode, holdingsOf(wallet), now).entitled,
  };
}
