import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view/state-view';
import type { SceneSource } from '@/features/scene/api/create-scene';
import { ScenePlayer } from '@/features/scene/components/scene-player';
import { useScene } from '@/features/scene/hooks/use-scene';
import { chooseAlbumImage, ImageRejected, uploadImage, type PickedImage } from '@/features/scene/upload-image';
import { ApiError } from '@/lib/api-client';
import { playerPageUrl } from '@/lib/routes';
import './index.css';

/** `?seriesId=&episode=&atS=` (a drama frame) or `?upload=<key>`; with neither, pick an image from the album. */
function sourceFrom(params: Record<string, string | undefined>): SceneSource | null {
  if (params.upload) return { kind: 'upload', key: params.upload };
  const episode = Number(params.episode);
  const atS = Number(params.atS);
  if (params.seriesId && Number.isInteger(episode) && episode >= 1 && Number.isFinite(atS) && atS >= 0) {
    return { kind: 'frame', seriesId: params.seriesId, episode, atS };
  }
  return null;
}

/** 玩这个场景: steer a generated scene with its d-pad, from a drama frame or an image from the album. */
export default function ScenePlayPage() {
  const params = useRouter().params;
  const [source, setSource] = useState<SceneSource | null>(() => sourceFrom(params));
  const scene = useScene(source);

  if (!source) return <AlbumEntry onUploaded={(key) => setSource({ kind: 'upload', key })} />;

  const { view } = scene;
  return (
    <View className="scene-page">
      {view.status === 'loading' && <StateView kind="loading" text="正在生成场景…" />}
      {view.status === 'error' && <SceneError error={view.error} source={source} onRetry={scene.restart} onRepick={() => setSource(null)} />}
      {view.status === 'playing' && <ScenePlayer scene={view} onPress={scene.press} onRestart={scene.restart} />}
    </View>
  );
}

function SceneError({ error, source, onRetry, onRepick }: { error: unknown; source: SceneSource; onRetry: () => void; onRepick: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 402 && source.kind === 'frame') {
    return (
      <View className="scene-page__blocked" role="alert">
        <Text className="scene-page__text">第 {source.episode} 集需解锁后才能玩这个场景</Text>
        <Button role="button" className="pill" onClick={() => Taro.redirectTo({ url: playerPageUrl(source.seriesId, source.episode) })}>
          去解锁
        </Button>
      </View>
    );
  }
  if (status === 413 || status === 415) {
    return (
      <View className="scene-page__blocked" role="alert">
        <Text className="scene-page__text">{status === 413 ? '图片太大，请换一张' : '这不是可用的图片，请换一张'}</Text>
        <Button role="button" className="pill" onClick={onRepick}>
          重新选择
        </Button>
      </View>
    );
  }
  const text = status === 429 ? '生成引擎繁忙，请稍后重试' : undefined;
  return <StateView kind="error" error={error} text={text} onRetry={onRetry} />;
}

/** 从相册选择: H5 reads the file from an <input type=file>; tt / weapp use the platform's picker. */
function AlbumEntry({ onUploaded }: { onUploaded: (key: string) => void }) {
  const [state, setState] = useState<{ status: 'idle' | 'uploading' } | { status: 'error'; error: unknown }>({ status: 'idle' });
  const input = useRef<HTMLInputElement | null>(null);

  const upload = async (image: PickedImage | null) => {
    if (!image) return;
    setState({ status: 'uploading' });
    try {
      onUploaded(await uploadImage(image));
    } catch (error) {
      setState({ status: 'error', error });
    }
  };
  const pick = () => {
    if (process.env.TARO_ENV === 'h5') input.current?.click();
    else void chooseAlbumImage().then(upload);
  };

  if (state.status === 'uploading') return <StateView kind="loading" text="上传中…" />;
  return (
    <View className="scene-page scene-page__entry">
      <Text className="scene-page__text">选一张图片，生成可以互动的场景</Text>
      {state.status === 'error' && (
        <View className="scene-page__error" role="alert">
          {state.error instanceof ImageRejected || state.error instanceof ApiError ? state.error.message : '上传失败，请重试'}
        </View>
      )}
      <Button role="button" className="pill" onClick={pick}>
        从相册选择
      </Button>
      {process.env.TARO_ENV === 'h5' && (
        <input
          ref={input}
          className="scene-page__file"
          type="file"
          accept="image/*"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void upload({ kind: 'file', file });
          }}
        />
      )}
    </View>
  );
}
