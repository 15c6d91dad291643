import { useState } from 'react';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useCan } from '../../app/session';
import type { AuditEntry } from '../../app/types';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useAuditLog, type AuditFilter } from './api';
import { AuditChanges } from './AuditChanges';
import { AuditFilters } from './AuditFilters';
import { AuditVerify } from './AuditVerify';

/** 操作日志: who changed or looked at what, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(filter);
  const mobile = useIsMobile();
  const can = useCan();
  // On a phone the filters would fill the first screen; they start folded there.
  const [filtersOpen, setFiltersOpen] = useState(!mobile);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Button
          icon={<FilterOutlined />}
          type={filtersOpen ? 'default' : 'dashed'}
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((open) => !open)}
          data-testid="audit-filters-toggle"
        >
          {t('audit.filters')}
        </Button>
      </Flex>
      {can('audit.verify') && <AuditVerify />}
      {/* Hidden, not unmounted: the typed filters survive folding. */}
      <Card size="small" style={filtersOpen ? undefined : { display: 'none' }}>
        <AuditFilters onApply={setFilter} />
      </Card>
      {log.isError ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            data-testid="audit-table"
            size="small"
            rowKey={(entry) => String(entry.id)}
            loading={log.isPending}
            dataSource={log.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('audit.none') }}
            expandable={{ expandedRowRender: (entry) => <AuditChanges entry={entry} /> }}
            onRow={() => {
              const attributes: Record<string, unknown> = { 'data-testid': 'audit-row' };
              return attributes;
            }}
            columns={[
              { key: 'at', title: t('audit.fields.at'), render: (_, e) => formatDateTime(e.at, language) },
              { key: 'actor', title: t('audit.fields.actor'), render: (_: unknown, e: AuditEntry) => (e.actorDisplayName ? `${e.actorDisplayName} (${e.actorName})` : e.actorName) },
              {
                key: 'action',
                title: t('audit.fields.action'),
                render: (_, e) => (
                  <span title={e.action}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</span>
                ),
              },
              {
                key: 'subject',
                title: t('audit.fields.subject'),
                render: (_, e) =>
                  `${t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })}${
                    e.subjectId === null ? '' : ` #${e.subjectId}`
                  }`,
              },
            ]}
          />
          <LoadMore
            shown={log.items.length}
            hasMore={log.hasNextPage}
            loading={log.isFetchingNextPage}
            onMore={() => void log.fetchNextPage()}
          />
        </>
      )}
    </Flex>
  );
}
