import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { shanghaiDateTime } from '@drama/shared/calendar';
import { StateView } from '@/components/state-view/state-view';
import { getInbox } from '@/features/reminders/api/get-inbox';
import { sandboxCode } from '@/lib/session';
import { useAsync } from '@/lib/use-async';
import './index.css';

/**
 * 消息通知: on H5, the reminders the sandbox platform "delivered" to this user; a tap opens the
 * page the message links to, as tapping a platform notification does. On tt and weapp the platform
 * itself shows them (服务通知), so this page only says so.
 */
export default function InboxPage() {
  if (process.env.TARO_ENV !== 'h5') {
    return <StateView kind="empty" text="提醒消息由平台的「服务通知」送达，点开即可看到对应剧集；这里的消息列表只在 H5 沙箱中使用。" />;
  }
  return <SandboxInbox />;
}

function SandboxInbox() {
  // The platform knows the user by the account signed in here, not by our user id.
  const inbox = useAsync(() => getInbox(sandboxCode()), []);
  // Back from a message's page: new messages may have come in.
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) inbox.reload();
    shownBefore.current = true;
  });

  if (inbox.status === 'loading') return <StateView kind="loading" />;
  if (inbox.status === 'error') return <StateView kind="error" error={inbox.error} onRetry={inbox.reload} />;

  return (
    <View className="inbox">
      <View className="inbox__head">
        <Text className="inbox__hint">沙箱平台收到的提醒（代替抖音 / 微信的服务通知）</Text>
        <Button role="button" className="inbox__refresh" onClick={inbox.reload}>
          刷新
        </Button>
      </View>
      {inbox.data.items.length === 0 ? (
        <StateView kind="empty" text="还没有提醒消息。追剧并允许「追剧更新提醒」后，新剧集上线时会在这里收到。" />
      ) : (
        <View role="list">
          {inbox.data.items.map((m) => (
            <View key={m.id} className="inbox-message" role="listitem" aria-label={m.title} onClick={() => open(m.page)}>
              <View className="inbox-message__head">
                <Text className="inbox-message__app">微短剧</Text>
                <Text className="inbox-message__time">{timeText(m.at)}</Text>
              </View>
              <Text className="inbox-message__title">{m.title}</Text>
              <Text className="inbox-message__body">{m.body}</Text>
              <Text className="inbox-message__open">{m.page ? '进入小程序查看 ›' : ''}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

/** The message's deep link is a page path without the leading slash navigateTo wants. */
function open(page: string) {
  if (!page) return;
  Taro.navigateTo({ url: page.startsWith('/') ? page : `/${page}` });
}

/** "01-31 20:05" in Shanghai time. */
const timeText = (iso: string) => shanghaiDateTime(iso).slice(5);
