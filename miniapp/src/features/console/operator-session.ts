import Taro from '@tarojs/taro';

/**
 * The operator's sign-in, kept apart from the viewer's session: its own storage key and token, sent
 * only by the console's requests. The API decides who is an operator; this only remembers the token.
 */
export interface OperatorSession {
  token: string;
  expiresAt: string;
}

const key = 'drama.operator';

export function operatorSession(): OperatorSession | null {
  const s = Taro.getStorageSync(key) as OperatorSession | '' | undefined;
  if (!s || typeof s !== 'object' || !s.token) return null;
  return Date.parse(s.expiresAt) > Date.now() + 30_000 ? s : null;
}

export const saveOperatorSession = (s: OperatorSession) => Taro.setStorageSync(key, s);
export const clearOperatorSession = () => Taro.removeStorageSync(key);

/** The token for a console request; none means the operator must sign in (the page redirects). */
export function operatorToken(): string {
  const s = operatorSession();
  if (!s) throw new Error('请先登录运营后台');
  return s.token;
}
