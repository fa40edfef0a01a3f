import { unlockOutputSchema, type UnlockInput } from '@drama/shared/wallet';
import { ApiError, apiRequest } from '@/lib/api-client';

/** POST /unlocks: spends coins on one episode, or says how many are missing (402 INSUFFICIENT_COINS). */
export type UnlockResult = { kind: 'unlocked'; coins: number; bonusCoins: number } | { kind: 'short'; price: number; shortBy: number };

export async function unlockEpisode(input: UnlockInput): Promise<UnlockResult> {
  try {
    const out = await apiRequest('/unlocks', { method: 'POST', data: input, schema: unlockOutputSchema });
    if (!out.unlocked) throw new ApiError(200, 'NOT_UNLOCKED', '解锁未成功，请稍后重试', out);
    return { kind: 'unlocked', coins: out.coins, bonusCoins: out.bonusCoins };
  } catch (err) {
    if (err instanceof ApiError && err.status === 402 && err.code === 'INSUFFICIENT_COINS') {
      // shared/ has no schema for this body yet: `{code, message, price, shortBy}` (API.md, Money).
      const body = err.body as { price?: unknown; shortBy?: unknown };
      if (typeof body.shortBy === 'number') return { kind: 'short', price: Number(body.price) || 0, shortBy: body.shortBy };
    }
    throw err;
  }
}
