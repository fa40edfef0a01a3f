import { adminSeriesSchema, type AdminEpisodeInput, type AdminSeries } from '@drama/shared/admin';
import { adminRequest } from './admin-request';

/** PUT /admin/series/{id}/episodes/{index}: adds or edits an episode (its media uploaded first). */
export const putEpisode = (id: string, index: number, input: AdminEpisodeInput): Promise<AdminSeries> =>
  adminRequest(`/admin/series/${encodeURIComponent(id)}/episodes/${index}`, { method: 'PUT', data: input, schema: adminSeriesSchema });
