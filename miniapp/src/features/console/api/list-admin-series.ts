import { adminSeriesListSchema, type AdminSeries } from '@drama/shared/admin';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';
import { operatorToken } from '../operator-session';

/** GET /admin/series: every series with its episodes, published or not. */
export const listAdminSeries = async (): Promise<AdminSeries[]> =>
  (await apiRequest('/admin/series', { schema: adminSeriesListSchema, bearer: operatorToken() })).items;

export const useAdminSeries = () => useAsync(listAdminSeries, []);
