import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { formatDate, formatPeriod } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import type { Body, Id } from '../../app/types';
import { usePlatform } from './api';

type Party = 'community' | 'partyBranch' | 'ownersCommittee' | 'property';

function PeopleList({ people }: { people: { key: string; name: string; title: string }[] }) {
  const { t } = useTranslation();
  if (people.length === 0) return <Typography.Text type="secondary">{t('org.platform.noMembers')}</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {people.map((person) => (
        <Flex key={person.key} gap={8} align="center" wrap>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {person.title}
          </Tag>
          <Typography.Text>{person.name}</Typography.Text>
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

function BodyDetails({ body }: { body: Body }) {
  const { t } = useTranslation();
  const language = useLanguage();
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
      <PeopleList people={members} />
    </Flex>
  );
}

/** 四方平台: the community, the compound's party branch, the owners' committee and the property company. */
export function PlatformCards({ unitId }: { unitId: Id }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const platform = usePlatform(unitId);
  if (platform.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (platform.isError) return <ErrorAlert error={platform.error} onRetry={() => void platform.refetch()} />;
  const { community, partyBranch, ownersCommittee, property } = platform.data;
  const missing = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

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
      <PartyCard party="partyBranch" title={t('org.platform.partyBranch')}>
        {partyBranch ? <BodyDetails body={partyBranch} /> : missing(t('org.platform.noPartyBranch'))}
      </PartyCard>
      <PartyCard party="ownersCommittee" title={t('org.platform.ownersCommittee')}>
        {ownersCommittee ? <BodyDetails body={ownersCommittee} /> : missing(t('org.platform.noOwnersCommittee'))}
      </PartyCard>
      <PartyCard party="property" title={t('org.platform.property')}>
        {property ? <BodyDetails body={property} /> : missing(t('org.platform.noProperty'))}
      </PartyCard>
    </Row>
  );
}
