import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { commentRules, type Comment } from '@drama/shared/comments';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { reportComment } from '../api/comments';
import { danmakuDensities, densityLabel } from '../danmaku';
import { setDanmakuSettings } from '../danmaku-settings';
import type { EpisodeCommunity } from '../hooks/use-episode-community';
import './comment-sheet.css';

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/**
 * 评论: the episode's comments, newest first (a 弹幕 chip on timed ones), 举报 on each, the 弹幕
 * settings, and the box to write one: sent at the current moment as 弹幕 unless switched off.
 * Everything a viewer wrote is shown as text.
 */
export function CommentSheet({ community, onClose }: { community: EpisodeCommunity; onClose: () => void }) {
  const [text, setText] = useState('');
  const [timed, setTimed] = useState(true);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { settings } = community;
  const length = [...text.trim()].length;

  const send = async () => {
    if (sending || length === 0 || length > commentRules.maxChars) return;
    setSending(true);
    setNotice(null);
    try {
      const result = await community.post(text, timed);
      setText('');
      setNotice(result.status === 'approved' ? { ok: true, text: timed && settings.on ? '已发送，弹幕已飞出' : '已发送' } : { ok: true, text: '已提交，审核通过后大家就能看到' });
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) });
    } finally {
      setSending(false);
    }
  };
  const report = (c: Comment) =>
    reportComment(c.commentId).then(
      (r) => Taro.showToast({ title: r.reported ? '已举报，我们会尽快处理' : '已经举报过了', icon: 'none' }),
      (err: unknown) => Taro.showToast({ title: errorText(err), icon: 'none' }),
    );

  return (
    <View className="comment-sheet__mask" onClick={onClose}>
      <View className="comment-sheet" role="dialog" aria-label="评论" onClick={(e) => e.stopPropagation()}>
        <View className="comment-sheet__head">
          <Text className="comment-sheet__title">评论 {community.comments.length || ''}</Text>
          <Button role="button" className="comment-sheet__close" onClick={onClose}>
            关闭
          </Button>
        </View>
        <View className="comment-sheet__settings">
          <Text>弹幕</Text>
          <Switch checked={settings.on} aria-label="弹幕开关" onChange={(e) => setDanmakuSettings({ on: e.detail.value })} />
          {danmakuDensities.map((d) => (
            <Button key={d} role="button" className={`comment-sheet__chip${settings.density === d ? ' comment-sheet__chip--on' : ''}`} aria-pressed={settings.density === d ? 'true' : 'false'} onClick={() => setDanmakuSettings({ density: d })}>
              {densityLabel[d]}
            </Button>
          ))}
        </View>
        <View className="comment-sheet__list">
          {community.listed.status === 'loading' && <StateView kind="loading" />}
          {community.listed.status === 'error' && <StateView kind="error" error={community.listed.error} onRetry={community.listed.reload} />}
          {community.listed.status === 'success' && community.comments.length === 0 && <Text className="comment-sheet__empty">还没有评论，来说第一句吧</Text>}
          {community.comments.map((c) => (
            <View key={c.commentId} className="comment-sheet__item">
              <Text className="comment-sheet__text">{c.text}</Text>
              <View className="comment-sheet__meta">
                {c.atS !== undefined && <Text className="comment-sheet__at">弹幕 {clock(c.atS)}</Text>}
                <Button role="button" className="comment-sheet__report" onClick={() => void report(c)}>
                  举报
                </Button>
              </View>
            </View>
          ))}
        </View>
        {notice && (
          <View className={notice.ok ? 'comment-sheet__ok' : 'comment-sheet__error'} role={notice.ok ? 'status' : 'alert'}>
            {notice.text}
          </View>
        )}
        <View className="comment-sheet__composer">
          <Input className="comment-sheet__input" value={text} maxlength={commentRules.maxChars} placeholder="友善发言，理性追剧" confirmType="send" aria-label="写评论" onInput={(e) => setText(e.detail.value)} onConfirm={() => void send()} />
          <Button role="button" className="pill comment-sheet__send" disabled={sending || length === 0 || undefined} onClick={() => void send()}>
            {sending ? '发送中' : '发送'}
          </Button>
        </View>
        <View className="comment-sheet__timed">
          <Switch checked={timed} aria-label="作为弹幕发送" onChange={(e) => setTimed(e.detail.value)} />
          <Text>在当前播放时刻作为弹幕发送</Text>
        </View>
      </View>
    </View>
  );
}
