import { useEffect, useRef, useState } from 'react';
import { newRequestId } from '@/lib/random-id';
import { unlockEpisode } from '../api/unlock-episode';

export type CoinUnlockState =
  | { status: 'idle' }
  | { status: 'unlocking' }
  | { status: 'short'; shortBy: number }
  | { status: 'unlocked' }
  | { status: 'error'; error: unknown };

/**
 * Unlocking one episode with coins. One requestId per episode the user means to unlock, kept
 * across retries (a retry after a lost answer never debits twice) and across a trip to the coin
 * store (a refused unlock recorded nothing, so the same key is free to succeed later).
 */
export function useCoinUnlock(seriesId: string, episode: number) {
  const [state, setState] = useState<CoinUnlockState>({ status: 'idle' });
  const requestId = useRef('');
  const mounted = useRef(true);
  useEffect(() => {
    requestId.current = newRequestId('unlock');
    setState({ status: 'idle' });
  }, [seriesId, episode]);
  useEffect(() => () => void (mounted.current = false), []);

  const unlock = async (): Promise<boolean> => {
    if (state.status === 'unlocking') return false;
    if (!requestId.current) requestId.current = newRequestId('unlock');
    setState({ status: 'unlocking' });
    try {
      const result = await unlockEpisode({ seriesId, episode, requestId: requestId.current });
      if (!mounted.current) return false;
      if (result.kind === 'short') {
        setState({ status: 'short', shortBy: result.shortBy });
        return false;
      }
      setState({ status: 'unlocked' });
      return true;
    } catch (error) {
      if (mounted.current) setState({ status: 'error', error });
      return false;
    }
  };

  return { state, unlock };
}
