import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Spin, Table, Tag, Typography } from 'antd';
import { LinkOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import { useIsMobile } from '../../app/media';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useApiKeys, useCreateKey, useRevokeKey } from './api';
import { useHotlineErrorText } from './errors';
import type { ApiKey, NewApiKey } from './types';
import { PageHeader } from '../../app/PageHeader';

/** The GeoReport v2 endpoint Open311 clients are configured with. */
const open311Base = () => `${window.location.origin}/open311/v2/`;

function KeyState({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return apiKey.revokedAt ? (
    <Tag color="default" style={{ marginInlineEnd: 0 }} data-testid="open311-key-revoked">
      {t('hotline.keys.revokedAt', { at: formatDateTime(apiKey.revokedAt, language) })}
    </Tag>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('hotline.keys.active')}
    </Tag>
  );
}

function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useHotlineErrorText();
  const revoke = useRevokeKey();
  if (apiKey.revokedAt || !apiKey.actions.includes('revoke')) return null;
  return (
    <Popconfirm
      title={t('hotline.keys.revokeConfirm', { name: apiKey.name })}
      description={t('hotline.keys.revokeHint')}
      okText={t('hotline.keys.revoke')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        revoke.mutateAsync(apiKey.id).then(
          () => void message.success(t('hotline.keys.revoked')),
          (error: unknown) => void message.error(errorText(error)),
        )
      }
    >
      <Button size="small" danger icon={<StopOutlined />} loading={revoke.isPending} data-testid="open311-key-revoke">
        {t('hotline.keys.revoke')}
      </Button>
    </Popconfirm>
  );
}

const Prefix = ({ apiKey }: { apiKey: ApiKey }) => <Typography.Text code>{`${apiKey.prefix}…`}</Typography.Text>;

