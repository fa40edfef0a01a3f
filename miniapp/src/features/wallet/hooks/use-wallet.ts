import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { WalletOutput } from '@drama/shared/wallet';
import { useAsync } from '@/lib/use-async';
import { getWallet } from '../api/get-wallet';

export type WalletState = ({ status: 'loading' } | { status: 'error'; error: unknown } | { status: 'success'; data: WalletOutput }) & {
  reload: () => void;
};

/**
 * The signed-in user's wallet, asked again whenever the page comes back on screen (coins bought
 * on the store page show on the page that sent the user there). While it refreshes, the last
 * balance stays on screen rather than flashing a spinner.
 */
export function useWallet(): WalletState {
  const query = useAsync(getWallet, []);
  const last = useRef<WalletOutput>();
  const shownBefore = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which useAsync already loads.
    if (shownBefore.current) query.reload();
    shownBefore.current = true;
  });

  if (query.status === 'success') last.current = query.data;
  const { reload } = query;
  if (last.current) return { status: 'success', data: last.current, reload };
  if (query.status === 'error') return { status: 'error', error: query.error, reload };
  return { status: 'loading', reload };
}
