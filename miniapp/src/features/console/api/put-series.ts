import { adminSeriesSchema, type AdminSeries, type AdminSeriesInput } from '@drama/shared/admin';
import { adminRequest } from './admin-request';

/** PUT /admin/series/{id}: creates (unpublished) or edits a series. */
export const putSeries = (id: string, input: AdminSeriesInput): Promise<AdminSeries> =>
  adminRequest(`/admin/series/${encodeURIComponent(id)}`, { method: 'PUT', data: input, schema: adminSeriesSchema });