/** On a phone each key is a card: a table of six columns would push the revoke button off the screen. */
function KeyCards({ keys }: { keys: ApiKey[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Flex vertical gap={12} data-testid="open311-keys">
      {keys.map((k) => (
        <Card
          key={String(k.id)}
          size="small"
          data-testid="open311-key-row"
          title={<Typography.Text strong ellipsis>{k.name}</Typography.Text>}
          extra={<KeyState apiKey={k} />}
        >
          <Flex vertical gap={6}>
            <Prefix apiKey={k} />
            <Typography.Text>{t('hotline.keys.unitOf', { name: k.unitName })}</Typography.Text>
            <Typography.Text type="secondary">{t('hotline.keys.createdOn', { at: formatDateTime(k.createdAt, language) })}</Typography.Text>
            <div>
              <RevokeButton apiKey={k} />
            </div>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

function KeyTable({ keys }: { keys: ApiKey[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<ApiKey>
      data-testid="open311-keys"
      size="small"
      rowKey={(k) => String(k.id)}
      dataSource={keys}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={() => {
        const attributes: Record<string, unknown> = { 'data-testid': 'open311-key-row' };
        return attributes;
      }}
      columns={[
        { key: 'name', title: t('hotline.keys.fields.name'), render: (_, k) => <Typography.Text strong>{k.name}</Typography.Text> },
        { key: 'unit', title: t('hotline.keys.fields.unit'), dataIndex: 'unitName' },
        { key: 'prefix', title: t('hotline.keys.fields.prefix'), render: (_, k) => <Prefix apiKey={k} /> },
        { key: 'created', title: t('hotline.keys.fields.createdAt'), render: (_, k) => formatDateTime(k.createdAt, language) },
        { key: 'state', title: t('hotline.keys.fields.state'), render: (_, k) => <KeyState apiKey={k} /> },
        { key: 'actions', title: t('common.actions'), render: (_, k) => <RevokeButton apiKey={k} /> },
      ]}
    />
  );
}

interface KeyValues {
  name: string;
  unitId?: string;
}

function CreateKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: NewApiKey) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<KeyValues>();
  const { message } = App.useApp();
  const errorText = useHotlineErrorText();
  const create = useCreateKey();
  return (
    <FormModal<KeyValues>
      open={open}
      title={t('hotline.keys.create')}
      form={form}
      onClose={onClose}
      pending={create.isPending}
      okText={t('hotline.keys.createOk')}
      onFinish={(values) =>
        create.mutate(
          { name: values.name.trim(), unitId: Number(values.unitId) },
          {
            onSuccess: (made) => {
              onClose();
              onCreated(made);
            },
            onError: (error) => {
              if (!showFieldIssues(form, error, ['name', 'unitId'], t)) void message.error(errorText(error));
            },
          },
        )
      }
      data-testid="open311-key-form"
    >
      <Form.Item
        name="name"
        label={t('hotline.keys.fields.name')}
        extra={t('hotline.keys.nameHint')}
        rules={[
          { required: true, whitespace: true, message: t('hotline.keys.nameRequired') },
          { max: 80, message: t('hotline.keys.nameTooLong') },
        ]}
      >
        <Input autoComplete="off" placeholder={t('hotline.keys.namePlaceholder')} data-testid="open311-key-name" />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('hotline.keys.fields.unit')}
        extra={t('hotline.keys.unitHint')}
        rules={[{ required: true, message: t('hotline.keys.unitRequired') }]}
      >
        <UnitTreeSelect testId="open311-key-unit" maxLevel="compound" />
      </Form.Item>
    </FormModal>
  );
}

/** The whole key, once: only its hash is kept, so nobody can show it again. */
function NewKeyModal({ made, onClose }: { made: NewApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={made !== null}
      title={t('hotline.keys.madeTitle', { name: made?.name ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="open311-new-key-done">
          {t('hotline.keys.saved')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('hotline.keys.onceWarning')} data-testid="open311-new-key-warning" />
        <Typography.Paragraph
          copyable={{ text: made?.key ?? '', tooltips: [t('hotline.keys.copy'), t('hotline.keys.copied')] }}
          code
          data-testid="open311-new-key"
          style={{ margin: 0, fontSize: 15, overflowWrap: 'anywhere', wordBreak: 'break-all' }}
        >
          {made?.key}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('hotline.keys.madeHint', { unit: made?.unitName ?? '' })}</Typography.Text>
      </Flex>
    </Modal>
  );
}

function EndpointCard() {
  const { t } = useTranslation();
  const base = open311Base();
  return (
    <Card size="small" title={t('hotline.keys.endpoint')} data-testid="open311-endpoint">
      <Flex vertical gap={8}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('hotline.keys.endpointHelp')}
        </Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="open311-base-url">
          {base}
        </Typography.Paragraph>
        <Typography.Link href={`${base}discovery.json`} target="_blank" rel="noreferrer" data-testid="open311-discovery">
          <LinkOutlined /> {t('hotline.keys.discovery')}
        </Typography.Link>
      </Flex>
    </Card>
  );
}

/** 开放接口密钥: the keys outside systems (a city app, the 12345 platform) use to report and follow issues. */
export function Open311KeysPage() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const mobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<NewApiKey | null>(null);

  return (
    <Flex vertical gap={16} data-testid="open311-keys-page">
      <PageHeader
        title={t('hotline.keys.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="open311-key-create">
            {t('hotline.keys.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('hotline.keys.intro')}
      </Typography.Paragraph>
      <EndpointCard />
      {keys.isError ? (
        <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.isPending ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : keys.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.keys.none')} />
      ) : (
        <>
          {mobile ? <KeyCards keys={keys.items} /> : <KeyTable keys={keys.items} />}
          <LoadMore
            shown={keys.items.length}
            hasMore={keys.hasNextPage}
            loading={keys.isFetchingNextPage}
            onMore={() => void keys.fetchNextPage()}
          />
        </>
      )}
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} onCreated={setMade} />
      <NewKeyModal made={made} onClose={() => setMade(null)} />
    </Flex>
  );
}
