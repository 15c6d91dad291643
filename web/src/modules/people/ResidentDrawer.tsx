import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined, FlagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useCan } from '../../app/session';
import type { Resident } from '../../app/types';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { ResidentPrivacyActions } from '../privacy';
import { useRevealedResident } from './api';
import { RegisterPartyMemberModal } from './RegisterPartyMemberModal';
import { ResidentFormModal } from './ResidentFormModal';

function ResidentBody({ resident, onClose }: { resident: Resident; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const can = useCan();
  const [reveal, setReveal] = useState(false);
  const [editing, setEditing] = useState(false);
  const [registering, setRegistering] = useState(false);
  const revealed = useRevealedResident(resident.id, reveal);
  const shown = revealed.data ?? resident;
  const mayReveal = resident.masked && can('people.reveal');

  const items = [
    { key: 'name', label: t('people.fields.name'), children: shown.name },
    { key: 'gender', label: t('people.fields.gender'), children: t(`domain.genders.${shown.gender}`) },
    {
      key: 'ethnicity',
      label: t('people.fields.ethnicity'),
      children: t(`domain.ethnicities.${shown.ethnicity}`, { defaultValue: shown.ethnicity }),
    },
    { key: 'birthDate', label: t('people.fields.birthDate'), children: formatDate(shown.birthDate, language) },
    { key: 'household', label: t('people.fields.household'), children: shown.householdLabel || '—' },
    { key: 'relation', label: t('people.fields.relation'), children: t(`domain.relations.${shown.relation}`) },
    {
      key: 'party',
      label: t('people.fields.partyMember'),
      children: resident.isPartyMember ? <Tag color="red" data-testid="resident-party-tag">{t('common.yes')}</Tag> : t('common.no'),
    },
    {
      key: 'phone',
      label: t('people.fields.phone'),
      children: <span data-testid="resident-detail-phone">{shown.phone ?? '—'}</span>,
    },
    {
      key: 'idNumber',
      label: t('people.fields.idNumber'),
      children: <span data-testid="resident-detail-id-number">{shown.idNumber ?? '—'}</span>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Descriptions column={1} size="small" bordered items={items} />
      {mayReveal && !revealed.data ? (
        <Flex vertical gap={8}>
          <Button
            data-testid="reveal-button"
            icon={<EyeOutlined />}
            loading={revealed.isFetching}
            onClick={() => setReveal(true)}
          >
            {t('people.reveal.button')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('people.reveal.note')}
          </Typography.Text>
        </Flex>
      ) : null}
      {revealed.data ? (
        <Alert data-testid="reveal-recorded" type="warning" showIcon title={t('people.reveal.recorded')} />
      ) : null}
      {revealed.isError ? <ErrorAlert error={revealed.error} /> : null}
      {can('people.write') ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resident-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {can('party.write') && !resident.isPartyMember ? (
        <Button icon={<FlagOutlined />} onClick={() => setRegistering(true)} data-testid="register-party-member">
          {t('people.partyMembers.register')}
        </Button>
      ) : null}
      <ResidentPrivacyActions resident={{ id: resident.id, name: resident.name }} onAnonymised={onClose} />
      <ResidentFormModal open={editing} resident={resident} onClose={() => setEditing(false)} />
      {can('party.write') ? (
        <RegisterPartyMemberModal open={registering} resident={resident} onClose={() => setRegistering(false)} />
      ) : null}
    </Flex>
  );
}

interface ResidentDrawerProps {
  resident: Resident | null;
  onClose: () => void;
}

/** A resident's card. Phone and ID number stay masked unless the user asks, and the asking is audited. */
export function ResidentDrawer({ resident, onClose }: ResidentDrawerProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  return (
    <Drawer
      open={resident !== null}
      onClose={onClose}
      title={resident?.name ?? t('people.residents.title')}
      size={mobile ? '100%' : 480}
      destroyOnHidden
      data-testid="resident-drawer"
    >
      {/* key: another resident starts masked again. */}
      {resident ? <ResidentBody key={String(resident.id)} resident={resident} onClose={onClose} /> : null}
    </Drawer>
  );
}
