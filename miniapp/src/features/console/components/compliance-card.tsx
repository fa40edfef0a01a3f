import { useState } from 'react';
import type { AdminSeries } from '@drama/shared/admin';
import { budgetTiers, budgetTierText, reportContentTypes, type BudgetTier } from '@drama/shared/going-live';
import { errorText } from '@/lib/error-text';
import { putCompliance } from '../api/put-compliance';
import { uploadFile } from '../api/upload-file';
import { ActionMessages } from './action-messages';
import { Card } from './console-nav';
import { ReviewDetails } from './review-status';
import './review-status.css';

/**
 * 上线合规 and 平台审核: the budget tier and the cost report beside the licence (edited with the
 * series above; burned into each episode's opening seconds), which a paid drama needs before it goes
 * on sale, and what each platform's review made of it.
 */
export function ComplianceCard({ series, onSaved }: { series: AdminSeries; onSaved: (s: AdminSeries) => void }) {
  const [tier, setTier] = useState<BudgetTier>(series.budgetTier ?? 'platform');
  const [report, setReport] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const save = async () => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      if (!series.licence) throw new Error('先在上面填写备案号并保存');
      const costReportKey = report ? (await uploadFile('report', series.id, report)).key : series.costReportKey;
      if (!costReportKey) throw new Error('请上传成本配置比例情况报告');
      onSaved(await putCompliance(series.id, { budgetTier: tier, licence: series.licence, costReportKey }));
      setReport(null);
      setNotice('合规信息已保存');
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="上线合规与平台审核">
      <div className="console-form">
        <label className="console-field">
          预算档位
          <select value={tier} onChange={(e) => setTier(e.target.value as BudgetTier)}>
            {budgetTiers.map((t) => (
              <option key={t} value={t}>
                {budgetTierText[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="console-field">
          成本配置比例情况报告（图片）
          <input type="file" accept={reportContentTypes.join(',')} onChange={(e) => setReport(e.target.files?.[0] ?? null)} />
        </label>
        <p className="console-note">
          备案号：{series.licence ?? '未填'} · 报告：{series.costReportKey ? '已上传' : '未上传'}（付费剧上架前三项必填；备案号会压制在每集片头）
        </p>
      </div>
      <div className="console-actions">
        <button type="button" className="console-button" disabled={busy} onClick={() => void save()}>
          {busy ? '保存中…' : '保存合规信息'}
        </button>
      </div>
      <ActionMessages error={error} notice={notice} />
      <ReviewDetails review={series.review} />
    </Card>
  );
}
