import { adminSeriesSchema, type AdminSeries } from '@drama/shared/admin';
import { adminRequest } from './admin-request';

/** POST /admin/series/{id}/publish: on sale (listed) or off (gone from GET /series). */
export const publishSeries = (id: string, published: boolean): Promise<AdminSeries> =>
  adminRequest(`/admin/series/${encodeURIComponent(id)}/publish`, { method: 'POST', data: { published }, schema: adminSeriesSchema });
