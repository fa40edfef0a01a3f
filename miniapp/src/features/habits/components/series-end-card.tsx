import { Button, Text, View } from '@tarojs/components';
import { useFollowToggle } from '../hooks/use-follow-toggle';
import './series-end-card.css';

export interface SeriesEndCardProps {
  seriesId: string;
  episodeCount: number;
  /** Runs in the tap on the main button: where the page asks for update reminders. */
  onRemind: () => void;
  onClose: () => void;
}

/**
 * Shown when the last released episode ends: nothing more to watch yet, so offer to follow the
 * series and be told when the next episode is out.
 */
export function SeriesEndCard({ seriesId, episodeCount, onRemind, onClose }: SeriesEndCardProps) {
  const follow = useFollowToggle(seriesId, onRemind);
  const remind = () => {
    if (follow.following) onRemind();
    else follow.toggle();
    onClose();
  };
  return (
    <View className="series-end" role="dialog" aria-label="已看完">
      <Text className="series-end__title">已看完全部 {episodeCount} 集</Text>
      <Text className="series-end__text">{follow.following ? '已追剧，新剧集上线后提醒你' : '追剧后，新剧集上线第一时间提醒你'}</Text>
      <Button role="button" className="pill series-end__main" onClick={remind}>
        {follow.following ? '开启更新提醒' : '追剧并开启更新提醒'}
      </Button>
      <Button role="button" className="series-end__close" onClick={onClose}>
        关闭
      </Button>
    </View>
  );
}
