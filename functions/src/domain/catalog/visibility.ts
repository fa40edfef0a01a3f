import { reviewAllows, type CatalogVisibility, type ViewerPlatform } from '@drama/shared/going-live';
import { reviewOf, type CatalogReader, type Series } from './catalog';

/**
 * Which published series viewers see (going-live.ts's rule): with `approved`, only what a platform
 * approved; inside Douyin or WeChat, only what that platform approved.
 */
export function visibleOn(series: Series, viewer: ViewerPlatform, visibility: CatalogVisibility): boolean {
  return series.published && reviewAllows(reviewOf(series), viewer, visibility);
}

/**
 * The catalog as viewers' operations read it: a series no platform approved reads as unpublished
 * (every viewer route already answers 404 for those), listed or looked up alike.
 */
export function viewerCatalog(reader: CatalogReader, visibility: () => CatalogVisibility): CatalogReader {
  const hide = (series: Series): Series => (visibleOn(series, 'other', visibility()) ? series : { ...series, published: false });
  return {
    listSeries: async () => (await reader.listSeries()).filter((s) => visibleOn(s, 'other', visibility())),
    getSeries: async (id) => {
      const series = await reader.getSeries(id);
      return series && hide(series);
    },
  };
}
