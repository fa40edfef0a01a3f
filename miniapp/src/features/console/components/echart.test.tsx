import { act, render, screen } from '@testing-library/react';
import { EChart } from './echart';

/** A one-step funnel whose label is the text the chart draws. */
const funnel = (label: string) => ({ series: [{ type: 'funnel', data: [{ name: label, value: 1 }] }] });

describe('EChart', () => {
  // The console e2e test caught this once in a while: the operator picked a campaign while ECharts was
  // still loading, and the chart labelled with that campaign drew the first campaign's funnel.
  it('draws the latest option when the option changed while ECharts was loading', async () => {
    const { rerender } = render(<EChart label="计划 A 的漏斗" option={funnel('启动 2')} />);
    rerender(<EChart label="计划 B 的漏斗" option={funnel('启动 1')} />);
    const chart = screen.getByRole('img', { name: '计划 B 的漏斗' });
    const svg = await drawn(chart);
    expect(svg.textContent).toContain('启动 1');
    expect(svg.textContent).not.toContain('启动 2');
  });
});

/** The chart's SVG once ECharts (real, loaded on first use) has drawn into it. */
async function drawn(el: HTMLElement): Promise<SVGElement> {
  for (let turn = 0; turn < 100; turn++) {
    const svg = el.querySelector('svg');
    if (svg?.textContent) return svg;
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }
  throw new Error('ECharts drew nothing');
}
