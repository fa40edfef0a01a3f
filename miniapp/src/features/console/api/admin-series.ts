import { adminSeriesListSchema, adminSeriesSchema, type AdminEpisodeInput, type AdminSeries, type AdminSeriesInput } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';
import { operatorToken } from '../operator-session';

/** The operator's series routes: list all, create or edit a series or an episode, publish. */
export const listAdminSeries = async (): Promise<AdminSeries[]> =>
  (await apiRequest('/admin/series', { schema: adminSeriesListSchema, bearer: operatorToken() })).items;

export const useAdminSeries = () => useAsync(listAdminSeries, []);

export const putSeries = (id: string, input: AdminSeriesInput): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}`, { method: 'PUT', data: input, schema: adminSeriesSchema, bearer: operatorToken() });

export const putEpisode = (id: string, index: number, input: AdminEpisodeInput): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}/episodes/${index}`, { method: 'PUT', data: input, schema: adminSeriesSchema, bearer: operatorToken() });

export const publishSeries = (id: string, published: boolean): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}/publish`, { method: 'POST', data: { published }, schema: adminSeriesSchema, bearer: operatorToken() });
