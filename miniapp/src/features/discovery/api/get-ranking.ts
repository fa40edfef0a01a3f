import { rankingOutputSchema, type RankingKind, type RankingOutput } from '@drama/shared/discovery';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** GET /rankings/{kind}: 热播榜 (hot), 新剧 (new) or 飙升 (rising), each series with its figure. */
export const getRanking = (kind: RankingKind): Promise<RankingOutput> => apiRequest(`/rankings/${kind}`, { schema: rankingOutputSchema, auth: 'none' });

export const useRanking = (kind: RankingKind) => useAsync(() => getRanking(kind), [kind]);
