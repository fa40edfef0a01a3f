import { Button } from '@tarojs/components';
import { useFollowToggle } from '../hooks/use-follow-toggle';
import './follow-button.css';

export interface FollowButtonProps {
  seriesId: string;
  /** Runs in the tap that starts following: where the page asks for update reminders. */
  onFollow?: () => void;
  /** `overlay`: translucent, for over the video. */
  variant?: 'solid' | 'overlay';
}

/** 追剧 / 已追剧. */
export function FollowButton({ seriesId, onFollow, variant = 'solid' }: FollowButtonProps) {
  const f = useFollowToggle(seriesId, onFollow);
  return (
    <Button
      role="button"
      className={`pill follow-button follow-button--${variant}${f.following ? ' follow-button--on' : ''}${!f.known ? ' follow-button--unknown' : ''}`}
      aria-pressed={f.following ? 'true' : 'false'}
      disabled={!f.known || f.busy || undefined}
      onClick={f.toggle}
    >
      {f.following ? '已追剧' : '追剧'}
    </Button>
  );
}
