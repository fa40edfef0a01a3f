import { useEffect, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import { adminSeriesListSchema, type AdminSeries } from '@drama/shared/admin';
import { useAsync } from '@/lib/use-async';
import { adminRequest } from './admin-request';

/** GET /admin/series: every series with its episodes, published or not. */
export const listAdminSeries = async (): Promise<AdminSeries[]> =>
  (await adminRequest('/admin/series', { schema: adminSeriesListSchema })).items;

/** A platform is still working on the series: its review state will move without the operator. */
const inMotion = (s: AdminSeries) =>
  s.published && (['uploading', 'in_review', 'approved'].includes(s.review.douyin.state) || ['uploading', 'in_review'].includes(s.review.wechat.state));

/** How often the list is read again while a platform is working on one of its series. */
const refreshMs = 5_000;

/**
 * The series list, read again each time its page shows (an operator coming back from the editor) and
 * every few seconds while a platform is uploading, reviewing or putting a series online, so the
 * review badges follow the platforms; the list already shown stays on screen while it reloads.
 */
export function useAdminSeries() {
  const query = useAsync(listAdminSeries, []);
  const last = useRef<AdminSeries[]>();
  const shownBefore = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which useAsync already loads.
    if (shownBefore.current) query.reload();
    shownBefore.current = true;
  });
  const moving = query.status === 'success' && query.data.some(inMotion);
  const data = query.status === 'success' ? query.data : null;
  const { reload } = query;
  useEffect(() => {
    if (!moving) return;
    const timer = setTimeout(reload, refreshMs);
    return () => clearTimeout(timer);
  }, [moving, data, reload]);
  if (query.status === 'success') last.current = query.data;
  return query.status === 'loading' && last.current ? { ...query, status: 'success' as const, data: last.current } : query;
}
