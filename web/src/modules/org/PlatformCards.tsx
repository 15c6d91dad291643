import { useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Skeleton, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { formatDate, formatPeriod } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import type { Body, BodyKind, Id } from '../../app/types';
import { usePlatform, useRemoveBodyMember } from './api';
import { AddMemberModal, FoundBodyModal } from './BodyForms';

type Party = 'community' | 'partyBranch' | 'ownersCommittee' | 'property';

interface Listed {
  key: string;
  name: string;
  title: string;
}

function PeopleList({ people, onRemove }: { people: Listed[]; onRemove?: (person: Listed) => void }) {
  const { t } = useTranslation();
  if (people.length === 0) return <Typography.Text type="secondary">{t('org.platform.noMembers')}</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {people.map((person) => (
        <Flex key={person.key} gap={8} align="center" wrap data-testid="platform-member">
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {person.title}
          </Tag>
          <Typography.Text>{person.name}</Typography.Text>
          {onRemove ? (
            <Popconfirm
              title={t('org.platform.removeConfirm', { name: person.name })}
              okText={t('org.platform.removeMember')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onRemove(person)}
            >
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('org.platform.removeMember')}
                data-testid="platform-member-remove"
              />
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

function PartyCard({ party, title, children }: { party: Party; title: string; children: ReactNode }) {
  return (
    <Col xs={24} md={12} xl={6}>
      <Card data-testid={`platform-card-${party}`} title={title} size="small" style={{ height: '100%' }}>
        {children}
      </Card>
    </Col>
  );
}

function BodyDetails({ body, editable, onAdd }: { body: Body; editable: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const remove = useRemoveBodyMember();
  const onRemove = (person: Listed) =>
    remove.mutate(
      { bodyId: body.id, memberId: person.key },
      {
        onSuccess: () => void message.success(t('org.platform.removed')),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  const items = [{ key: 'name', label: t('org.platform.name'), children: body.name }];
  if (body.kind === 'property') {
    if (body.company && body.company !== body.name) items.push({ key: 'company', label: t('org.platform.company'), children: body.company });
    items.push({
      key: 'contract',
      label: t('org.platform.contract'),
      children: formatPeriod(body.contractStart, body.contractEnd, language),
    });
  } else {
    if (body.foundedOn) {
      items.push({ key: 'founded', label: t('org.platform.foundedOn'), children: formatDate(body.foundedOn, language) });
    }
    items.push({ key: 'term', label: t('org.platform.term'), children: formatPeriod(body.termStart, body.termEnd, language) });
  }
  const members = body.members.map((member) => ({
    key: String(member.id),
    name: member.name,
    title: t(`domain.positions.${member.position}`, { defaultValue: member.position }),
  }));
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} items={items} colon={language !== 'bo'} />
      <PeopleList people={members} onRemove={editable ? onRemove : undefined} />
      {editable ? (
        <Button icon={<PlusOutlined />} onClick={onAdd} data-testid="platform-add-member">
          {t('org.platform.addMember')}
        </Button>
      ) : null}
    </Flex>
  );
}

/** 四方平台: the community, the compound's party branch, the owners' committee and the property company. */
export function PlatformCards({ unitId, actions }: { unitId: Id; actions: string[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const can = useCan();
  const platform = usePlatform(unitId);
  const [adding, setAdding] = useState<{ body: Body; title: string } | null>(null);
  const [founding, setFounding] = useState<{ kind: BodyKind; title: string } | null>(null);
  if (platform.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (platform.isError) return <ErrorAlert error={platform.error} onRetry={() => void platform.refetch()} />;
  const { community, partyBranch, ownersCommittee, property } = platform.data;
  const editable = can('bodies.write') && actions.includes('bodies.write');
  const missing = (text: string, kind: BodyKind, title: string) => (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {editable ? (
        <Button icon={<PlusOutlined />} onClick={() => setFounding({ kind, title })} data-testid="platform-found-body">
          {t('org.platform.found')}
        </Button>
      ) : null}
    </Empty>
  );
  const body = (value: Body | null, kind: BodyKind, title: string, none: string) =>
    value ? (
      <BodyDetails body={value} editable={editable} onAdd={() => setAdding({ body: value, title })} />
    ) : (
      missing(none, kind, title)
    );
  const titles = {
    partyBranch: t('org.platform.partyBranch'),
    ownersCommittee: t('org.platform.ownersCommittee'),
    property: t('org.platform.property'),
  };

  return (
    <Row gutter={[12, 12]}>
      <PartyCard party="community" title={t('org.platform.community')}>
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            colon={language !== 'bo'}
            items={[{ key: 'name', label: t('org.platform.name'), children: community.name }]}
          />
          <PeopleList
            people={community.staff.map((person, index) => ({
              key: `${person.name}-${index}`,
              name: person.name,
              title: t(`domain.roles.${person.role}`, { defaultValue: person.role }),
            }))}
          />
        </Flex>
      </PartyCard>
      <PartyCard party="partyBranch" title={titles.partyBranch}>
        {body(partyBranch, 'party_branch', titles.partyBranch, t('org.platform.noPartyBranch'))}
      </PartyCard>
      <PartyCard party="ownersCommittee" title={titles.ownersCommittee}>
        {body(ownersCommittee, 'owners_committee', titles.ownersCommittee, t('org.platform.noOwnersCommittee'))}
      </PartyCard>
      <PartyCard party="property" title={titles.property}>
        {body(property, 'property', titles.property, t('org.platform.noProperty'))}
      </PartyCard>
      <AddMemberModal body={adding?.body ?? null} title={adding?.title ?? ''} onClose={() => setAdding(null)} />
      <FoundBodyModal unitId={unitId} kind={founding?.kind ?? null} title={founding?.title ?? ''} onClose={() => setFounding(null)} />
    </Row>
  );
}
