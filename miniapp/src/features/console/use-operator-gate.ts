import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { operatorSession } from './operator-session';
import { consoleLoginUrl } from './routes';

/** Console pages need an operator sign-in: without one, go to the login page (the API refuses anyway). */
export function useOperatorGate(): boolean {
  const signedIn = Boolean(operatorSession());
  useEffect(() => {
    if (!signedIn) void Taro.redirectTo({ url: consoleLoginUrl });
  }, [signedIn]);
  return signedIn;
}
