import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import type { CentralHousehold } from '../../app/types';
import { useCentralHouseholds } from './api';

/** 党员中心户: each party member and the neighbouring households they look after. */
export function CentralHouseholdsTab({ unitId }: { unitId: string | undefined }) {
  const { t } = useTranslation();
  const central = useCentralHouseholds(unitId);

  if (central.isError) return <ErrorAlert error={central.error} onRetry={() => void central.refetch()} />;
  return (
    <Table<CentralHousehold>
      data-testid="central-households-table"
      size="small"
      rowKey={(row) => String(row.id)}
      loading={central.isPending}
      dataSource={central.data ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('people.central.none') }}
      columns={[
        { key: 'name', title: t('people.central.member'), dataIndex: 'name' },
        {
          key: 'count',
          title: t('people.central.count'),
          align: 'right',
          render: (_, row) => row.households.length,
        },
        {
          key: 'households',
          title: t('people.central.households'),
          render: (_, row) => row.households.map((h) => <Tag key={String(h.id)}>{h.label}</Tag>),
        },
      ]}
    />
  );
}
