import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import type { Id } from '../../app/types';
import { useSummary } from './api';
import { SUMMARY_KEYS, type SummaryKey } from './summaryKeys';

interface SummaryCardsProps {
  unitId: Id;
  keys?: readonly SummaryKey[];
}

export function SummaryCards({ unitId, keys = SUMMARY_KEYS }: SummaryCardsProps) {
  const { t } = useTranslation();
  const summary = useSummary(unitId);
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <Row gutter={[12, 12]}>
      {keys.map((key) => (
        <Col key={key} xs={12} sm={8} xl={4}>
          <Card size="small">
            {summary.isPending ? (
              <Skeleton active paragraph={false} />
            ) : (
              <Statistic
                title={t(`org.summary.${key}`)}
                value={summary.data[key]}
                formatter={(value) => <span data-testid={`summary-${key}`}>{value}</span>}
              />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
