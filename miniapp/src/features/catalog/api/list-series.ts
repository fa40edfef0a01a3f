import { listSeriesOutputSchema, type ListSeriesOutput } from '@drama/shared/catalog';
import { apiRequest } from '@/lib/api-client';
import { viewerPlatform } from '@/lib/capabilities';
import { useAsync } from '@/lib/use-async';

/** GET /series: the catalog, in the order the feed shows it (what this platform approved). */
export const listSeries = (): Promise<ListSeriesOutput> =>
  apiRequest(`/series?platform=${viewerPlatform()}`, { schema: listSeriesOutputSchema, auth: 'optional' });

export const useListSeries = () => useAsync(listSeries, []);
