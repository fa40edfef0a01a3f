import { Button, Text, View } from '@tarojs/components';
import { errorText } from '@/lib/error-text';
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


