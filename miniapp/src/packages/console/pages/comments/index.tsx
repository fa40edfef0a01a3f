import { useState } from 'react';
import type { AdminComment, ModerationAction } from '@drama/shared/comments';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { moderateComment, useHeldComments } from '@/features/console/api/admin-comments';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';
import './index.css';

const why: Record<NonNullable<AdminComment['heldFor']>, string> = { review: '平台建议人工复审', unchecked: '平台检测未响应', reports: '被观众举报' };
const done: Record<ModerationAction, string> = { approve: '已通过', remove: '已删除', ban: '已删除并封禁作者' };
const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** 评论审核: comments no viewer sees until an operator decides: approve, remove, or ban the writer. */
export default function ConsoleCommentsPage() {
  const signedIn = useOperatorGate();
  const queue = useHeldComments();
  const [decided, setDecided] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!signedIn) return null;

  const decide = async (c: AdminComment, action: ModerationAction) => {
    setBusy(c.commentId);
    setError(null);
    try {
      await moderateComment(c.commentId, action);
      setDecided((d) => ({ ...d, [c.commentId]: done[action] }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="console">
      <ConsoleNav current="comments" />
      <div className="console__body">
        <Card
          title="待审评论"
          aside={
            <button type="button" className="console-button console-button--quiet" onClick={() => (setDecided({}), queue.reload())}>
              刷新
            </button>
          }
        >
          {queue.status === 'loading' && <StateView kind="loading" />}
          {queue.status === 'error' && <StateView kind="error" error={queue.error} onRetry={queue.reload} />}
          {queue.status === 'success' && queue.data.length === 0 && <StateView kind="empty" text="没有待审的评论" />}
          {error && (
            <p className="console-error" role="alert">
              {error}
            </p>
          )}
          {queue.status === 'success' &&
            queue.data.map((c) => (
              <div key={c.commentId} className="moderation-item" role="group" aria-label={`评论 ${c.commentId}`}>
                {/* What a viewer wrote, as text only. */}
                <p className="moderation-item__text">{c.text}</p>
                <span className="console-note">
                  {c.seriesId} 第 {c.episode} 集{c.atS !== undefined ? ` · 弹幕 ${c.atS}s` : ''} · {when(c.createdAt)} · {c.heldFor ? why[c.heldFor] : '待审'}
                  {c.reports ? ` · 举报 ${c.reports}` : ''} · 作者 {c.userId}
                </span>
                {decided[c.commentId] ? (
                  <span className="console-badge console-badge--on">{decided[c.commentId]}</span>
                ) : (
                  <div className="moderation-item__actions">
                    <button type="button" className="console-button" disabled={busy === c.commentId} onClick={() => void decide(c, 'approve')}>
                      通过
                    </button>
                    <button type="button" className="console-button console-button--quiet" disabled={busy === c.commentId} onClick={() => void decide(c, 'remove')}>
                      删除
                    </button>
                    <button type="button" className="console-button console-button--quiet" disabled={busy === c.commentId} onClick={() => void decide(c, 'ban')}>
                      删除并封禁作者
                    </button>
                  </div>
                )}
              </div>
            ))}
        </Card>
      </div>
    </div>
  );
}
