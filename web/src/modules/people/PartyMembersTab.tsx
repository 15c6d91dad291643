import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import type { PartyMember } from '../../app/types';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { usePartyMembers, type ListFilter } from './api';

export function PartyMembersTab({ filter }: { filter: ListFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const members = usePartyMembers(filter);

  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <>
      <Table<PartyMember>
        data-testid="party-members-table"
        size="small"
        rowKey={(member) => String(member.id)}
        loading={members.isPending}
        dataSource={members.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('people.partyMembers.none') }}
        columns={[
          { key: 'name', title: t('people.fields.name'), dataIndex: 'name', fixed: 'start' },
          { key: 'branch', title: t('people.partyMembers.branch'), render: (_, m) => m.branchName ?? '—' },
          { key: 'group', title: t('people.partyMembers.group'), render: (_, m) => m.partyGroup ?? '—' },
          { key: 'joinedOn', title: t('people.partyMembers.joinedOn'), render: (_, m) => formatDate(m.joinedOn, language) },
          {
            key: 'status',
            title: t('people.partyMembers.status'),
            render: (_, m) => t(`domain.partyStatus.${m.status}`, { defaultValue: m.status }),
          },
          {
            key: 'central',
            title: t('people.partyMembers.central'),
            render: (_, m) => (m.isCentralHousehold ? <Tag color="red">{t('common.yes')}</Tag> : null),
          },
        ]}
      />
      <LoadMore
        shown={members.items.length}
        hasMore={members.hasNextPage}
        loading={members.isFetchingNextPage}
        onMore={() => void members.fetchNextPage()}
      />
    </>
  );
}
