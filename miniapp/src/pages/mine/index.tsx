import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view/state-view';
import { useListSeries } from '@/features/catalog/api/list-series';
import { WatchLists } from '@/features/habits/components/watch-lists';
import { checkinPageUrl, inboxPageUrl, reminderSettingsPageUrl } from '@/features/habits/routes';
import { PreChargeNotice } from '@/features/wallet/components/pre-charge-notice';
import { useWallet } from '@/features/wallet/hooks/use-wallet';
import { membershipLine, spendable } from '@/features/wallet/wallet-text';
import { currentSession } from '@/lib/api-client';
import { canPurchase } from '@/lib/capabilities';
import { coinStorePageUrl, ledgerPageUrl, membershipPageUrl, playerPageUrl, scenePageUrl, seriesListPageUrl } from '@/lib/routes';
import { useAsync } from '@/lib/use-async';
import './index.css';

const loginName = { h5: '沙箱账号（H5）', tt: '抖音账号', weapp: '微信账号' } as Record<string, string>;

/** 我的: who is signed in, the wallet (coins, bonus, membership), and the ways to the store and every series. */
export default function MinePage() {
  const session = useAsync(currentSession, []);
  const wallet = useWallet();
  const go = (url: string) => () => Taro.navigateTo({ url });
  // 我的追剧 and 观看历史 change while the user watches elsewhere: ask again when the tab shows.
  const catalog = useListSeries();
  const [listsKey, setListsKey] = useState(0);
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) setListsKey((k) => k + 1);
    shownBefore.current = true;
  });
  const seriesOf = (id: string) => catalog.data?.items.find((s) => s.id === id);

  return (
    <View className="mine">
      <View className="mine__card">
        {session.status === 'loading' && <StateView kind="loading" text="登录中…" />}
        {session.status === 'error' && <StateView kind="error" error={session.error} onRetry={session.reload} />}
        {session.status === 'success' && (
          <View className="mine__user">
            <Text className="mine__label">{loginName[process.env.TARO_ENV] ?? '账号'}已登录</Text>
            <Text className="mine__label">用户 ID</Text>
            <Text className="mine__id" userSelect>
              {session.data.userId}
            </Text>
          </View>
        )}
      </View>

      <View className="mine__wallet" aria-label="我的钱包">
        {wallet.status === 'loading' && <StateView kind="loading" />}
        {wallet.status === 'error' && <StateView kind="error" error={wallet.error} onRetry={wallet.reload} />}
        {wallet.status === 'success' && (
          <>
            <View className="mine__stat" role="link" onClick={go(coinStorePageUrl())}>
              <Text className="mine__stat-value">{spendable(wallet.data)}</Text>
              <Text className="mine__stat-label">金币</Text>
            </View>
            <View className="mine__stat" role="link" onClick={go(coinStorePageUrl())}>
              <Text className="mine__stat-value">{wallet.data.bonusCoins}</Text>
              <Text className="mine__stat-label">其中赠送</Text>
            </View>
            <View className="mine__stat mine__stat--wide" role="link" onClick={go(membershipPageUrl)}>
              <Text className={`mine__stat-member${wallet.data.membership ? ' mine__stat-member--on' : ''}`}>
                {wallet.data.membership ? '会员' : '未开通会员'}
              </Text>
              <Text className="mine__stat-label">{wallet.data.membership ? membershipLine(wallet.data.membership) : '开通后全部剧集免费看'}</Text>
            </View>
          </>
        )}
      </View>

      {wallet.status === 'success' && <PreChargeNotice membership={wallet.data.membership} onCancelled={wallet.reload} />}

      <LinkList
        links={[
          [canPurchase() ? '金币充值' : '我的金币', coinStorePageUrl()],
          ['会员中心', membershipPageUrl],
          ['金币明细', ledgerPageUrl],
          ['全部剧集', seriesListPageUrl],
          ['从相册创建场景', scenePageUrl()],
        ]}
        go={go}
      />

      <LinkList
        className="mine__links--habits"
        links={[
          ['每日签到', checkinPageUrl],
          ['提醒设置', reminderSettingsPageUrl],
          ['消息通知', inboxPageUrl],
        ]}
        go={go}
      />

      <View className="mine__lists">
        <WatchLists seriesOf={seriesOf} refreshKey={listsKey} onOpen={(seriesId, episode) => Taro.navigateTo({ url: playerPageUrl(seriesId, episode) })} />
      </View>
    </View>
  );
}

/** A group of rows that each open a page. */
function LinkList({ links, go, className = '' }: { links: Array<[string, string]>; go: (url: string) => () => void; className?: string }) {
  return (
    <View className={`mine__links ${className}`.trim()}>
      {links.map(([label, url]) => (
        <Button key={label} role="button" className="mine__link" onClick={go(url)}>
          <Text>{label}</Text>
          <Text className="mine__chevron">›</Text>
        </Button>
      ))}
    </View>
  );
}
