import { Card, Col, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import type { ContactGroup, Grid, Id } from '../../app/types';
import { useContactGroups, useGrids } from './api';

function GridsCard({ unitId }: { unitId: Id }) {
  const { t } = useTranslation();
  const grids = useGrids(unitId);
  return (
    <Card size="small" title={t('org.grids.title')} data-testid="grids">
      {grids.isError ? (
        <ErrorAlert error={grids.error} onRetry={() => void grids.refetch()} />
      ) : (
        <Table<Grid>
          size="small"
          rowKey={(grid) => String(grid.id)}
          loading={grids.isPending}
          dataSource={grids.data ?? []}
          pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('org.grids.none') }}
          columns={[
            { key: 'name', title: t('org.grids.name'), dataIndex: 'name' },
            { key: 'worker', title: t('org.grids.worker'), dataIndex: 'worker' },
            {
              key: 'units',
              title: t('org.grids.units'),
              render: (_, grid) => grid.units.map((unit) => <Tag key={String(unit.id)}>{unit.name}</Tag>),
            },
          ]}
        />
      )}
    </Card>
  );
}

function ContactGroupsCard({ unitId }: { unitId: Id }) {
  const { t } = useTranslation();
  const groups = useContactGroups(unitId);
  return (
    <Card size="small" title={t('org.contactGroups.title')} data-testid="contact-groups">
      {groups.isError ? (
        <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<ContactGroup>
          size="small"
          rowKey={(group) => String(group.id)}
          loading={groups.isPending}
          dataSource={groups.data ?? []}
          pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('org.contactGroups.none') }}
          columns={[
            { key: 'name', title: t('org.contactGroups.name'), dataIndex: 'name' },
            { key: 'leader', title: t('org.contactGroups.leader'), render: (_, group) => group.leader ?? '—' },
            { key: 'households', title: t('org.contactGroups.households'), dataIndex: 'households', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

/** The compound's grids (网格, each with its worker) and its 联户 contact groups. */
export function GridsAndGroups({ unitId }: { unitId: Id }) {
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <GridsCard unitId={unitId} />
      </Col>
      <Col xs={24} lg={12}>
        <ContactGroupsCard unitId={unitId} />
      </Col>
    </Row>
  );
}
