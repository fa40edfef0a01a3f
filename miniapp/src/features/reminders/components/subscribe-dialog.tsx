import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { SubscribeTemplate } from '../subscribe-result';
import './subscribe-dialog.css';

/** What the sandbox dialog answers per template id: the shape of WeChat's (and older Douyin's) result. */
export type SandboxAnswer = Record<string, 'accept' | 'reject' | 'ban'>;

export interface SubscribeDialogProps {
  appName: string;
  templates: SubscribeTemplate[];
  onAnswer: (answer: SandboxAnswer) => void;
}

/**
 * H5 only: the sandbox's stand-in for Douyin's subscribe-message sheet (on tt/weapp the platform
 * draws it). Each template has a checkbox, ticked to start. 允许 accepts the ticked ones; 拒绝
 * declines all. "总是保持以上选择" turns each decline into a ban (the platform stops asking).
 * Light, like the platform's own sheets, so it reads as "not the app" over the dark UI.
 */
export function SubscribeDialog({ appName, templates, onAnswer }: SubscribeDialogProps) {
  const [ticked, setTicked] = useState<Record<string, boolean>>(() => Object.fromEntries(templates.map((t) => [t.id, true])));
  const [always, setAlways] = useState(false);
  const declined = always ? 'ban' : 'reject';

  const allow = () => onAnswer(Object.fromEntries(templates.map((t) => [t.id, ticked[t.id] ? 'accept' : declined])));
  const refuse = () => onAnswer(Object.fromEntries(templates.map((t) => [t.id, declined])));

  return (
    <View className="subscribe-mask">
      <View className="subscribe" role="dialog" aria-label="订阅消息">
        <View className="subscribe__head">
          <View className="subscribe__logo">剧</View>
          <Text className="subscribe__app">{appName}</Text>
          <Text className="subscribe__sandbox">沙箱</Text>
        </View>
        <Text className="subscribe__title">申请向你发送以下消息</Text>
        <View className="subscribe__list">
          {templates.map((t) => (
            <View
              key={t.id}
              className="subscribe__row"
              role="checkbox"
              aria-checked={ticked[t.id] ? 'true' : 'false'}
              aria-label={t.label}
              onClick={() => setTicked((s) => ({ ...s, [t.id]: !s[t.id] }))}
            >
              <Text className="subscribe__label">{t.label}</Text>
              <View className={`subscribe__check${ticked[t.id] ? ' subscribe__check--on' : ''}`} />
            </View>
          ))}
        </View>
        <View
          className="subscribe__always"
          role="checkbox"
          aria-checked={always ? 'true' : 'false'}
          aria-label="总是保持以上选择，不再询问"
          onClick={() => setAlways((a) => !a)}
        >
          <View className={`subscribe__check subscribe__check--small${always ? ' subscribe__check--on' : ''}`} />
          <Text>总是保持以上选择，不再询问</Text>
        </View>
        <View className="subscribe__actions">
          <Button role="button" className="subscribe__refuse" onClick={refuse}>
            拒绝
          </Button>
          <Button role="button" className="subscribe__allow" onClick={allow}>
            允许
          </Button>
        </View>
      </View>
    </View>
  );
}
