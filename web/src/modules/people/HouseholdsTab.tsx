import { useState } from 'react';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import type { Household, Id } from '../../app/types';
import { useHouseholds, type ListFilter } from './api';
import { HouseholdDrawer } from './HouseholdDrawer';

export function HouseholdsTab({ filter }: { filter: ListFilter }) {
  const { t } = useTranslation();
  const households = useHouseholds(filter);
  const [openId, setOpenId] = useState<Id | null>(null);

  if (households.isError) return <ErrorAlert error={households.error} onRetry={() => void households.refetch()} />;
  return (
    <>
      <Table<Household>
        data-testid="households-table"
        size="small"
        rowKey={(household) => String(household.id)}
        loading={households.isPending}
        dataSource={households.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('people.households.none') }}
        onRow={(household) => {
          const attributes: Record<string, unknown> = {
            'data-testid': 'household-row',
            onClick: () => setOpenId(household.id),
            style: { cursor: 'pointer' },
          };
          return attributes;
        }}
        columns={[
          { key: 'label', title: t('people.fields.household'), dataIndex: 'label', fixed: 'start' },
          { key: 'compound', title: t('people.fields.compound'), dataIndex: 'compoundName' },
          { key: 'building', title: t('people.fields.building'), dataIndex: 'buildingName' },
          { key: 'unitNo', title: t('people.fields.unitNo'), dataIndex: 'unitNo', align: 'right' },
          { key: 'floor', title: t('people.fields.floor'), dataIndex: 'floor', align: 'right' },
          { key: 'room', title: t('people.fields.room'), dataIndex: 'room' },
          {
            key: 'area',
            title: t('people.fields.area'),
            align: 'right',
            render: (_, h) => (h.area === null ? '—' : t('people.household.areaValue', { area: h.area })),
          },
          { key: 'residents', title: t('people.fields.residentCount'), dataIndex: 'residents', align: 'right' },
        ]}
      />
      <LoadMore
        shown={households.items.length}
        hasMore={households.hasNextPage}
        loading={households.isFetchingNextPage}
        onMore={() => void households.fetchNextPage()}
      />
      <HouseholdDrawer householdId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
