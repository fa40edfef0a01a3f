import type { Series } from '../catalog/catalog';

/**
 * The going-live rule: a series with paid episodes is on sale only with its budget tier, its
 * licence (备案号 / 发行许可证号) and its cost report recorded. It is checked inside the very write that
 * publishes a series, edits its terms or adds a paid episode (the store turns it into the write's
 * condition), so two operators working at once can never leave a paid series on sale without them.
 */
export const paidSeriesRequires = ['licence', 'budgetTier', 'costReportKey'] as const;
export type ComplianceField = (typeof paidSeriesRequires)[number];

/** The rule as the store's writes take it. */
export interface PaidSeriesRule {
  requires: readonly ComplianceField[];
}
export const paidSeriesRule: PaidSeriesRule = { requires: paidSeriesRequires };

/** What is missing for a series to go on sale with paid episodes (for the operator's message). */
export function missingCompliance(series: Pick<Series, ComplianceField>): ComplianceField[] {
  return paidSeriesRequires.filter((f) => !series[f]);
}

export const complianceFieldText: Record<ComplianceField, string> = {
  licence: '备案号',
  budgetTier: '预算档位',
  costReportKey: '成本配置比例情况报告',
};
