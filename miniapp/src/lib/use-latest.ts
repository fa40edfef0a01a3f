import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that always holds the latest `value`: for an effect that calls a callback (a prop, a
 * function rebuilt each render) without re-running whenever that callback's identity changes;
 * what React's useEffectEvent does, until it is stable.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
