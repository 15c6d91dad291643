import { useState } from 'react';
import { Button, Card, Flex, Input, Tabs, Typography } from 'antd';
import { HomeOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { CentralHouseholdsTab } from './CentralHouseholdsTab';
import { HouseholdFormModal } from './HouseholdFormModal';
import { HouseholdsTab } from './HouseholdsTab';
import { PartyMembersTab } from './PartyMembersTab';
import { ResidentFormModal } from './ResidentFormModal';
import { ResidentsTab } from './ResidentsTab';

const TABS = ['residents', 'households', 'partyMembers', 'centralHouseholds'] as const;
type Tab = (typeof TABS)[number];

/** 人员: residents, households, party members and central households of a chosen unit (default: all in scope). */
export function PeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((name) => name === params.get('tab')) ?? 'residents';
  const unitId = params.get('unitId') ?? undefined;
  const q = params.get('q') ?? undefined;
  const [form, setForm] = useState<'resident' | 'household' | null>(null);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const filter = { unitId, q };
  const searchable = tab === 'residents' || tab === 'households';

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('people.title')}
        </Typography.Title>
        {can('people.write') ? (
          <Flex gap={8} wrap>
            <Button icon={<HomeOutlined />} onClick={() => setForm('household')} data-testid="new-household">
              {t('people.form.newHousehold')}
            </Button>
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setForm('resident')}
              data-testid="new-resident"
            >
              {t('people.form.newResident')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap>
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <UnitTreeSelect
              testId="people-unit"
              value={unitId}
              onChange={(value) => update({ unitId: value })}
              allowClear
              placeholder={t('people.allUnits')}
            />
          </div>
          {searchable ? (
            <Input.Search
              key={q ?? ''}
              data-testid="people-search"
              defaultValue={q}
              allowClear
              placeholder={tab === 'residents' ? t('people.searchResidents') : t('people.searchHouseholds')}
              onSearch={(value) => update({ q: value.trim() || undefined })}
              style={{ flex: '1 1 240px', minWidth: 0 }}
            />
          ) : null}
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'residents' ? undefined : key })}
        items={[
          { key: 'residents', label: t('people.tabs.residents'), children: <ResidentsTab filter={filter} /> },
          { key: 'households', label: t('people.tabs.households'), children: <HouseholdsTab filter={filter} /> },
          { key: 'partyMembers', label: t('people.tabs.partyMembers'), children: <PartyMembersTab filter={filter} /> },
          {
            key: 'centralHouseholds',
            label: t('people.tabs.centralHouseholds'),
            children: <CentralHouseholdsTab unitId={unitId} />,
          },
        ]}
        destroyOnHidden
      />
      <ResidentFormModal open={form === 'resident'} onClose={() => setForm(null)} />
      <HouseholdFormModal open={form === 'household'} onClose={() => setForm(null)} />
    </Flex>
  );
}
