import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { playbackRates, rateLabel, type PlaybackRate } from '../playback-rate';
import './speed-control.css';

/** 倍速: the current speed; tapping it lists the speeds to choose from. */
export function SpeedControl({ rate, onChoose }: { rate: PlaybackRate; onChoose: (rate: PlaybackRate) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="speed-control">
      <Button role="button" className="pill pill--ghost speed-control__toggle" aria-label={`倍速 ${rateLabel(rate)}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {rate === 1 ? '倍速' : rateLabel(rate)}
      </Button>
      {open && (
        <View className="speed-control__menu" role="menu" aria-label="播放速度">
          {playbackRates.map((r) => (
            <Button
              key={r}
              role="menuitemradio"
              aria-checked={r === rate}
              className={`speed-control__option${r === rate ? ' speed-control__option--on' : ''}`}
              onClick={() => {
                onChoose(r);
                setOpen(false);
              }}
            >
              <Text>{rateLabel(r)}</Text>
            </Button>
          ))}
        </View>
      )}
    </View>
  );
}
