import { useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';

/**
 * One console action at a time (save, cover, episode, publish): which one is running, and the
 * error or notice the last one left. An action returns its notice, or nothing when it did nothing.
 */
export function useConsoleAction() {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const run = async (what: string, action: () => Promise<string | undefined>) => {
    setBusy(what);
    setError('');
    setNotice('');
    try {
      const done = await action();
      if (done) setNotice(done);
    } catch (e) {
      // The catalog's only conflicts are the licence rule: say which field is missing.
      if (e instanceof ApiError && e.code === 'CONFLICT') setError('付费剧需要备案号：请先填写备案号再保存或上架');
      else setError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
    } finally {
      setBusy('');
    }
  };

  return { busy, error, notice, run, showError: setError };
}

export type ConsoleAction = ReturnType<typeof useConsoleAction>;
