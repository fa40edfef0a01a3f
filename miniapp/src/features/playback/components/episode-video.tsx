import { useEffect, useRef, useState } from 'react';
import { Button, Text, Video, View } from '@tarojs/components';
import { setMuted, useMuted } from '../hooks/use-muted';
import { setVideoRate, useVideoControl } from '../hooks/use-video-control';
import { needsFreshUrl } from '../media-error';
import { platformRate } from '../playback-rate';
import { ViewerCodeOverlay } from './viewer-code-overlay';
import './episode-video.css';

export interface EpisodeVideoProps {
  /** Unique on the page; a CSS identifier (H5 looks it up with `[id=…]`). */
  id: string;
  src: string;
  /** Whether this video should be playing: the current feed item, or the player's episode. */
  active: boolean;
  poster?: string;
  onEnded?: () => void;
  /** Fraction played, 0..1, as playback advances. */
  onProgress?: (fraction: number) => void;
  /** Seconds played and the episode's length, as playback advances (the resume point). */
  onTime?: (positionS: number, durationS: number) => void;
  onPause?: () => void;
  /** Start this many seconds in (resuming where the user left the episode). */
  initialTime?: number;
  onError?: () => void;
  /** Playing speed (1 = normal); the player page remembers the viewer's choice. */
  playbackRate?: number;
  /** Draw the viewer's code over the picture (a paid episode served without forensic marks). */
  overlay?: boolean;
}

/**
 * One episode, filling its (positioned) parent, no native controls: tap toggles pause, and a
 * 点击开启声音 button shows while sound is off (H5 autoplays muted).
 */
export function EpisodeVideo({ id, src, active, poster, onEnded, onProgress, onTime, onPause, initialTime, onError, playbackRate = 1, overlay }: EpisodeVideoProps) {
  const muted = useMuted();
  const [paused, setPaused] = useState(!active);
  const mounted = useRef(false);
  const control = useVideoControl(id);

  // On mount `autoplay` starts the active video; afterwards becoming (in)active plays or pauses it.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    control(active ? 'play' : 'pause');
  }, [active, control]);
  useEffect(() => setVideoRate(id, platformRate(playbackRate)), [id, src, playbackRate]);

  return (
    <View className="episode-video">
      <Video
        id={id}
        className="episode-video__video"
        src={src}
        poster={poster}
        autoplay={active}
        initialTime={initialTime}
        muted={muted}
        loop={false}
        controls={false}
        showCenterPlayBtn={false}
        showFullscreenBtn={false}
        showPlayBtn={false}
        enableProgressGesture={false}
        objectFit="contain"
        onPlay={() => {
          setPaused(false);
          // WeChat takes a rate only once playing; a new source starts at its default.
          setVideoRate(id, platformRate(playbackRate));
        }}
        onPause={() => {
          setPaused(true);
          onPause?.();
        }}
        onEnded={onEnded}
        onError={(e) => needsFreshUrl(src, e.detail) && onError?.()}
        onTimeUpdate={(e) => {
          const { currentTime, duration } = e.detail;
          if (duration > 0) onProgress?.(currentTime / duration);
          onTime?.(currentTime, duration);
        }}
      />
      {overlay && <ViewerCodeOverlay />}
      <View className="episode-video__tap" onClick={() => active && control(paused ? 'play' : 'pause')}>
        {active && paused && <View className="episode-video__play" aria-label="播放" />}
      </View>
      {active && muted && (
        <Button role="button" className="episode-video__unmute" onClick={() => setMuted(false)}>
          <Text>点击开启声音</Text>
        </Button>
      )}
    </View>
  );
}
