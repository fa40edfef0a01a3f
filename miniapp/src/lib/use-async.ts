import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

type Settled<T> = AsyncState<T> & { deps: unknown[] };

const sameDeps = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Runs `load` when `deps` change and on `reload()`. An answer belongs to the deps it was asked
 * for: while new deps load, the old answer is not shown, and answers of superseded runs are dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> & { reload: () => void } {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const run = useRef(0);

  useEffect(() => {
    const id = ++run.current;
    setSettled(null);
    load().then(
      (data) => id === run.current && setSettled({ status: 'success', data, deps }),
      (error: unknown) => id === run.current && setSettled({ status: 'error', error, deps }),
    );
    // `load` is rebuilt every render; `deps` say when it means something new (the caller's list,
    // as useEffect's own: the rule cannot see through it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  if (!settled || !sameDeps(settled.deps, deps)) return { status: 'loading', reload };
  const { deps: _deps, ...state } = settled;
  return { ...state, reload } as AsyncState<T> & { reload: () => void };
}
