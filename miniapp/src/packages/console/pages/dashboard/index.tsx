import { useCallback, useMemo, useState } from 'react';
import { addDays, shanghaiDate } from '@drama/shared/calendar';
import { stageRate, type FunnelOutput } from '@drama/shared/admin';
import { StateView } from '@/components/state-view/state-view';
import { useFigures } from '@/features/console/api/get-figures';
import { useAdminSeries } from '@/features/console/api/list-admin-series';
import {
  conversionBarsOption,
  funnelOption,
  remindersOption,
  retentionOption,
  revenueByDayOption,
  revenueByProductOption,
  stageNames,
} from '@/features/console/chart-options';
import { Card, ConsoleNav } from '@/features/console/components/console-nav';
import { EChart } from '@/features/console/components/echart';
import { useOperatorGate } from '@/features/console/use-operator-gate';
import '@/features/console/components/console.css';

const ranges = [
  { days: 1, label: '今天' },
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
] as const;

type Row = FunnelOutput['byCampaign'][number];

/** Chips to pick one row (a campaign or a series) of a funnel table, each named by `name` (campaigns by their key). */
function RowPicker({ rows, picked, onPick, label, name = (key) => key }: { rows: Row[]; picked: string | undefined; onPick: (key: string) => void; label: string; name?: (key: string) => string }) {
  return (
    <div className="console-chips" role="group" aria-label={label}>
      {rows.slice(0, 12).map((r) => (
        <button key={r.key} type="button" className={`console-chip${r.key === picked ? ' console-chip--on' : ''}`} aria-pressed={r.key === picked} onClick={() => onPick(r.key)}>
          {name(r.key)}
        </button>
      ))}
    </div>
  );
}

/** The operator's dashboard: funnels per campaign and per series, revenue, reminders and retention. */
export default function ConsoleDashboardPage() {
  const signedIn = useOperatorGate();
  const [days, setDays] = useState<number>(7);
  const [refresh, setRefresh] = useState(0);
  const now = new Date();
  const to = shanghaiDate(now);
  const from = shanghaiDate(addDays(now, -(days - 1)));
  const figures = useFigures(from, to, refresh);
  // Series rows are keyed by id: the operator reads titles.
  const catalog = useAdminSeries();
  const titles = useMemo(() => new Map(catalog.status === 'success' ? catalog.data.map((s) => [s.id, s.title]) : []), [catalog]);
  const seriesName = useCallback((key: string) => titles.get(key) ?? key, [titles]);
  const [campaign, setCampaign] = useState<string>();
  const [seriesKey, setSeriesKey] = useState<string>();

  const data = figures.status === 'success' ? figures.data : undefined;
  const pickedCampaign = data?.funnel.byCampaign.find((r) => r.key === campaign) ?? data?.funnel.byCampaign[0];
  const pickedSeries = data?.funnel.bySeries.find((r) => r.key === seriesKey) ?? data?.funnel.bySeries[0];
  const options = useMemo(
    () =>
      data && {
        campaign: funnelOption(pickedCampaign, data.funnel.stages),
        series: funnelOption(pickedSeries, data.funnel.stages),
        campaigns: conversionBarsOption(data.funnel.byCampaign),
        revenueByDay: revenueByDayOption(data.revenue),
        revenueByProduct: revenueByProductOption(data.revenue, seriesName),
        reminders: remindersOption(data.reminders),
        retention: retentionOption(data.retention),
      },
    [data, pickedCampaign, pickedSeries, seriesName],
  );

  if (!signedIn) return null;
  const totals = data?.funnel.byCampaign.reduce((t, r) => ({ launch: t.launch + r.counts.launch, paid: t.paid + r.counts.paid }), { launch: 0, paid: 0 });

  return (
    <div className="console">
      <ConsoleNav current="dashboard" />
      <div className="console__body">
        <div className="console-actions" style={{ marginTop: 0, marginBottom: '20px' }}>
          <div className="console-chips" role="group" aria-label="时间范围">
            {ranges.map((r) => (
              <button key={r.days} type="button" className={`console-chip${r.days === days ? ' console-chip--on' : ''}`} aria-pressed={r.days === days} onClick={() => setDays(r.days)}>
                {r.label}
              </button>
            ))}
          </div>
          <button type="button" className="console-chip" onClick={() => setRefresh((n) => n + 1)}>
            刷新
          </button>
        </div>
        {figures.status === 'loading' && <StateView kind="loading" />}
        {figures.status === 'error' && <StateView kind="error" error={figures.error} onRetry={figures.reload} />}
        {data && options && totals && (
          <>
            <div className="console-kpis">
              <div className="console-kpi">
                <span className="console-kpi__value">{totals.launch}</span>
                <span className="console-kpi__label">启动用户</span>
              </div>
              <div className="console-kpi">
                <span className="console-kpi__value">{totals.paid}</span>
                <span className="console-kpi__label">付费用户</span>
              </div>
              <div className="console-kpi">
                <span className="console-kpi__value">{stageRate(totals.launch, totals.paid)}%</span>
                <span className="console-kpi__label">启动→支付</span>
              </div>
              <div className="console-kpi">
                <span className="console-kpi__value">¥{(data.revenue.totalFen / 100).toFixed(2)}</span>
                <span className="console-kpi__label">{data.revenue.refundedFen ? `净收入 · 退款 ¥${(data.revenue.refundedFen / 100).toFixed(2)}` : '收入'}</span>
              </div>
            </div>
            <div className="console-grid">
              <Card title="投放计划漏斗" aside={<span className="console-note">{data.funnel.stages.map((s) => stageNames[s]).join(' → ')}</span>}>
                <RowPicker rows={data.funnel.byCampaign} picked={pickedCampaign?.key} onPick={setCampaign} label="投放计划" />
                {pickedCampaign ? <EChart label={`计划 ${pickedCampaign.key} 的漏斗`} option={options.campaign} height={260} /> : <StateView kind="empty" text="暂无数据" />}
              </Card>
              <Card title="剧集漏斗">
                <RowPicker rows={data.funnel.bySeries} picked={pickedSeries?.key} onPick={setSeriesKey} label="剧集" name={seriesName} />
                {pickedSeries ? <EChart label={`《${seriesName(pickedSeries.key)}》的漏斗`} option={options.series} height={260} /> : <StateView kind="empty" text="暂无数据" />}
              </Card>
              <Card title="各计划转化率（启动→支付）">
                <EChart label="各计划转化率" option={options.campaigns} height={Math.max(160, 44 * Math.min(8, data.funnel.byCampaign.length) + 40)} />
              </Card>
              <Card title="每日收入">
                <EChart label="每日收入" option={options.revenueByDay} />
              </Card>
              <Card title="收入构成">
                {data.revenue.byProduct.length ? <EChart label="收入构成" option={options.revenueByProduct} height={300} /> : <StateView kind="empty" text="暂无收入" />}
              </Card>
              <Card title="提醒：发送 · 打开 · 退订">
                <EChart label="提醒" option={options.reminders} />
              </Card>
              <Card title="留存：连续签到天数">
                <EChart label="连续签到留存" option={options.retention} />
              </Card>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
