import { adminSeriesSchema, type AdminSeries } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { operatorToken } from '../operator-session';

/** POST /admin/series/{id}/publish: on sale (listed) or off (gone from GET /series). */
export const publishSeries = (id: string, published: boolean): Promise<AdminSeries> =>
  apiRequest(`/admin/series/${encodeURIComponent(id)}/publish`, { method: 'POST', data: { published }, schema: adminSeriesSchema, bearer: operatorToken() });
