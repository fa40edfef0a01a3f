import { rankingParamsSchema } from '@drama/shared/discovery';
import { getRanking } from '../domain/discovery/rankings';
import { json, route } from '../lib/http';
import { rankingPorts } from '../wiring/community-ports';

/** 热播榜 / 新剧榜 / 飙升榜: the job's latest ranking, one GetItem. */
export const handler = route({ auth: 'none', params: rankingParamsSchema }, async ({ params }) =>
  json(200, await getRanking(params.kind, rankingPorts), { 'cache-control': 'public, max-age=30' }),
);
