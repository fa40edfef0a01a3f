import { adminSeriesSchema, type AdminEpisodeInput, type AdminSeries } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { operatorToken } from '../operator-session';

/** PUT /admin/series/{id}/episodes/{index}: adds or edits an episode (its media uploaded first). */
export const putEpisode = (id: string, index: number, input: AdminEpisodeInput): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}/episodes/${index}`, { method: 'PUT', data: input, schema: adminSeriesSchema, bearer: operatorToken() });
