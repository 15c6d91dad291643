import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ErrorAlert } from './errors';
import { useOrgTree } from './orgTree';
import { useMe } from './session';

/**
 * Home is the unit of the user's first role; without roles, the first unit they can see. An auditor (审计员), who
 * reads only the audit log, starts there.
 */
export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  const firstRole = me.roles.at(0);
  const tree = useOrgTree();
  if (firstRole && me.roles.every((r) => r.role === 'auditor')) return <Navigate to="/audit" replace />;
  if (firstRole) return <Navigate to={`/units/${encodeURIComponent(String(firstRole.unitId))}`} replace />;
  if (tree.isPending) return <Skeleton active />;
  if (tree.isError) return <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  const root = tree.data.at(0);
  if (root) return <Navigate to={`/units/${encodeURIComponent(String(root.id))}`} replace />;
  return <Result status="info" title={t('nav.noRoles')} />;
}
