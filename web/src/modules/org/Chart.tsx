import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT_FAMILY } from '../../app/theme';

// The one place echarts is set up for the app's figures (unit pages, issue statistics). Only what they draw is
// registered; the full echarts build is several hundred KB larger.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export const CHART_COLORS = ['#c8102e', '#f5a623', '#2f6fb2', '#3a9d5d', '#8e5bb5', '#e0707f', '#5bc0be', '#8c8c8c'];

interface ChartProps {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
}

/** A figure with the app's colours and fonts; it follows its container's width. */
export function Chart({ option, height, label, testId }: ChartProps) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: CHART_COLORS, textStyle: { fontFamily: FONT_FAMILY }, ...option }}
        notMerge
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
