import { Drawer, Empty, Flex, Spin, Table, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useLanguage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useDeliveries } from './api';
import type { Delivery, DeliveryStatus, Webhook } from './types';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

function StatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="delivery-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`notify.statuses.${status}`)}
    </Tag>
  );
}

/** The texts of one delivery, shared by the table (desktop) and the stacked list (phone). */
function useDeliveryText() {
  const { t } = useTranslation();
  const language = useLanguage();
  return {
    createdAt: (d: Delivery) => formatDateTime(d.createdAt, language),
    event: (d: Delivery) => t(`notify.events.${d.event}`, { defaultValue: d.event }),
    when: (d: Delivery) =>
      d.status === 'delivered'
        ? t('notify.webhooks.deliveredAt', { at: formatDateTime(d.deliveredAt, language) })
        : d.status === 'pending'
          ? t('notify.webhooks.nextAttempt', { at: formatDateTime(d.nextAttemptAt, language) })
          : '—',
  };
}

function DeliveryTable({ items, loading }: { items: Delivery[]; loading: boolean }) {
  const { t } = useTranslation();
  const text = useDeliveryText();
  return (
    <Table<Delivery>
      size="small"
      rowKey={(d) => String(d.id)}
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('notify.webhooks.noDeliveries') }}
      onRow={() => {
        const attributes: Record<string, unknown> = { 'data-testid': 'delivery-row' };
        return attributes;
      }}
      columns={[
        { key: 'createdAt', title: t('notify.webhooks.columns.createdAt'), render: (_, d) => text.createdAt(d) },
        { key: 'event', title: t('notify.webhooks.columns.event'), render: (_, d) => text.event(d) },
        { key: 'status', title: t('notify.webhooks.columns.status'), render: (_, d) => <StatusTag status={d.status} /> },
        { key: 'attempts', title: t('notify.webhooks.columns.attempts'), dataIndex: 'attempts', align: 'end' },
        { key: 'code', title: t('notify.webhooks.columns.lastStatusCode'), render: (_, d) => d.lastStatusCode ?? '—' },
        { key: 'when', title: t('notify.webhooks.columns.when'), render: (_, d) => text.when(d) },
        {
          key: 'error',
          title: t('notify.webhooks.columns.lastError'),
          render: (_, d) =>
            d.lastError ? (
              <Typography.Text type="danger" ellipsis={{ tooltip: d.lastError }} style={{ maxWidth: 240 }}>
                {d.lastError}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** On a phone: one block per delivery, nothing to scroll sideways. */
function DeliveryList({ items, loading }: { items: Delivery[]; loading: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const text = useDeliveryText();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.webhooks.noDeliveries')} />;
  return (
    <div role="list">
      {items.map((d) => (
        <Flex
          key={String(d.id)}
          role="listitem"
          vertical
          gap={4}
          data-testid="delivery-row"
          style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>{text.event(d)}</Typography.Text>
            <StatusTag status={d.status} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              text.createdAt(d),
              t('notify.webhooks.attemptsN', { n: d.attempts }),
              ...(d.lastStatusCode === null ? [] : [t('notify.webhooks.codeN', { code: d.lastStatusCode })]),
            ].join(' · ')}
          </Typography.Text>
          {d.status === 'failed' ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {text.when(d)}
            </Typography.Text>
          )}
          {d.lastError ? (
            <Typography.Text type="danger" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {d.lastError}
            </Typography.Text>
          ) : null}
        </Flex>
      ))}
    </div>
  );
}

/** 推送记录: what was sent to a webhook, whether it arrived, and when the next try is due. */
export function DeliveryLog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const deliveries = useDeliveries(webhook?.id ?? null);

  return (
    <Drawer
      title={webhook ? t('notify.webhooks.logFor', { name: webhook.name }) : t('notify.webhooks.log')}
      placement="right"
      size={mobile ? '100%' : 760}
      open={webhook !== null}
      onClose={onClose}
      destroyOnHidden
      data-testid="delivery-log"
    >
      {deliveries.isError ? (
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <>
          {mobile ? (
            <DeliveryList items={deliveries.items} loading={deliveries.isPending} />
          ) : (
            <DeliveryTable items={deliveries.items} loading={deliveries.isPending} />
          )}
          <LoadMore
            shown={deliveries.items.length}
            hasMore={deliveries.hasNextPage}
            loading={deliveries.isFetchingNextPage}
            onMore={() => void deliveries.fetchNextPage()}
          />
        </>
      )}
    </Drawer>
  );
}
