import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * One ECharts chart in a div (H5). ECharts is loaded on first use, as its own chunk, so only the
 * console's dashboard ever downloads it. The SVG renderer keeps labels as text (crisp on any screen,
 * readable by tests and screen readers).
 */
type ECharts = { setOption(o: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void };

let loading: Promise<(el: HTMLElement) => ECharts> | null = null;
const loadECharts = () => (loading ??= import('../echarts-setup').then((m) => (el: HTMLElement) => m.initChart(el) as unknown as ECharts));

export function EChart({ option, height = 280, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The option of the latest render: ECharts loads asynchronously, and an option that changes while it
  // loads (an operator picks another campaign) must be the one drawn, not the first render's.
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    const onResize = () => chart.current?.resize();
    void loadECharts().then((init) => {
      if (disposed || !el.current) return;
      chart.current = init(el.current);
      chart.current.setOption(latest.current, true);
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className="echart" role="img" aria-label={label} style={{ width: '100%', height: `${height}px` }} />;
}
