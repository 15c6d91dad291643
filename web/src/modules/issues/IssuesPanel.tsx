import { Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { PrinterOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import type { Id } from '../../app/types';
import { qrSheetUrl, useIssueStats } from './api';
import { IssueChart, type IssueChartOption } from './IssueChart';
import { filledMonths, localShare, satisfactionPercent } from './statsView';
import { RATINGS, STATUSES, type StatsResponse } from './types';

function pie(data: { name: string; value: number }[]): IssueChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['30%', '55%'], center: ['50%', '42%'], data, label: { formatter: '{c}' } }],
  };
}

function trend(stats: StatsResponse, names: { reported: string; closed: string }): IssueChartOption {
  const months = filledMonths(stats.months);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: months.map((m) => m.month), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: names.reported, data: months.map((m) => m.reported), smooth: true },
      { type: 'line', name: names.closed, data: months.map((m) => m.closed), smooth: true },
    ],
  };
}

function ShareGauge({ title, share, testId }: { title: string; share: ReturnType<typeof localShare>; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" gap={4} data-testid={testId} data-percent={share.percent ?? ''}>
      <Progress
        type="dashboard"
        percent={share.percent ?? 0}
        format={() => (share.percent === null ? '—' : `${share.percent}%`)}
        size={120}
      />
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('issues.stats.settledOf', { settled: share.settled, closed: share.closed })}
      </Typography.Text>
    </Flex>
  );
}

/** 难点问题解在小区 in figures for a compound, community or street, from the work itself. */
export function IssuesPanel({ unitId, compound = false }: { unitId: Id; compound?: boolean }) {
  const { t } = useTranslation();
  const stats = useIssueStats(unitId);
  const actions = (
    <Flex gap={8} wrap>
      <Link to={`/issues?view=all&unitId=${encodeURIComponent(String(unitId))}`}>
        <Button icon={<UnorderedListOutlined />} data-testid="issues-panel-list">
          {t('issues.stats.list')}
        </Button>
      </Link>
      {compound ? (
        <Button icon={<PrinterOutlined />} href={qrSheetUrl(unitId)} target="_blank" rel="noopener" data-testid="qr-sheet">
          {t('issues.stats.qrSheet')}
        </Button>
      ) : null}
    </Flex>
  );
  if (stats.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  const data = stats.data;
  const satisfaction = satisfactionPercent(data);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />;
  const statusData = STATUSES.filter((s) => (data.byStatus[s] ?? 0) > 0).map((s) => ({
    name: t(`issues.status.${s}`),
    value: data.byStatus[s] ?? 0,
  }));
  const ratingData = [...RATINGS, 'none' as const]
    .filter((r) => (data.ratings[r] ?? 0) > 0)
    .map((r) => ({ name: t(`issues.rating.${r}`), value: data.ratings[r] ?? 0 }));
  const figures = [
    { key: 'total', value: data.total },
    { key: 'open', value: data.open },
    { key: 'overdue', value: data.overdue },
    { key: 'supervised', value: data.supervised },
  ] as const;

  return (
    <Flex vertical gap={12} data-testid="issues-panel">
      {actions}
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} xl={4}>
            <Card size="small">
              <Statistic
                title={t(`issues.stats.${f.key}`)}
                value={f.value}
                formatter={(value) => <span data-testid={`issue-stat-${f.key}`}>{value}</span>}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('issues.stats.satisfaction')}
              value={satisfaction === null ? '—' : satisfaction}
              suffix={satisfaction === null ? undefined : '%'}
              formatter={(value) => <span data-testid="issue-stat-satisfaction">{value}</span>}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('issues.stats.local')} style={{ height: '100%' }}>
            <Flex justify="space-around" wrap gap={12}>
              <ShareGauge title={t('issues.stats.smallInBuilding')} share={localShare(data, 'small')} testId="share-small" />
              <ShareGauge title={t('issues.stats.majorInCompound')} share={localShare(data, 'major')} testId="share-major" />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('issues.stats.byStatus')}>
            {statusData.length === 0 ? (
              empty
            ) : (
              <IssueChart testId="chart-issue-status" label={t('issues.stats.byStatus')} option={pie(statusData)} height={260} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('issues.stats.ratings')}>
            {ratingData.length === 0 ? (
              empty
            ) : (
              <IssueChart testId="chart-issue-ratings" label={t('issues.stats.ratings')} option={pie(ratingData)} height={260} />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('issues.stats.trend')}>
            {data.months.length === 0 ? (
              empty
            ) : (
              <IssueChart
                testId="chart-issue-trend"
                label={t('issues.stats.trend')}
                option={trend(data, { reported: t('issues.stats.reported'), closed: t('issues.stats.closed') })}
                height={260}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
