import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './types';

const COLORS: Record<CaseStatus, string> = { open: 'processing', agreed: 'success', failed: 'error', closed: 'default' };

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="case-status">
      {t(`mediation.statuses.${status}`)}
    </Tag>
  );
}
