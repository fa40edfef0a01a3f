import { Text, View } from '@tarojs/components';
import type { EpisodeView } from '@drama/shared/catalog';
import './episode-grid.css';

export interface EpisodeGridProps {
  episodes: EpisodeView[];
  /** The episode playing now, highlighted in the player's switcher. */
  current?: number;
  onSelect: (episode: number) => void;
}

/** Episodes 1..N as a grid; free ones carry a 免费 tag, locked ones a lock. */
export function EpisodeGrid({ episodes, current, onSelect }: EpisodeGridProps) {
  return (
    <View className="episode-grid" role="list">
      {episodes.map((e) => {
        const state = e.locked ? 'locked' : e.free ? 'free' : 'unlocked';
        const label = `第${e.index}集${e.locked ? '，需解锁' : e.free ? '，免费' : ''}`;
        return (
          <View
            key={e.index}
            className={`episode-cell ${state}${e.index === current ? ' current' : ''}`}
            role="button"
            aria-label={label}
            onClick={() => onSelect(e.index)}
          >
            <Text className="episode-cell__index">{e.index}</Text>
            {e.locked && <View className="episode-cell__lock" aria-hidden="true" />}
            {!e.locked && e.free && <Text className="episode-cell__tag">免费</Text>}
          </View>
        );
      })}
    </View>
  );
}
