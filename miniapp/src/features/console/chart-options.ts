import { stageRate, type FunnelOutput, type RemindersOutput, type RetentionOutput, type RevenueOutput } from '@drama/shared/admin';
import type { FunnelStage } from '@drama/shared/events';
import { membershipProducts } from '@drama/shared/products';
import type { ReminderKind } from '@drama/shared/reminders';

/** The dashboard's chart options, built from the figures (pure, so tests can read them). */

export const stageNames: Record<FunnelStage, string> = { launch: '启动', play: '播放', paywall: '付费墙', order: '下单', paid: '支付' };
export const reminderNames: Record<ReminderKind, string> = { episode_update: '更新提醒', checkin: '签到提醒', new_drama: '新剧提醒', home_recommend: '首页推荐' };
const productNames: Record<string, string> = { coins: '金币', series: '整剧', membership: '会员' };

export const palette = ['#ff2d55', '#ff9f0a', '#ffd60a', '#30d158', '#64d2ff', '#bf5af2', '#5e5ce6'];
const text = '#d1d1d6';
const faint = '#3a3a3c';
const base = {
  backgroundColor: 'transparent',
  color: palette,
  textStyle: { color: text, fontFamily: 'inherit' },
  tooltip: { backgroundColor: '#1c1c1e', borderColor: faint, textStyle: { color: '#fff' } },
  animationDuration: 500,
};
const yuan = (fen: number) => Math.round(fen) / 100;

/** A funnel (launch → paid) for one campaign or series, each step labelled with its count and its rate from the step before. */
export function funnelOption(row: FunnelOutput['byCampaign'][number] | undefined, stages: readonly FunnelStage[]) {
  const counts = stages.map((s) => row?.counts[s] ?? 0);
  const top = Math.max(1, counts[0]);
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        right: '8%',
        top: 8,
        bottom: 8,
        minSize: '18%',
        gap: 3,
        // Widths follow the counts against the first step, so a leaky step shows as a narrowing.
        max: top,
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontSize: 13,
          formatter: (p: { name: string; value: number; dataIndex: number }) =>
            p.dataIndex === 0 ? `${p.name} ${p.value}` : `${p.name} ${p.value} · ${stageRate(counts[p.dataIndex - 1], p.value)}%`,
        },
        itemStyle: { borderColor: '#000', borderWidth: 1 },
        data: stages.map((s, i) => ({ name: stageNames[s], value: counts[i], itemStyle: { color: palette[i % palette.length] } })),
      },
    ],
  };
}

/** Conversion from launch to payment for every row, side by side. */
export function conversionBarsOption(rows: FunnelOutput['byCampaign']) {
  const shown = rows.slice(0, 8);
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%', color: text }, splitLine: { lineStyle: { color: faint } } },
    yAxis: { type: 'category', data: shown.map((r) => r.key), inverse: true, axisLabel: { color: text, width: 110, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '启动→支付',
        data: shown.map((r) => stageRate(r.counts.launch || r.counts.play, r.counts.paid)),
        barMaxWidth: 18,
        itemStyle: { borderRadius: [0, 6, 6, 0], color: palette[0] },
        label: { show: true, position: 'right', color: text, formatter: '{c}%' },
      },
    ],
  };
}

/** Revenue per day, stacked by product kind, in yuan. */
export function revenueByDayOption(revenue: RevenueOutput) {
  const kinds = ['coins', 'series', 'membership'] as const;
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'axis', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
    legend: { top: 0, textStyle: { color: text } },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: revenue.byDay.map((d) => d.date.slice(5)), axisLabel: { color: text }, axisLine: { lineStyle: { color: faint } } },
    yAxis: { type: 'value', axisLabel: { color: text, formatter: '¥{value}' }, splitLine: { lineStyle: { color: faint } } },
    series: kinds.map((k, i) => ({
      type: 'bar',
      stack: 'revenue',
      name: productNames[k],
      data: revenue.byDay.map((d) => yuan(d[k])),
      barMaxWidth: 28,
      itemStyle: { color: palette[[0, 4, 5][i]], borderRadius: i === kinds.length - 1 ? [4, 4, 0, 0] : 0 },
    })),
  };
}

/** Net revenue by product (pack, plan or series), as a ring; products refunded to nothing or less leave it. */
export function revenueByProductOption(revenue: RevenueOutput, seriesTitle: (seriesId: string) => string = (id) => id) {
  // Products are `coins:<packId>`, `series:<seriesId>`, `membership:<plan>`: operators read titles.
  const name = (key: string) => {
    const [kind, sku = ''] = key.split(':');
    if (kind === 'series') return `${productNames.series}《${seriesTitle(sku)}》`;
    if (kind === 'membership') return membershipProducts.find((p) => p.plan === sku)?.title ?? `${productNames.membership} ${sku}`;
    return `${productNames[kind] ?? kind} ${sku}`.trim();
  };
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'item', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: text } },
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#000', borderWidth: 2, borderRadius: 6 },
        label: { color: text, formatter: '{b}\n¥{c}' },
        data: revenue.byProduct.filter((p) => p.amountFen > 0).map((p) => ({ name: name(p.product), value: yuan(p.amountFen) })),
      },
    ],
    title: { text: `¥${yuan(revenue.totalFen).toFixed(2)}`, subtext: revenue.refundedFen ? `净收入（已退款 ¥${yuan(revenue.refundedFen).toFixed(2)}）` : '合计', left: 'center', top: '36%', textStyle: { color: '#fff', fontSize: 18 }, subtextStyle: { color: text } },
  };
}

/** Reminder sends, opens and opt-outs per kind. */
export function remindersOption(reminders: RemindersOutput) {
  const measures = [
    ['sent', '发送', palette[4]],
    ['opened', '打开', palette[3]],
    ['optedOut', '退订', palette[0]],
  ] as const;
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: text } },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: reminders.byKind.map((r) => reminderNames[r.kind]), axisLabel: { color: text }, axisLine: { lineStyle: { color: faint } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text }, splitLine: { lineStyle: { color: faint } } },
    series: measures.map(([key, label, color]) => ({
      type: 'bar',
      name: label,
      data: reminders.byKind.map((r) => r[key]),
      barMaxWidth: 16,
      itemStyle: { color, borderRadius: [4, 4, 0, 0] },
    })),
  };
}

/** Retention: how many users kept a check-in streak of at least n days, with the share of day one. */
export function retentionOption(retention: RetentionOutput) {
  const first = Math.max(1, retention.streaks[0]?.users ?? 0);
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: retention.streaks.map((s) => `${s.streak}天`), axisLabel: { color: text }, axisLine: { lineStyle: { color: faint } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text }, splitLine: { lineStyle: { color: faint } } },
    series: [
      {
        type: 'bar',
        name: '连续签到人数',
        barMaxWidth: 28,
        data: retention.streaks.map((s) => s.users),
        itemStyle: { borderRadius: [6, 6, 0, 0], color: palette[3] },
        label: { show: true, position: 'top', color: text, fontSize: 11, formatter: (p: { value: number }) => `${Math.round((p.value / first) * 100)}%` },
      },
    ],
  };
}
