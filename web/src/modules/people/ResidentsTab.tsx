import { useState } from 'react';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import type { Id, Resident } from '../../app/types';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useResidents, type ListFilter } from './api';
import { ResidentDrawer } from './ResidentDrawer';

export function ResidentsTab({ filter }: { filter: ListFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const residents = useResidents(filter);
  // The id, not a copy: after an edit the drawer shows the refetched row.
  const [openId, setOpenId] = useState<Id | null>(null);
  const open = residents.items.find((resident) => resident.id === openId) ?? null;

  if (residents.isError) return <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />;
  return (
    <>
      <Table<Resident>
        data-testid="residents-table"
        size="small"
        rowKey={(resident) => String(resident.id)}
        loading={residents.isPending}
        dataSource={residents.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('people.residents.none') }}
        onRow={(resident) => {
          const attributes: Record<string, unknown> = {
            'data-testid': 'resident-row',
            onClick: () => setOpenId(resident.id),
            style: { cursor: 'pointer' },
          };
          return attributes;
        }}
        columns={[
          {
            key: 'name',
            title: t('people.fields.name'),
            fixed: 'start',
            render: (_, resident) => (
              <>
                {resident.name}
                {resident.isPartyMember ? (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('people.partyTag')}
                  </Tag>
                ) : null}
              </>
            ),
          },
          {
            key: 'phone',
            title: t('people.fields.phone'),
            render: (_, r) => <span data-testid="resident-phone">{r.phone ?? '—'}</span>,
          },
          { key: 'household', title: t('people.fields.household'), render: (_, r) => r.householdLabel || '—' },
          { key: 'relation', title: t('people.fields.relation'), render: (_, r) => t(`domain.relations.${r.relation}`) },
          { key: 'gender', title: t('people.fields.gender'), render: (_, r) => t(`domain.genders.${r.gender}`) },
          {
            key: 'ethnicity',
            title: t('people.fields.ethnicity'),
            render: (_, r) => t(`domain.ethnicities.${r.ethnicity}`, { defaultValue: r.ethnicity }),
          },
          { key: 'birthDate', title: t('people.fields.birthDate'), render: (_, r) => formatDate(r.birthDate, language) },
        ]}
      />
      <LoadMore
        shown={residents.items.length}
        hasMore={residents.hasNextPage}
        loading={residents.isFetchingNextPage}
        onMore={() => void residents.fetchNextPage()}
      />
      <ResidentDrawer resident={open} onClose={() => setOpenId(null)} />
    </>
  );
}
