import Taro from '@tarojs/taro';
import { ApiError, apiRequest, type RequestOptions } from '@/lib/api-client';
import { clearOperatorSession, operatorToken } from '../operator-session';
import { consoleLoginUrl } from '../routes';

/**
 * Every console request: the operator token instead of the viewer's session. A 401 (the token
 * expired, or the operator secret was rotated) signs the operator out and opens the login page.
 */
export async function adminRequest<T>(path: string, opts: Omit<RequestOptions<T>, 'bearer' | 'auth'>): Promise<T> {
  try {
    return await apiRequest(path, { ...opts, bearer: operatorToken() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearOperatorSession();
      void Taro.redirectTo({ url: consoleLoginUrl });
    }
    throw error;
  }
}
