import { useState } from 'react';
import { Button, Card, Flex, List, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useCan } from '../../app/session';
import type { Id } from '../../app/types';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useCases } from './api';
import { CaseDrawer } from './CaseDrawer';
import { CaseFormModal } from './CaseFormModal';
import { StatusTag } from './StatusTag';
import { CASE_STATUSES, type CaseSummary } from './types';
import { PageHeader } from '../../app/PageHeader';

const UNIT_LEVELS = ['community', 'compound', 'building'] as const;

function Sides({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary">
      {t('mediation.list.sides', { applicants: c.applicants.join('、'), respondents: c.respondents.join('、') })}
    </Typography.Text>
  );
}

/** On a phone each case is a card: title, state, the two sides, where and when. */
function CaseCards({ items, loading, onOpen }: { items: CaseSummary[]; loading: boolean; onOpen: (id: Id) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List
      loading={loading}
      dataSource={items}
      rowKey={(c) => String(c.id)}
      locale={{ emptyText: t('mediation.list.none') }}
      renderItem={(c) => (
        <List.Item data-testid="case-row" onClick={() => onOpen(c.id)} style={{ cursor: 'pointer', display: 'block' }}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" justify="space-between">
              <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                {c.title}
              </Typography.Text>
              <StatusTag status={c.status} />
            </Flex>
            <Sides c={c} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`mediation.kinds.${c.kind}`)} · {c.unitName} · {formatDate(c.createdAt, language)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function CaseTable({ items, loading, onOpen }: { items: CaseSummary[]; loading: boolean; onOpen: (id: Id) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<CaseSummary>
      data-testid="cases-table"
      size="small"
      rowKey={(c) => String(c.id)}
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('mediation.list.none') }}
      onRow={(c) => {
        const attributes: Record<string, unknown> = { 'data-testid': 'case-row', onClick: () => onOpen(c.id), style: { cursor: 'pointer' } };
        return attributes;
      }}
      columns={[
        { key: 'number', title: t('mediation.fields.number'), render: (_, c) => c.number },
        {
          key: 'title',
          title: t('mediation.fields.title'),
          render: (_, c) => (
            <Flex vertical>
              <span>{c.title}</span>
              <Sides c={c} />
            </Flex>
          ),
        },
        { key: 'kind', title: t('mediation.fields.kind'), render: (_, c) => <Tag>{t(`mediation.kinds.${c.kind}`)}</Tag> },
        { key: 'status', title: t('mediation.fields.status'), render: (_, c) => <StatusTag status={c.status} /> },
        { key: 'unit', title: t('mediation.fields.unit'), render: (_, c) => c.unitName },
        { key: 'mediator', title: t('mediation.fields.mediator'), render: (_, c) => c.mediatorName },
        { key: 'createdAt', title: t('mediation.fields.createdAt'), render: (_, c) => formatDate(c.createdAt, language) },
      ]}
    />
  );
}

/** 让三尺: the mediation cases of the caller's part of the tree, with filters, a case drawer and 立案. */
export function MediationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const status = CASE_STATUSES.find((s) => s === params.get('status'));
  const cases = useCases({ unitId, status });
  const [openId, setOpenId] = useState<Id | null>(null);
  const [creating, setCreating] = useState(false);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={16} data-testid="mediation-page">
      <PageHeader
        title={t('mediation.title')}
        subtitle={t('mediation.subtitle')}
        extra={
          can('mediation.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-case">
              {t('mediation.form.newCase')}
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Flex gap={8} wrap>
          <div style={{ flex: '2 1 220px', minWidth: 0 }}>
            <UnitTreeSelect testId="mediation-unit" value={unitId} onChange={(value) => update({ unitId: value })} selectable={UNIT_LEVELS} allowClear placeholder={t('mediation.list.allUnits')} />
          </div>
          <Select
            data-testid="mediation-status"
            style={{ flex: '1 1 140px', minWidth: 0 }}
            allowClear
            placeholder={t('mediation.list.allStatuses')}
            value={status}
            onChange={(value: string | undefined) => update({ status: value })}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`mediation.statuses.${s}`) }))}
          />
        </Flex>
      </Card>
      {cases.isError ? (
        <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <>
          {mobile ? (
            <CaseCards items={cases.items} loading={cases.isPending} onOpen={setOpenId} />
          ) : (
            <CaseTable items={cases.items} loading={cases.isPending} onOpen={setOpenId} />
          )}
          <LoadMore shown={cases.items.length} hasMore={cases.hasNextPage} loading={cases.isFetchingNextPage} onMore={() => void cases.fetchNextPage()} />
        </>
      )}
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} />
      <CaseFormModal open={creating} unitId={unitId} onClose={() => setCreating(false)} onCreated={(detail) => setOpenId(detail.id)} />
    </Flex>
  );
}
