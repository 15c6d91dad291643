import type { ReactNode } from 'react';
import { Button, Card, Flex, Layout, Popconfirm, Tag, Typography, theme } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import type { OutboxItem } from './offlineQueue';

/** The resident's pages: no account, no menu; a red bar, the language, and one narrow column. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          height: 52,
          lineHeight: '52px',
          paddingInline: 12,
          background: token.colorPrimary,
          color: token.colorWhite,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Typography.Text strong style={{ color: token.colorWhite, fontSize: 17, whiteSpace: 'nowrap' }}>
          {t('issues.public.brand')}
        </Typography.Text>
        <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
          <Link to="/my-reports" style={{ color: token.colorWhite, whiteSpace: 'nowrap' }} data-testid="public-my-reports">
            {t('issues.public.myReports')}
          </Link>
          <LanguageSwitch compact />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 12 }}>
        <main style={{ maxWidth: 560, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}

interface OutboxListProps {
  items: OutboxItem[];
  flushing: boolean;
  onRetry: () => void;
  onDiscard: (key: string) => void;
}

/** Reports still on the phone: 待发送 (waiting for a connection) or refused by the server. */
export function OutboxList({ items, flushing, onRetry, onDiscard }: OutboxListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (items.length === 0) return null;
  const waiting = items.some((item) => item.error === null);
  return (
    <Card
      size="small"
      data-testid="outbox"
      title={t('issues.public.outboxTitle')}
      extra={
        waiting ? (
          <Button size="small" icon={<CloudUploadOutlined />} loading={flushing} onClick={onRetry} data-testid="outbox-retry">
            {t('issues.public.sendNow')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        {items.map((item) => (
          <Flex key={item.key} vertical gap={2} data-testid="outbox-item" data-state={item.error ? 'failed' : 'waiting'}>
            <Flex gap={6} wrap align="center">
              {item.error ? (
                <Tag color="red">{t('issues.public.failed')}</Tag>
              ) : (
                <Tag color="orange">{t('issues.public.waiting')}</Tag>
              )}
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {item.body.title}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.buildingName} · {formatDateTime(item.queuedAt, language)}
            </Typography.Text>
            {item.photosDropped ? (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('issues.public.photosDropped')}
              </Typography.Text>
            ) : null}
            {item.error ? (
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t(`issues.errors.${item.error}`, { defaultValue: t(`errors.${item.error}`, { defaultValue: item.error }) })}
                </Typography.Text>
                <Popconfirm title={t('issues.public.discardConfirm')} onConfirm={() => onDiscard(item.key)}>
                  <Button size="small" danger>
                    {t('issues.public.discard')}
                  </Button>
                </Popconfirm>
              </Flex>
            ) : null}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
