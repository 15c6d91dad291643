import { Suspense, useState } from 'react';
import { App as AntApp, Button, Drawer, Dropdown, Flex, Layout, Spin, Tooltip, Typography, theme } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { PASSWORD_PATH } from './guards';
import { useErrorText } from './errors';
import { LanguageSwitch } from './LanguageSwitch';
import { useIsMobile } from './media';
import { NavPanel } from './NavPanel';
import { NotificationBell } from '../modules/notify/NotificationBell';
import { useLogout, useMe, useSaveLanguage } from './session';

const HEADER_HEIGHT = 56;

/** On a phone the Latin name gives its room to the header's controls (menu, bell, language, user, logout). */
function Brand({ compact }: { compact: boolean }) {
  return (
    <Link to="/" data-testid="brand" style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
      <Typography.Text strong style={{ fontSize: 18, color: 'inherit' }}>
        小区
      </Typography.Text>
      {compact ? null : (
        <Typography.Text style={{ marginInlineStart: 6, color: 'inherit', opacity: 0.8 }}>xiaoqu</Typography.Text>
      )}
    </Link>
  );
}

function HeaderBar({ onMenu }: { onMenu: (() => void) | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const logout = useLogout();
  const saveLanguage = useSaveLanguage();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const compact = onMenu !== null;
  const userMenu = [{ key: PASSWORD_PATH, icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('auth.changePassword')}</span> }];

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        height: HEADER_HEIGHT,
        lineHeight: `${HEADER_HEIGHT}px`,
        paddingInline: compact ? 8 : 24,
        background: token.colorPrimary,
        color: token.colorWhite,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      {onMenu ? (
        <Button
          data-testid="menu-toggle"
          type="text"
          icon={<MenuOutlined style={{ color: token.colorWhite }} />}
          aria-label={t('nav.open')}
          style={{ flexShrink: 0 }}
          onClick={onMenu}
        />
      ) : null}
      <Brand compact={compact} />
      <Flex align="center" gap={8} style={{ marginInlineStart: 'auto', minWidth: 0 }}>
        <NotificationBell />
        <LanguageSwitch
          compact={compact}
          onChange={(language) =>
            saveLanguage.mutate(language, { onError: (error) => void message.error(errorText(error)) })
          }
        />
        <Dropdown trigger={['click']} menu={{ items: userMenu, onClick: ({ key }) => void navigate(key) }}>
          <Button data-testid="user-menu" type="text" style={{ minWidth: 0, paddingInline: 4 }}>
            <Typography.Text
              data-testid="user-name"
              ellipsis
              style={{ color: token.colorWhite, maxWidth: compact ? 96 : 220, minWidth: 0 }}
            >
              {me.displayName}
            </Typography.Text>
          </Button>
        </Dropdown>
        <Tooltip title={t('auth.logout')}>
          <Button
            data-testid="logout"
            icon={<LogoutOutlined />}
            aria-label={t('auth.logout')}
            loading={logout.isPending}
            style={{ flexShrink: 0 }}
            onClick={() => logout.mutate(undefined, { onError: (error) => void message.error(errorText(error)) })}
          />
        </Tooltip>
      </Flex>
    </Layout.Header>
  );
}

/** The signed-in frame: header, navigation (sider on desktop, drawer on phones) and the page. */
export function Shell() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar onMenu={mobile ? () => setDrawerOpen(true) : null} />
      <Layout hasSider={!mobile}>
        {mobile ? null : (
          <Layout.Sider
            width={272}
            theme="light"
            style={{
              borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
              overflowY: 'auto',
              height: `calc(100vh - ${HEADER_HEIGHT}px)`,
              position: 'sticky',
              top: HEADER_HEIGHT,
            }}
          >
            <NavPanel />
          </Layout.Sider>
        )}
        <Layout.Content style={{ minWidth: 0, padding: mobile ? 12 : 24 }}>
          <main>
            <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '48px auto' }} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
      {mobile ? (
        <Drawer
          title={t('nav.label')}
          placement="left"
          size={300}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0 } }}
        >
          <NavPanel onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
