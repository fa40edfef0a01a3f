import Taro from '@tarojs/taro';
import { Button, ScrollView, View } from '@tarojs/components';
import { fixedTabs, sameTab, type HomeTab } from '../home-tabs';
import { searchPageUrl } from '../routes';
import './home-tabs.css';

/** The home page's top bar: 推荐 · 热播榜 · 新剧 · the categories, and 搜索. */
export function HomeTabs({ value, categories, onChange }: { value: HomeTab; categories: string[]; onChange: (tab: HomeTab) => void }) {
  const tabs = [...fixedTabs, ...categories.map((tag) => ({ tab: { kind: 'category', tag } as HomeTab, label: tag }))];
  return (
    <View className="home-tabs">
      <ScrollView className="home-tabs__strip" scrollX enhanced showScrollbar={false}>
        <View className="home-tabs__row" role="tablist">
          {tabs.map(({ tab, label }) => (
            <View key={label} role="tab" aria-selected={sameTab(tab, value) ? 'true' : 'false'} className={`home-tabs__tab${sameTab(tab, value) ? ' home-tabs__tab--on' : ''}`} onClick={() => onChange(tab)}>
              {label}
            </View>
          ))}
        </View>
      </ScrollView>
      <Button role="button" className="home-tabs__search" aria-label="搜索" onClick={() => Taro.navigateTo({ url: searchPageUrl })}>
        搜索
      </Button>
    </View>
  );
}
