import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { ErrorAlert } from './errors';
import { MeProvider, useCan, useMeQuery } from './session';

/**
 * Renders its children only with a session; otherwise back to /login, remembering where the user was going. A
 * password set by someone else sends the user to change it first (the API refuses everything else meanwhile).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (me.isError) {
    return (
      <div style={{ maxWidth: 480, margin: '20vh auto', padding: 16 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  return <MeProvider me={me.data}>{children}</MeProvider>;
}

export const PASSWORD_PATH = '/password';

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title={t('errors.FORBIDDEN')} />;
  return <>{children}</>;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.NOT_FOUND')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.home')}</Button>
        </Link>
      }
    />
  );
}
