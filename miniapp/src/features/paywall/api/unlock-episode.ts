import { insufficientCoinsSchema, unlockOutputSchema, type UnlockInput } from '@drama/shared/wallet';
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
      const body = insufficientCoinsSchema.safeParse(err.body);
      if (body.success) return { kind: 'short', price: body.data.price, shortBy: body.data.shortBy };
    }
    throw err;
  }
}
