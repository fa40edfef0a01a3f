import Taro from '@tarojs/taro';

/**
 * Where a page with `navigationStyle: 'custom'` may draw its top bar, as CSS lengths: below the
 * status bar and level with the capsule (the ⋯/× menu button tt and weapp pin top right).
 * H5 has neither, so there the bar sits below the safe-area inset (a notch, in a browser).
 */
export interface TopBar {
  top: string;
  height: string;
}

let cached: TopBar | undefined;

export function topBar(): TopBar {
  if (!cached) cached = measure();
  return cached;
}

function measure(): TopBar {
  if (process.env.TARO_ENV === 'h5') return { top: 'env(safe-area-inset-top, 0px)', height: '44px' };
  try {
    const r = Taro.getMenuButtonBoundingClientRect();
    if (r && r.height > 0) return { top: `${r.top}px`, height: `${r.height}px` };
  } catch {
    // Falls through to the status bar height.
  }
  const info = Taro.getSystemInfoSync();
  return { top: `${info.statusBarHeight ?? 20}px`, height: '32px' };
}
