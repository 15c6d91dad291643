import { useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Flex, Segmented, Spin, Tooltip, Typography, theme } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert, useErrorText } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useLanguage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api';
import type { AppNotification } from './types';

/** Only paths inside this app are followed; anything else stored as a link is ignored. */
const internalLink = (link: string | null): string | null => (link && link.startsWith('/') && !link.startsWith('//') ? link : null);

function NotificationItem({ item, onOpen }: { item: AppNotification; onOpen: (item: AppNotification) => void }) {
  const language = useLanguage();
  const { token } = theme.useToken();
  const unread = item.readAt === null;
  return (
    <button
      type="button"
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      onClick={() => onOpen(item)}
      style={{
        display: 'flex',
        gap: 10,
        width: '100%',
        textAlign: 'start',
        padding: '12px 16px',
        border: 'none',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: unread ? token.colorPrimaryBg : 'transparent',
        cursor: 'pointer',
        font: 'inherit',
        color: 'inherit',
      }}
    >
      <span
        aria-hidden
        style={{ flex: '0 0 8px', height: 8, marginTop: 8, borderRadius: 4, background: unread ? token.colorPrimary : 'transparent' }}
      />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong={unread} style={{ overflowWrap: 'anywhere' }}>
          {item.title}
        </Typography.Text>
        {item.body ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {item.body}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(item.createdAt, language)}
        </Typography.Text>
      </Flex>
    </button>
  );
}

function NotificationDrawer({ open, onClose, unread }: { open: boolean; onClose: () => void; unread: number }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly, open);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const openItem = (item: AppNotification) => {
    const link = internalLink(item.link);
    if (item.readAt === null) markRead.mutate(item.id, { onError: (error) => void message.error(errorText(error)) });
    if (link) {
      onClose();
      void navigate(link);
    }
  };

  return (
    <Drawer
      title={t('notify.title')}
      placement="right"
      size={mobile ? '100%' : 420}
      open={open}
      onClose={onClose}
      styles={{ body: { padding: 0 } }}
      data-testid="notification-drawer"
      extra={
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={markAllRead.isPending}
          data-testid="notifications-read-all"
          onClick={() =>
            markAllRead.mutate(undefined, {
              onSuccess: () => void message.success(t('notify.markedAllRead')),
              onError: (error) => void message.error(errorText(error)),
            })
          }
        >
          {t('notify.markAllRead')}
        </Button>
      }
    >
      <div style={{ padding: '12px 16px' }}>
        <Segmented<'all' | 'unread'>
          block
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setUnreadOnly(value === 'unread')}
          options={[
            { value: 'all', label: t('notify.all') },
            { value: 'unread', label: t('notify.unread') },
          ]}
          data-testid="notifications-filter"
        />
      </div>
      {list.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : list.isPending ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : list.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={unreadOnly ? t('notify.emptyUnread') : t('notify.empty')}
          data-testid="notifications-empty"
        />
      ) : (
        <>
          <div role="list" data-testid="notification-list">
            {list.items.map((item) => (
              <div role="listitem" key={String(item.id)}>
                <NotificationItem item={item} onOpen={openItem} />
              </div>
            ))}
          </div>
          <LoadMore
            shown={list.items.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
          />
        </>
      )}
    </Drawer>
  );
}

/** The bell in the header: unread count (asked every half minute) and the drawer with one's notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data ?? 0;
  const label = unread > 0 ? t('notify.bellUnread', { count: unread }) : t('notify.bell');
  return (
    <>
      <Tooltip title={label}>
        <Badge count={unread} overflowCount={99} size="small" data-testid="notification-badge">
          <Button data-testid="notification-bell" icon={<BellOutlined />} aria-label={label} onClick={() => setOpen(true)} />
        </Badge>
      </Tooltip>
      <NotificationDrawer open={open} onClose={() => setOpen(false)} unread={unread} />
    </>
  );
}
