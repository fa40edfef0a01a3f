import { listSeriesOutputSchema, type ListSeriesOutput } from '@drama/shared/catalog';
import { apiRequest } from '@/lib/api-client';
import { useAsync } from '@/lib/use-async';

/** GET /series: the catalog, in the order the feed shows it. */
export const listSeries = (): Promise<ListSeriesOutput> =>
  apiRequest('/series', { schema: listSeriesOutputSchema, auth: 'optional' });

export const useListSeries = () => useAsync(listSeries, []);
