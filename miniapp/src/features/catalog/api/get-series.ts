import { getSeriesOutputSchema, type GetSeriesOutput } from '@drama/shared/catalog';
import { apiRequest } from '@/lib/api-client';
import { viewerPlatform } from '@/lib/capabilities';
import { useAsync } from '@/lib/use-async';

/** GET /series/{id}: one series and its episodes, `locked` as seen by the caller. */
export const getSeries = (seriesId: string): Promise<GetSeriesOutput> =>
  apiRequest(`/series/${encodeURIComponent(seriesId)}?platform=${viewerPlatform()}`, { schema: getSeriesOutputSchema, auth: 'optional' });

export const useGetSeries = (seriesId: string) => useAsync(() => getSeries(seriesId), [seriesId]);
