import { Divider, Menu } from 'antd';
import {
  ApiOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  HeartOutlined,
  IdcardOutlined,
  InteractionOutlined,
  KeyOutlined,
  PhoneOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useCan } from './session';
import { TreeNav } from './TreeNav';

interface NavPanelProps {
  /** Called after any navigation, so the mobile drawer can close. */
  onNavigate?: () => void;
}

function selectedUnitId(pathname: string): string | null {
  const match = /^\/units\/([^/]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

export function NavPanel({ onNavigate }: NavPanelProps) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const go = (to: string) => {
    void navigate(to);
    onNavigate?.();
  };

  const entries = [
    {
      key: '/issues',
      icon: <SolutionOutlined />,
      testId: 'nav-issues',
      label: t('nav.issues'),
      show: can('issues.read') || can('issues.report'),
    },
    {
      key: '/issues/settings',
      icon: <SettingOutlined />,
      testId: 'nav-issue-settings',
      label: t('nav.issueSettings'),
      show: can('issues.configure'),
    },
    { key: '/people', icon: <TeamOutlined />, testId: 'nav-people', label: t('nav.people'), show: can('people.read') },
    {
      key: '/accounts',
      icon: <UserSwitchOutlined />,
      testId: 'nav-accounts',
      label: t('nav.accounts'),
      show: can('accounts.manage'),
    },
    { key: '/audit', icon: <AuditOutlined />, testId: 'nav-audit', label: t('nav.audit'), show: can('audit.read') },
    {
      key: '/imports',
      icon: <CloudUploadOutlined />,
      testId: 'nav-imports',
      label: t('nav.imports'),
      show: can('import.run'),
    },
    {
      key: '/mediation',
      icon: <InteractionOutlined />,
      testId: 'nav-mediation',
      label: t('nav.mediation'),
      show: can('mediation.read'),
    },
    {
      key: '/volunteers',
      icon: <HeartOutlined />,
      testId: 'nav-volunteers',
      label: t('nav.volunteers'),
      show: can('volunteers.read'),
    },
    {
      key: '/webhooks',
      icon: <ApiOutlined />,
      testId: 'nav-webhooks',
      label: t('nav.webhooks'),
      show: can('webhooks.manage'),
    },
    {
      key: '/hotline',
      icon: <PhoneOutlined />,
      testId: 'nav-hotline',
      label: t('nav.hotline'),
      show: can('issues.import'),
    },
    {
      key: '/open311-keys',
      icon: <KeyOutlined />,
      testId: 'nav-open311-keys',
      label: t('nav.open311Keys'),
      show: can('open311.keys'),
    },
    {
      key: '/me',
      icon: <IdcardOutlined />,
      testId: 'nav-my-data',
      label: t('nav.myData'),
      show: true,
    },
  ];
  const items = entries
    .filter((entry) => entry.show)
    .map((entry) => ({ key: entry.key, icon: entry.icon, label: <span data-testid={entry.testId}>{entry.label}</span> }));
  // The longest matching entry wins: /issues/settings is not /issues.
  const selected = items.filter((item) => pathname.startsWith(item.key)).sort((a, b) => b.key.length - a.key.length)[0]?.key;

  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected] : []}
        onClick={({ key }) => go(key)}
        style={{ borderInlineEnd: 'none' }}
      />
      <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
        {t('nav.tree')}
      </Divider>
      <div style={{ padding: '0 8px 16px' }}>
        <TreeNav selectedId={selectedUnitId(pathname)} onOpen={(id) => go(`/units/${encodeURIComponent(id)}`)} />
      </div>
    </nav>
  );
}
