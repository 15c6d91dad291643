import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Unit } from '../../app/types';
import { useStats } from './api';

/** The units directly below, each with its own figures when the stats have them. */
export function ChildUnits({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const stats = useStats(unit.id);
  const figures = new Map((stats.data?.byChild ?? []).map((child) => [String(child.id), child]));

  if (unit.children.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noChildren')} />;
  }
  return (
    <Row gutter={[12, 12]}>
      {unit.children.map((child) => {
        const figure = figures.get(String(child.id));
        return (
          <Col key={String(child.id)} xs={24} sm={12} xl={8}>
            <Link to={`/units/${encodeURIComponent(String(child.id))}`} data-testid="child-unit">
              <Card size="small" hoverable>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{child.name}</Typography.Text>
                    <Tag>{t(`domain.levels.${child.level}`)}</Tag>
                  </Space>
                  {figure ? (
                    <Typography.Text type="secondary">
                      {t('org.childFigures', {
                        households: figure.households,
                        residents: figure.residents,
                        partyMembers: figure.partyMembers,
                      })}
                    </Typography.Text>
                  ) : null}
                </Space>
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}
