import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerCharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws (tree-shaken ECharts). This module is imported dynamically, from one
// place, so all of ECharts lands in one chunk that only the console's dashboard loads.
registerCharts([BarChart, FunnelChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export const initChart = (el: HTMLElement) => init(el, undefined, { renderer: 'svg' });
