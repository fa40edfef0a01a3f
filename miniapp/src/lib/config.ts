/**
 * Where the API lives, decided once at start-up.
 *
 * H5: the local static server defines `window.__DRAMA_CONFIG__` in `/config.js` (loaded by
 * src/index.html before the bundle), so one build serves any address.
 * tt/weapp: no page to read from, so `API_URL` is fixed at build time from TARO_APP_API_URL.
 */
export interface AppConfig {
  apiUrl: string;
  sandboxUrl?: string;
}

const fallbackApiUrl = 'http://127.0.0.1:3000';

function readConfig(): AppConfig {
  if (process.env.TARO_ENV === 'h5') {
    const injected = typeof window === 'undefined' ? undefined : window.__DRAMA_CONFIG__;
    if (!injected?.apiUrl) {
      console.warn(`window.__DRAMA_CONFIG__.apiUrl is not set (is /config.js served?); using ${fallbackApiUrl}`);
    }
    return { apiUrl: trimSlash(injected?.apiUrl || fallbackApiUrl), sandboxUrl: injected?.sandboxUrl };
  }
  return { apiUrl: trimSlash(typeof API_URL === 'string' && API_URL ? API_URL : fallbackApiUrl) };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export const config: AppConfig = readConfig();
