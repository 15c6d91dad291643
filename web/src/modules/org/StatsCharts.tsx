import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import type { Id, Stats } from '../../app/types';
import { useStats } from './api';
import { Chart, type ChartOption } from './Chart';

function byChildOption(stats: Stats, names: { households: string; residents: string; partyMembers: string }): ChartOption {
  // Horizontal bars: child names stay readable on a phone, and the chart grows with the number of children.
  const children = [...stats.byChild].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: children.map((child) => child.name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: (['households', 'residents', 'partyMembers'] as const).map((key) => ({
      type: 'bar',
      name: names[key],
      data: children.map((child) => child[key]),
      barMaxWidth: 20,
    })),
  };
}

function pieOption(data: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['30%', '55%'], center: ['50%', '45%'], data, label: { formatter: '{b}\n{d}%' } }],
  };
}

function ageOption(data: { name: string; value: number }[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: seriesName, data: data.map((d) => d.value), barMaxWidth: 48 }],
  };
}

/** Figures for a street or community: its children side by side, then who lives there. */
export function StatsCharts({ unitId }: { unitId: Id }) {
  const { t } = useTranslation();
  const stats = useStats(unitId);
  if (stats.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;

  const names = {
    households: t('org.summary.households'),
    residents: t('org.summary.residents'),
    partyMembers: t('org.summary.partyMembers'),
  };
  const ethnicity = stats.data.ethnicity.map((e) => ({
    name: t(`domain.ethnicities.${e.key}`, { defaultValue: e.key }),
    value: e.count,
  }));
  const ages = stats.data.ageBands.map((a) => ({ name: t(`domain.ageBands.${a.band}`), value: a.count }));
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('org.stats.byChild')}>
          {stats.data.byChild.length === 0 ? (
            empty
          ) : (
            <Chart
              testId="chart-by-child"
              label={t('org.stats.byChild')}
              option={byChildOption(stats.data, names)}
              height={Math.max(220, stats.data.byChild.length * 56 + 60)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('org.stats.ethnicity')}>
          {ethnicity.length === 0 ? (
            empty
          ) : (
            <Chart testId="chart-ethnicity" label={t('org.stats.ethnicity')} option={pieOption(ethnicity)} height={300} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('org.stats.ageBands')}>
          {ages.length === 0 ? (
            empty
          ) : (
            <Chart
              testId="chart-age"
              label={t('org.stats.ageBands')}
              option={ageOption(ages, names.residents)}
              height={300}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
