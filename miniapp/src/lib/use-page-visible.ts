import { useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Whether this page is the one on screen. Pages below the top of the stack (and tab pages switched
 * away from) stay mounted, so their videos must be paused by hand.
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}
