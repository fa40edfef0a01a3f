import type { Trace } from '@drama/shared/forensics';

const percent = (x: number) => `${(x * 100).toFixed(x >= 0.9999 ? 4 : 2)}%`;

/** One line for the list of recorded traces. */
export function traceSummary(t: Trace): string {
  if (t.status === 'pending') return '溯源中…';
  if (t.status === 'failed' || !t.result) return `失败：${t.error ?? '未知原因'}`;
  const r = t.result;
  if (r.userId) return `观众 ${r.userId}（置信度 ${percent(r.confidence)}）`;
  return r.seriesId ? `匹配到剧集，但无法确定观众（置信度 ${percent(r.confidence)}）` : '未匹配到任何带标记的剧集';
}

/** A finished trace: the viewer (or why none is named) and the evidence behind it. */
export function TraceResultView({ trace }: { trace: Trace }) {
  if (trace.status === 'failed' || !trace.result) return <p className="console-error">{traceSummary(trace)}</p>;
  const r = trace.result;
  const e = r.evidence;
  return (
    <div className="console-trace">
      <p className={r.userId ? 'console-trace__verdict console-trace__verdict--named' : 'console-trace__verdict'}>
        {r.userId ? `来自观众 ${r.userId}` : e.episodes.length ? '无法确定是哪位观众' : '未匹配到任何带标记的剧集'}
      </p>
      <div className="console-kpis">
        <div className="console-kpi">
          <span className="console-kpi__value">{percent(r.confidence)}</span>
          <span className="console-kpi__label">置信度（命名须 ≥ 99.9%）</span>
        </div>
        <div className="console-kpi">
          <span className="console-kpi__value">
            {e.clearBits}/{e.bitsRead}
          </span>
          <span className="console-kpi__label">读出的标记位（清晰/全部）</span>
        </div>
        <div className="console-kpi">
          <span className="console-kpi__value">{e.agreeingBits}</span>
          <span className="console-kpi__label">与该观众编码一致的清晰位</span>
        </div>
        <div className="console-kpi">
          <span className="console-kpi__value">{e.candidates}</span>
          <span className="console-kpi__label">看过这些集的观众（候选）</span>
        </div>
      </div>
      {e.episodes.length > 0 && (
        <table className="console-table" aria-label="匹配到的剧集">
          <thead>
            <tr>
              <th>剧集</th>
              <th>集</th>
              <th>视频中的位置</th>
              <th>读出的片段</th>
            </tr>
          </thead>
          <tbody>
            {e.episodes.map((m) => (
              <tr key={`${m.seriesId}-${m.episode}-${m.fromS}`}>
                <td>{m.seriesId}</td>
                <td>第 {m.episode} 集</td>
                <td>
                  {m.fromS.toFixed(1)}–{m.toS.toFixed(1)} 秒
                </td>
                <td>{m.segments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.ranking.length > 0 && (
        <table className="console-table" aria-label="候选观众得分">
          <thead>
            <tr>
              <th>候选观众</th>
              <th>得分</th>
            </tr>
          </thead>
          <tbody>
            {e.ranking.map((c) => (
              <tr key={c.userId}>
                <td>{c.userId}</td>
                <td>{c.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
