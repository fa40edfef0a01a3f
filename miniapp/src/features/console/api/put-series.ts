import { adminSeriesSchema, type AdminSeries, type AdminSeriesInput } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { operatorToken } from '../operator-session';

/** PUT /admin/series/{id}: creates (unpublished) or edits a series. */
export const putSeries = (id: string, input: AdminSeriesInput): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}`, { method: 'PUT', data: input, schema: adminSeriesSchema, bearer: operatorToken() });
