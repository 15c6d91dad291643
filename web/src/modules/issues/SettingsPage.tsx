import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CalendarTab } from './CalendarTab';
import { CategoriesTab } from './CategoriesTab';
import { DeadlinesTab } from './DeadlinesTab';
import { RoutesTab } from './RoutesTab';

const TABS = ['categories', 'routes', 'deadlines', 'calendar'] as const;

/** 问题设置: categories, the compound routing table, time limits and the working calendar. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((name) => name === params.get('tab')) ?? 'categories';
  return (
    <Flex vertical gap={16} data-testid="issues-settings-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('issues.settings.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'categories' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'categories', label: t('issues.settings.categories.title'), children: <CategoriesTab /> },
          { key: 'routes', label: t('issues.settings.routes.title'), children: <RoutesTab /> },
          { key: 'deadlines', label: t('issues.settings.deadlines.title'), children: <DeadlinesTab /> },
          { key: 'calendar', label: t('issues.settings.calendar.title'), children: <CalendarTab /> },
        ]}
      />
    </Flex>
  );
}
