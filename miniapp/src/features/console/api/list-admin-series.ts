import { adminSeriesListSchema, type AdminSeries } from '@drama/shared/admin';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

/** GET /admin/series: every series with its episodes, published or not. */
export const listAdminSeries = async (): Promise<AdminSeries[]> =>
  (await adminRequest('/admin/series', { schema: adminSeriesListSchema })).items;

export const useAdminSeries = () => useAsync(listAdminSeries, []);
