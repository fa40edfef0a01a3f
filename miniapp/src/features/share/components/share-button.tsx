import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { shareUrl } from '../share-link';
import './share-button.css';

/**
 * 分享. On tt/weapp the platform's share (a `share` button; the page's onShareAppMessage builds the
 * card from `path`). On H5, the equivalent: the link itself, to copy and send.
 */
export function ShareButton({ path, title }: { path: string; title: string }) {
  const [open, setOpen] = useState(false);
  if (process.env.TARO_ENV !== 'h5') {
    return (
      <Button role="button" className="pill pill--ghost share-button" openType="share">
        分享
      </Button>
    );
  }
  const url = shareUrl(path);
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: url });
      Taro.showToast({ title: '链接已复制', icon: 'none' });
    } catch {
      Taro.showToast({ title: '请长按链接复制', icon: 'none' });
    }
  };
  return (
    <>
      <Button role="button" className="pill pill--ghost share-button" onClick={() => setOpen(true)}>
        分享
      </Button>
      {open && (
        <View className="share-sheet-mask" onClick={() => setOpen(false)}>
          <View className="share-sheet" role="dialog" aria-label="分享本集" onClick={(e) => e.stopPropagation()}>
            <Text className="share-sheet__title">{title}</Text>
            <Text className="share-sheet__link" userSelect aria-label="分享链接">
              {url}
            </Text>
            <View className="share-sheet__actions">
              <Button role="button" className="pill" onClick={() => void copy()}>
                复制链接
              </Button>
              <Button role="button" className="pill pill--ghost" onClick={() => setOpen(false)}>
                关闭
              </Button>
            </View>
          </View>
        </View>
      )}
    </>
  );
}
