import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { useState } from 'react';
import { useLanguage } from '../i18n';
import { createQueryClient } from './queryClient';
import { router } from './router';
import { SessionSync } from './session';
import { themeFor } from './theme';

function LocalizedProviders() {
  const language = useLanguage();
  // antd has no Tibetan locale; its built-in texts (pagination, pickers) stay Chinese for Tibetan readers,
  // who in Lhasa read Chinese far more often than English. All our own strings come from the bo catalog.
  const locale = language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider locale={locale} theme={themeFor(language)}>
      <AntApp>
        <SessionSync />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedProviders />
    </QueryClientProvider>
  );
}
