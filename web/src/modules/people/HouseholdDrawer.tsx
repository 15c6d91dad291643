import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useCan } from '../../app/session';
import type { HouseholdDetail, Id, Resident } from '../../app/types';
import { useHousehold } from './api';
import { HouseholdFormModal } from './HouseholdFormModal';
import { ResidentDrawer } from './ResidentDrawer';
import { ResidentFormModal } from './ResidentFormModal';

function HouseholdBody({ household }: { household: HouseholdDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [openId, setOpenId] = useState<Id | null>(null);
  const openResident = household.residents.find((resident) => resident.id === openId) ?? null;
  const [form, setForm] = useState<'household' | 'resident' | null>(null);

  return (
    <Flex vertical gap={16}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'compound', label: t('people.fields.compound'), children: household.compoundName },
          { key: 'building', label: t('people.fields.building'), children: household.buildingName },
          { key: 'unitNo', label: t('people.fields.unitNo'), children: household.unitNo },
          { key: 'floor', label: t('people.fields.floor'), children: household.floor },
          { key: 'room', label: t('people.fields.room'), children: household.room },
          {
            key: 'area',
            label: t('people.fields.area'),
            children: household.area === null ? '—' : t('people.household.areaValue', { area: household.area }),
          },
        ]}
      />
      {can('people.write') ? (
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined />} onClick={() => setForm('household')}>
            {t('people.form.editHousehold')}
          </Button>
          <Button icon={<UserAddOutlined />} onClick={() => setForm('resident')} data-testid="household-add-resident">
            {t('people.form.newResident')}
          </Button>
        </Flex>
      ) : null}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('people.household.residents', { n: household.residents.length })}
      </Typography.Title>
      {household.residents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.household.noResidents')} />
      ) : (
        <Table<Resident>
          size="small"
          rowKey={(resident) => String(resident.id)}
          dataSource={household.residents}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(resident) => ({ onClick: () => setOpenId(resident.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'name',
              title: t('people.fields.name'),
              render: (_, resident) => (
                <span data-testid="household-resident">
                  {resident.name} {resident.isPartyMember ? <Tag color="red">{t('people.partyTag')}</Tag> : null}
                </span>
              ),
            },
            {
              key: 'relation',
              title: t('people.fields.relation'),
              render: (_, resident) => t(`domain.relations.${resident.relation}`),
            },
            {
              key: 'gender',
              title: t('people.fields.gender'),
              render: (_, resident) => t(`domain.genders.${resident.gender}`),
            },
            { key: 'phone', title: t('people.fields.phone'), render: (_, resident) => resident.phone ?? '—' },
          ]}
        />
      )}
      <ResidentDrawer resident={openResident} onClose={() => setOpenId(null)} />
      <HouseholdFormModal
        open={form === 'household'}
        household={{ ...household, residents: household.residents.length }}
        onClose={() => setForm(null)}
      />
      <ResidentFormModal open={form === 'resident'} householdId={household.id} onClose={() => setForm(null)} />
    </Flex>
  );
}

interface HouseholdDrawerProps {
  householdId: Id | null;
  onClose: () => void;
}

/** One household with the people living in it. */
export function HouseholdDrawer({ householdId, onClose }: HouseholdDrawerProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const household = useHousehold(householdId);
  return (
    <Drawer
      open={householdId !== null}
      onClose={onClose}
      title={household.data?.label ?? t('people.household.title')}
      size={mobile ? '100%' : 560}
      data-testid="household-drawer"
    >
      {household.isPending && householdId !== null ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {household.isError ? <ErrorAlert error={household.error} onRetry={() => void household.refetch()} /> : null}
      {household.data ? <HouseholdBody key={String(household.data.id)} household={household.data} /> : null}
    </Drawer>
  );
}
