import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { PageHeader } from '../../app/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useMyData, useMyRevealedData } from './api';
import { ACCESS_KEYS, type PersonRecord } from './types';

type Resident = NonNullable<PersonRecord['resident']>;

function RecordCard({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [reveal, setReveal] = useState(false);
  const revealed = useMyRevealedData(reveal);
  const shown = revealed.data?.resident ?? resident;
  const items = [
    { key: 'name', label: t('people.fields.name'), children: shown.name },
    { key: 'gender', label: t('people.fields.gender'), children: t(`domain.genders.${shown.gender}`) },
    { key: 'ethnicity', label: t('people.fields.ethnicity'), children: t(`domain.ethnicities.${shown.ethnicity}`, { defaultValue: shown.ethnicity }) },
    { key: 'birthDate', label: t('people.fields.birthDate'), children: formatDate(shown.birthDate, language) },
    { key: 'relation', label: t('people.fields.relation'), children: t(`domain.relations.${shown.relation}`) },
    { key: 'party', label: t('people.fields.partyMember'), children: shown.isPartyMember ? t('common.yes') : t('common.no') },
    { key: 'phone', label: t('people.fields.phone'), children: <span data-testid="my-phone">{shown.phone ?? '—'}</span> },
    { key: 'idNumber', label: t('people.fields.idNumber'), children: <span data-testid="my-id-number">{shown.idNumber ?? '—'}</span> },
  ];
  return (
    <Card size="small" title={t('privacy.sections.record')}>
      <Flex vertical gap={12}>
        <Descriptions column={1} size="small" bordered items={items} />
        {revealed.data ? (
          <Alert data-testid="my-reveal-recorded" type="info" showIcon title={t('privacy.reveal.recorded')} />
        ) : (
          <Flex vertical gap={4}>
            <Button data-testid="my-reveal" icon={<EyeOutlined />} loading={revealed.isFetching} onClick={() => setReveal(true)} style={{ alignSelf: 'flex-start' }}>
              {t('privacy.reveal.button')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('privacy.reveal.note')}
            </Typography.Text>
          </Flex>
        )}
        {revealed.isError ? <ErrorAlert error={revealed.error} /> : null}
      </Flex>
    </Card>
  );
}

function HouseholdCard({ household }: { household: NonNullable<PersonRecord['household']> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('privacy.sections.household')} data-testid="my-household">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {household.compoundName} {household.label}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={household.members}
        renderItem={(m) => (
          <List.Item>
            <Flex gap={8} wrap align="center">
              <span>{m.name}</span>
              <Tag>{t(`domain.relations.${m.relation}`)}</Tag>
              {m.self ? <Tag color="blue">{t('privacy.self')}</Tag> : null}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ReportsCard({ reports }: { reports: PersonRecord['reports'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" title={t('privacy.sections.reports')} data-testid="my-reports">
      {reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.empty.reports')} />
      ) : (
        <List
          size="small"
          dataSource={reports}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={8} wrap align="center" justify="space-between">
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {r.title}
                  </Typography.Text>
                  <Tag>{t(`issues.status.${r.status}`, { defaultValue: r.status })}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.createdAt, language)} · {r.unitName}
                  {r.reporterPhone ? ` · ${r.reporterPhone}` : ''}
                </Typography.Text>
                {r.reply ? <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.reply}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function CasesCard({ cases }: { cases: PersonRecord['mediationCases'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" title={t('privacy.sections.cases')}>
      {cases.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.empty.cases')} />
      ) : (
        <List
          size="small"
          dataSource={cases}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(c.createdAt, language)} · {t(`mediation.kinds.${c.kind}`, { defaultValue: c.kind })} · {t(`mediation.roles.${c.role}`, { defaultValue: c.role })} ·{' '}
                  {t(`mediation.statuses.${c.status}`, { defaultValue: c.status })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function AccessesCard({ accesses }: { accesses: PersonRecord['accesses'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" title={t('privacy.sections.accesses')} data-testid="my-accesses">
      {accesses.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.empty.accesses')} />
      ) : (
        <List
          size="small"
          dataSource={accesses}
          renderItem={(a) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Typography.Text>
                  <Typography.Text strong>{a.self ? t('privacy.you') : a.by}</Typography.Text> {t(`privacy.access.${ACCESS_KEYS[a.action] ?? 'reveal'}`)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(a.at, language)}
                  {a.purpose ? ` · ${t('privacy.purposeShown', { purpose: a.purpose })}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function RightsCard() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('privacy.sections.rights')}>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {(['see', 'correct', 'erase', 'retention'] as const).map((key) => (
          <li key={key}>
            <Typography.Text>{t(`privacy.rights.${key}`)}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** 我的信息: what the platform holds about the signed-in person and who has seen their numbers (PIPL 查阅). */
export function MyDataPage() {
  const { t } = useTranslation();
  const data = useMyData();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }} data-testid="my-data-page">
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      {data.isPending ? <Skeleton active /> : null}
      {data.isError ? <ErrorAlert error={data.error} onRetry={() => void data.refetch()} /> : null}
      {data.data ? (
        <>
          {data.data.resident ? <RecordCard resident={data.data.resident} /> : <Alert type="info" showIcon title={t('privacy.notLinked')} data-testid="my-not-linked" />}
          {data.data.household ? <HouseholdCard household={data.data.household} /> : null}
          <ReportsCard reports={data.data.reports} />
          {data.data.resident ? <CasesCard cases={data.data.mediationCases} /> : null}
          {data.data.resident ? <AccessesCard accesses={data.data.accesses} /> : null}
          <RightsCard />
        </>
      ) : null}
    </Flex>
  );
}
