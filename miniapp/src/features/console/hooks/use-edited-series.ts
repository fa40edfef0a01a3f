import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { AdminSeries } from '@drama/shared/admin';
import { errorText } from '@/lib/error-text';
import { listAdminSeries } from '../api/list-admin-series';

interface LoadCallbacks {
  loaded(series: AdminSeries): void;
  error(message: string): void;
}

/**
 * The series the editor opened (none: a new one), loaded once per id after the operator signed in;
 * the page's title follows its name. `on.loaded` fills the form; a failed load is told `on.error`.
 */
export function useEditedSeries(seriesId: string, signedIn: boolean, on: LoadCallbacks) {
  const [series, setSeries] = useState<AdminSeries | null>(null);
  const [loading, setLoading] = useState(Boolean(seriesId));
  // The latest callbacks, read when the load ends (they are not a reason to load again).
  const callbacks = useRef(on);
  callbacks.current = on;

  useEffect(() => {
    if (!seriesId || !signedIn) return;
    listAdminSeries()
      .then((all) => {
        const found = all.find((s) => s.id === seriesId);
        if (found) {
          setSeries(found);
          callbacks.current.loaded(found);
        } else callbacks.current.error(`没有剧集 ${seriesId}`);
      })
      .catch((e: unknown) => callbacks.current.error(errorText(e)))
      .finally(() => setLoading(false));
  }, [seriesId, signedIn]);

  const title = series?.title;
  useEffect(() => {
    if (title !== undefined) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  return { series, setSeries, loading };
}
