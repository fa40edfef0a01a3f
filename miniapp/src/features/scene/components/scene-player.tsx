import { useEffect } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import type { SceneControl, SceneControlName } from '@drama/shared/scenes';
import { canPressIn, type SceneView } from '../hooks/use-scene';
import './scene-player.css';

type Playing = Extract<SceneView, { status: 'playing' }>;

export interface ScenePlayerProps {
  scene: Playing;
  onPress: (action: number) => void;
  onRestart: () => void;
}

/** How each named control shows on the d-pad, what a screen reader says, and the keys that press it on H5. */
const pad: Record<SceneControlName, { label: string; says: string; keys: string[] }> = {
  up: { label: '↑', says: '向上看', keys: ['ArrowUp'] },
  left: { label: '←', says: '向左走', keys: ['ArrowLeft'] },
  right: { label: '→', says: '向右走', keys: ['ArrowRight'] },
  down: { label: '↓', says: '向下看', keys: ['ArrowDown'] },
  in: { label: '推近', says: '镜头推近', keys: ['+', '='] },
  out: { label: '拉远', says: '镜头拉远', keys: ['-', '_'] },
};

/**
 * A frame of the scene. On H5 a plain `<img>`: Taro's Image there is a Stencil web component that
 * hands a new `src` to its inner `<img>` on its own update queue, 100–400 ms after React set it on a
 * busy page (measured by `npm run bench:scene-paint`), so a press's precomputed frame waited for the
 * queue, not for the network. Mini-programs render Image natively and keep it.
 */
function Frame({ className, src, label }: { className: string; src: string; label?: string }) {
  if (process.env.TARO_ENV === 'h5') return <img className={className} src={src} alt={label ?? ''} aria-label={label} draggable={false} />;
  return <Image className={className} src={src} mode="scaleToFill" aria-label={label} />;
}

/** The scene: its frame scaled up, the step, a d-pad of the model's named controls (arrow keys on H5), recent frames, 重新开始. */
export function ScenePlayer({ scene, onPress, onRestart }: ScenePlayerProps) {
  const { controls } = scene;

  // H5 has a keyboard: the arrow keys (and + / −) press the controls the model has.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const onKey = (e: KeyboardEvent) => {
      const control = controls.find((c) => pad[c.name].keys.includes(e.key));
      if (!control || e.repeat) return;
      e.preventDefault(); // arrows would scroll the page
      if (canPressIn(scene, control.action)) onPress(control.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onPress, controls, scene]);

  const button = (control: SceneControl | undefined) => {
    if (!control) return undefined;
    const edge = !canPressIn(scene, control.action); // the view is as far that way as the scene goes
    return (
      // `|| undefined`: on H5 a `disabled={false}` still sets the attribute, and then the buttons look off
      <Button
        key={control.name}
        role="button"
        aria-label={edge ? `${pad[control.name].says}（已到尽头）` : pad[control.name].says}
        className={`scene-control scene-control--${control.name}${edge ? ' scene-control--edge' : ''}`}
        data-control={control.name}
        disabled={scene.pressing || edge || undefined}
        onClick={() => onPress(control.action)}
      >
        {pad[control.name].label}
      </Button>
    );
  };
  const atEdge = controls.some((c) => !canPressIn(scene, c.action));
  const named = (name: SceneControlName) => controls.find((c) => c.name === name);

  return (
    <View className="scene-player">
      <Frame className="scene-frame" src={scene.frame} label={`第 ${scene.step} 步的画面`} />
      <View className="scene-player__status">
        <Text className="scene-player__step">第 {scene.step} 步</Text>
        <Text className={`scene-ready${scene.ready ? ' scene-ready--on' : ''}`}>{scene.ready ? '就绪' : '生成中…'}</Text>
      </View>
      {atEdge && <Text className="scene-player__edge">已到场景边缘，换个方向看看</Text>}
      {scene.notice && (
        <View className="scene-player__notice" role="alert">
          {scene.notice}
        </View>
      )}
      <View className="scene-pad" aria-label="方向">
        {(['up', 'left', 'right', 'down'] as const).map((name) => button(named(name)))}
      </View>
      {(named('in') || named('out')) && <View className="scene-zoom">{(['out', 'in'] as const).map((name) => button(named(name)))}</View>}
      <View className="scene-strip" aria-label="最近的画面">
        {scene.strip.map((frame, i) => (
          <Frame key={`${scene.step - scene.strip.length + i}`} className="scene-strip__frame" src={frame} />
        ))}
      </View>
      <Button role="button" className="pill pill--ghost scene-player__restart" onClick={onRestart}>
        重新开始
      </Button>
    </View>
  );
}
