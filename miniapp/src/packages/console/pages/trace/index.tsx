import { useEffect, useRef, useState } from 'react';
import type { Trace } from '@drama/shared/forensics';
import { StateView } from '@/components/state-view/state-view';
import { errorText } from '@/lib/error-text';
import { startTrace, uploadSuspect, useTraces, viewerOfCode, waitForTrace } from '@/features/console/api/traces';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { TraceResultView, traceSummary } from '@/features/console/components/trace-result';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

/**
 * 盗版溯源: upload a suspect copy and see which viewer it was made for, with the evidence; every
 * trace is recorded and listed. Also: the viewer behind a code read off an overlaid copy.
 */
export default function ConsoleTracePage() {
  const signedIn = useOperatorGate();
  const [refresh, setRefresh] = useState(0);
  const traces = useTraces(refresh);
  const [step, setStep] = useState<'idle' | 'uploading' | 'tracing'>('idle');
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeAnswer, setCodeAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const left = useRef(false);
  useEffect(() => () => void (left.current = true), []);

  if (!signedIn) return null;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setTrace(null);
    try {
      setStep('uploading');
      const key = await uploadSuspect(file);
      setStep('tracing');
      const started = await startTrace(key);
      const done = await waitForTrace(started.traceId, () => left.current);
      if (done) setTrace(done);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setStep('idle');
    }
  };
  const lookUp = async () => {
    setCodeAnswer(null);
    try {
      const viewer = await viewerOfCode(code);
      setCodeAnswer({ ok: true, text: `观众码 ${code.toUpperCase()} 属于观众 ${viewer.userId}` });
    } catch (e) {
      setCodeAnswer({ ok: false, text: errorText(e) });
    }
  };

  return (
    <div className="console">
      <ConsoleNav current="trace" />
      <div className="console__body">
        <Card title="上传可疑视频">
          <p className="console-note">每位观众看到的付费集都带有不可见的专属标记。上传在外流传的视频文件（可以是转码、裁剪、截掉片头的版本），系统会找出对应的剧集并读出标记，判断它来自哪位观众。</p>
          <label className="console-field console-field--wide">
            <span>视频文件</span>
            <input type="file" accept="video/*" aria-label="可疑视频文件" disabled={step !== 'idle'} onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
          </label>
          {step === 'uploading' && <p className="console-note">正在上传…</p>}
          {step === 'tracing' && <p className="console-note">正在比对剧集、读取标记…（约需十几秒）</p>}
          {error && <p className="console-error">{error}</p>}
        </Card>
        {trace && (
          <Card title="溯源结果">
            <TraceResultView trace={trace} />
          </Card>
        )}
        <Card title="观众码查询">
          <p className="console-note">平台托管的视频无法带上不可见标记，播放时画面上会浮动显示观众码；从录屏中读到观众码后在这里查询。</p>
          <div className="console-actions">
            <input className="console-code" aria-label="观众码" maxLength={5} value={code} onChange={(e) => setCode(e.currentTarget.value)} placeholder="例如 7KQ2M" />
            <button type="button" className="console-button" disabled={code.trim().length !== 5} onClick={() => void lookUp()}>
              查询
            </button>
          </div>
          {codeAnswer && <p className={codeAnswer.ok ? 'console-ok' : 'console-error'}>{codeAnswer.text}</p>}
        </Card>
        <Card title="溯源记录">
          {traces.status === 'loading' && <StateView kind="loading" />}
          {traces.status === 'error' && <StateView kind="error" error={traces.error} onRetry={traces.reload} />}
          {traces.status === 'success' && traces.data.length === 0 && <StateView kind="empty" text="还没有溯源记录" />}
          {traces.status === 'success' && traces.data.length > 0 && (
            <table className="console-table">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>结果</th>
                </tr>
              </thead>
              <tbody>
                {traces.data.map((t) => (
                  <tr key={t.traceId}>
                    <td>{new Date(t.createdAt).toLocaleString('zh-CN', { hour12: false })}</td>
                    <td>{traceSummary(t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </div>
  );
}
