import Taro from '@tarojs/taro';
import { attributionLaunchOutputSchema, launchOf } from '@drama/shared/attribution';
import { apiRequest, holdRequests } from '@/lib/api-client';

/**
 * The launch query: on tt/weapp what the platform opened the mini-program with (an ad's landing
 * query carries `clickid`, campaign and channel; a reminder's deep link carries `rk`); on H5 the
 * page URL's query, before and after the `#` (the hash router keeps the page's query there).
 */
export function launchQuery(): { path: string; query: Record<string, string> } {
  if (process.env.TARO_ENV === 'h5') {
    const query: Record<string, string> = {};
    const hash = window.location.hash.replace(/^#/, '');
    const [path, hashQuery = ''] = hash.split('?');
    for (const source of [window.location.search, hashQuery]) new URLSearchParams(source).forEach((v, k) => (query[k] = v));
    return { path: path.replace(/^\//, ''), query };
  }
  const options = Taro.getLaunchOptionsSync();
  return { path: options.path ?? '', query: (options.query ?? {}) as Record<string, string> };
}

/** POST /attribution/launch once per launch, after login; never in the operators' console. */
export async function reportLaunch(launch = launchQuery()): Promise<void> {
  if (launch.path.startsWith('packages/console/')) return;
  const reported = apiRequest('/attribution/launch', { method: 'POST', data: launchOf(launch.query), schema: attributionLaunchOutputSchema });
  // The first watch is attributed to the click only if the click is known first.
  holdRequests('/play', reported);
  try {
    await reported;
  } catch (error) {
    // Attribution must never get in the viewer's way.
    console.warn('launch not reported', error);
  }
}
