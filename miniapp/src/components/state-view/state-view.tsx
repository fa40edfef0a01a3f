import { Button, Text, View } from '@tarojs/components';
import { ApiError } from '@/lib/api-client';
import './state-view.css';

export type StateViewProps =
  | { kind: 'loading'; text?: string }
  | { kind: 'empty'; text: string }
  | { kind: 'error'; error?: unknown; text?: string; onRetry: () => void };

/** The loading, empty and error states every screen shows the same way. */
export function StateView(props: StateViewProps) {
  if (props.kind === 'loading') {
    return (
      <View className="state-view state-view--loading" aria-busy="true">
        <View className="state-view__spinner" />
        <Text className="state-view__text">{props.text ?? '加载中…'}</Text>
      </View>
    );
  }
  if (props.kind === 'empty') {
    return (
      <View className="state-view state-view--empty">
        <Text className="state-view__text">{props.text}</Text>
      </View>
    );
  }
  return (
    <View className="state-view state-view--error" role="alert">
      <Text className="state-view__text">{props.text ?? errorText(props.error)}</Text>
      <Button role="button" className="state-view__retry" onClick={props.onRetry}>
        重试
      </Button>
    </View>
  );
}

/** What to tell the user about a failure: the API's own message when it gave one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '出错了，请稍后重试';
}
