import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Spin, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert, useErrorText } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useDeleteWebhook, useTestWebhook, useUpdateWebhook, useWebhooks } from './api';
import { DeliveryLog } from './DeliveryLog';
import { ALL_EVENTS, type Webhook } from './types';
import { WebhookFormModal } from './WebhookFormModal';
import { PageHeader } from '../../app/PageHeader';

function EnabledSwitch({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateWebhook();
  return (
    <Switch
      size="small"
      checked={webhook.enabled}
      loading={update.isPending}
      aria-label={t('notify.webhooks.fields.enabled')}
      data-testid="webhook-enabled"
      onChange={(enabled) =>
        update.mutate(
          { id: webhook.id, changes: { enabled } },
          {
            onSuccess: () => void message.success(enabled ? t('notify.webhooks.switchedOn') : t('notify.webhooks.switchedOff')),
            onError: (error) => void message.error(errorText(error)),
          },
        )
      }
    />
  );
}

function TestButton({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const test = useTestWebhook();
  return (
    <Button
      size="small"
      icon={<SendOutlined />}
      loading={test.isPending}
      data-testid="webhook-test"
      onClick={() =>
        test.mutate(webhook.id, {
          onSuccess: (delivery) =>
            delivery.status === 'delivered'
              ? void message.success(t('notify.webhooks.testDelivered'))
              : void message.error(t('notify.webhooks.testFailed', { error: delivery.lastError ?? delivery.status })),
          onError: (error) => void message.error(errorText(error)),
        })
      }
    >
      {t('notify.webhooks.test')}
    </Button>
  );
}

/** Deleting takes the delivery log with it, so it asks first and points to switching off for a pause. */
function DeleteButton({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const remove = useDeleteWebhook();
  return (
    <Popconfirm
      title={t('notify.webhooks.deleteConfirm', { name: webhook.name })}
      description={<div style={{ maxWidth: 280 }}>{t('notify.webhooks.deleteHint')}</div>}
      okText={t('notify.webhooks.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        remove.mutateAsync(webhook.id).then(
          () => void message.success(t('notify.webhooks.deleted')),
          (error: unknown) => void message.error(errorText(error)),
        )
      }
    >
      <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="webhook-delete">
        {t('notify.webhooks.delete')}
      </Button>
    </Popconfirm>
  );
}

function EventTags({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap style={{ maxWidth: 320 }}>
      {webhook.events.map((event) => (
        <Tag key={event} color={event === ALL_EVENTS ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
          {event === ALL_EVENTS ? t('notify.events.all') : t(`notify.events.${event}`, { defaultValue: event })}
        </Tag>
      ))}
    </Flex>
  );
}

function WebhookActions({ webhook, onEdit, onLog }: { webhook: Webhook; onEdit: () => void; onLog: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="webhook-edit">
        {t('common.edit')}
      </Button>
      <TestButton webhook={webhook} />
      <Button size="small" icon={<HistoryOutlined />} onClick={onLog} data-testid="webhook-log">
        {t('notify.webhooks.log')}
      </Button>
      <DeleteButton webhook={webhook} />
    </Flex>
  );
}

/** On a phone each webhook is a card: a table of five columns would hide the switch and buttons sideways. */
function WebhookCard({ webhook, onEdit, onLog }: { webhook: Webhook; onEdit: () => void; onLog: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="webhook-row"
      title={<Typography.Text strong ellipsis>{webhook.name}</Typography.Text>}
      extra={<EnabledSwitch webhook={webhook} />}
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
          {webhook.url}
        </Typography.Text>
        <Typography.Text>{t('notify.webhooks.unitOf', { name: webhook.unitName })}</Typography.Text>
        <EventTags webhook={webhook} />
        <WebhookActions webhook={webhook} onEdit={onEdit} onLog={onLog} />
      </Flex>
    </Card>
  );
}

interface ListProps {
  webhooks: Webhook[];
  loading: boolean;
  onEdit: (webhook: Webhook) => void;
  onLog: (webhook: Webhook) => void;
}

function WebhookCards({ webhooks, loading, onEdit, onLog }: ListProps) {
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (webhooks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.webhooks.none')} />;
  return (
    <Flex vertical gap={12} data-testid="webhooks-table">
      {webhooks.map((w) => (
        <WebhookCard key={String(w.id)} webhook={w} onEdit={() => onEdit(w)} onLog={() => onLog(w)} />
      ))}
    </Flex>
  );
}

function WebhookTable({ webhooks, loading, onEdit, onLog }: ListProps) {
  const { t } = useTranslation();
  return (
    <Table<Webhook>
      data-testid="webhooks-table"
      size="small"
      rowKey={(w) => String(w.id)}
      loading={loading}
      dataSource={webhooks}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('notify.webhooks.none') }}
      onRow={() => {
        const attributes: Record<string, unknown> = { 'data-testid': 'webhook-row' };
        return attributes;
      }}
      columns={[
        {
          key: 'name',
          title: t('notify.webhooks.fields.name'),
          render: (_, w) => (
            <Flex vertical style={{ maxWidth: 260 }}>
              <Typography.Text strong>{w.name}</Typography.Text>
              <Typography.Text type="secondary" ellipsis={{ tooltip: w.url }} style={{ fontSize: 12 }}>
                {w.url}
              </Typography.Text>
            </Flex>
          ),
        },
        { key: 'unit', title: t('notify.webhooks.fields.unit'), dataIndex: 'unitName' },
        { key: 'events', title: t('notify.webhooks.fields.events'), render: (_, w) => <EventTags webhook={w} /> },
        { key: 'enabled', title: t('notify.webhooks.fields.enabled'), render: (_, w) => <EnabledSwitch webhook={w} /> },
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_, w) => <WebhookActions webhook={w} onEdit={() => onEdit(w)} onLog={() => onLog(w)} />,
        },
      ]}
    />
  );
}

/** 消息推送: webhooks that carry what happens in a unit to a chat group (企业微信群机器人) or another system. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const webhooks = useWebhooks(unitId);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const mobile = useIsMobile();

  const pickUnit = (value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set('unitId', value);
    else next.delete('unitId');
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={16} data-testid="webhooks-page">
      <PageHeader
        title={t('notify.webhooks.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="webhook-create">
            {t('notify.webhooks.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('notify.webhooks.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <UnitTreeSelect testId="webhooks-unit" value={unitId} onChange={pickUnit} allowClear placeholder={t('notify.webhooks.allUnits')} />
      </Card>
      {webhooks.isError ? (
        <ErrorAlert error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : (
        <>
          {mobile ? (
            <WebhookCards webhooks={webhooks.items} loading={webhooks.isPending} onEdit={setEditing} onLog={setLog} />
          ) : (
            <WebhookTable webhooks={webhooks.items} loading={webhooks.isPending} onEdit={setEditing} onLog={setLog} />
          )}
          <LoadMore
            shown={webhooks.items.length}
            hasMore={webhooks.hasNextPage}
            loading={webhooks.isFetchingNextPage}
            onMore={() => void webhooks.fetchNextPage()}
          />
        </>
      )}
      <WebhookFormModal
        open={editing !== null}
        webhook={editing === 'new' ? null : editing}
        defaultUnitId={unitId}
        onClose={() => setEditing(null)}
      />
      <DeliveryLog webhook={log} onClose={() => setLog(null)} />
    </Flex>
  );
}
