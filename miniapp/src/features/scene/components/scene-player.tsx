import { useEffect } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { sceneActionCount } from '@drama/shared/scenes';
import type { SceneView } from '../hooks/use-scene';
import './scene-player.css';

type Playing = Extract<SceneView, { status: 'playing' }>;

export interface ScenePlayerProps {
  scene: Playing;
  onPress: (action: number) => void;
  onRestart: () => void;
}

const actions = Array.from({ length: sceneActionCount }, (_, i) => i);

/** The scene: its frame scaled up crisply, the step, the 8 actions (keys 1–8 on H5), recent frames, 重新开始. */
export function ScenePlayer({ scene, onPress, onRestart }: ScenePlayerProps) {
  // H5 has a keyboard: 1–8 press the actions.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= sceneActionCount && !e.repeat) onPress(n - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPress]);

  return (
    <View className="scene-player">
      {/* A 64×64 frame: pixelated scaling keeps it sharp instead of blurred. */}
      <Image className="scene-frame" src={scene.frame} mode="scaleToFill" aria-label={`第 ${scene.step} 步的画面`} />
      <View className="scene-player__status">
        <Text className="scene-player__step">第 {scene.step} 步</Text>
        <Text className={`scene-ready${scene.ready ? ' scene-ready--on' : ''}`}>{scene.ready ? '就绪' : '生成中…'}</Text>
      </View>
      {scene.notice && (
        <View className="scene-player__notice" role="alert">
          {scene.notice}
        </View>
      )}
      <View className="scene-actions">
        {actions.map((a) => (
          // `|| undefined`: on H5 a `disabled={false}` still sets the attribute, and then the buttons look off
          <Button key={a} role="button" className="scene-action" data-action={a} disabled={scene.pressing || undefined} onClick={() => onPress(a)}>
            动作 {a + 1}
          </Button>
        ))}
      </View>
      <View className="scene-strip" aria-label="最近的画面">
        {scene.strip.map((frame, i) => (
          <Image key={`${scene.step - scene.strip.length + i}`} className="scene-strip__frame" src={frame} mode="scaleToFill" />
        ))}
      </View>
      <Button role="button" className="pill pill--ghost scene-player__restart" onClick={onRestart}>
        重新开始
      </Button>
    </View>
  );
}
