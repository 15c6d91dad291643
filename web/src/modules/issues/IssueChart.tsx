import ReactEChartsCore from 'echarts-for-react/esm/core';
import { LineChart, PieChart, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
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

// Only what the issue figures draw: a status and rating pie, and the monthly trend.
echarts.use([LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type IssueChartOption = echarts.ComposeOption<
  LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const COLORS = ['#c8102e', '#f5a623', '#2f6fb2', '#3a9d5d', '#8e5bb5', '#e0707f', '#5bc0be', '#8c8c8c'];

interface IssueChartProps {
  option: IssueChartOption;
  height: number;
  label: string;
  testId?: string;
}

export function IssueChart({ option, height, label, testId }: IssueChartProps) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: COLORS, textStyle: { fontFamily: FONT_FAMILY }, ...option }}
        notMerge
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
