import { Text, View } from '@tarojs/components';
import { laneTop } from '../danmaku';
import type { EpisodeCommunity } from '../hooks/use-episode-community';
import './danmaku-layer.css';

/**
 * 弹幕 over the video: a box the shape of the picture (9:16, centred as the player's `contain`
 * fit draws it), the comments flying right to left in lanes above the subtitle band. It takes no
 * taps (they reach the video) and shows each comment as text, never as markup.
 */
export function DanmakuLayer({ community }: { community: EpisodeCommunity }) {
  if (!community.settings.on) return null;
  return (
    <View className="danmaku">
      <View className="danmaku__picture">
        {community.flying.map((f) => (
          <Text key={f.key} className={`danmaku__item${f.mine ? ' danmaku__item--mine' : ''}`} style={{ top: `${(laneTop(f.lane, f.lanes) * 100).toFixed(2)}%` }}>
            {f.text}
          </Text>
        ))}
      </View>
    </View>
  );
}
