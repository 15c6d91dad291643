import { Alert, Button, Flex, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../app/api';
import { ErrorAlert } from '../../app/errors';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';

/** What `GET /audit/verify` answers (server/modules/audit/verify.ts). */
export interface VerifyReport {
  ok: boolean;
  checked: number;
  firstBroken: { kind: 'changed' | 'missing' | 'forged' | 'tail_missing' | 'rewritten'; seq: number | null; id: number | null } | null;
  lastSeq: number;
  legacy: { throughId: number | null; sealedAt: string | null; unsealed: number };
  publishedHead: { seq: number; at: string } | null;
}

/** 防篡改校验: checks the audit chain on demand and says what the check covered. */
export function AuditVerify() {
  const { t } = useTranslation();
  const language = useLanguage();
  const check = useMutation({ mutationFn: () => apiGet<VerifyReport>('/audit/verify') });
  const report = check.data;
  const broken = report?.firstBroken ?? null;

  return (
    <Flex vertical gap={8} data-testid="audit-verify">
      <div>
        <Button icon={<SafetyCertificateOutlined />} loading={check.isPending} onClick={() => check.mutate()} data-testid="audit-verify-run">
          {t('audit.verify.run')}
        </Button>
      </div>
      {check.isError && <ErrorAlert error={check.error} onRetry={() => check.mutate()} />}
      {report && (
        <Alert
          data-testid="audit-verify-result"
          type={report.ok ? 'success' : 'error'}
          showIcon
          message={
            report.ok
              ? t('audit.verify.ok', { checked: report.checked })
              : broken?.seq != null
                ? t('audit.verify.broken', { seq: broken.seq, kind: t(`audit.verify.kinds.${broken.kind}`) })
                : t('audit.verify.outside', { id: broken?.id ?? '', kind: t(`audit.verify.kinds.${broken?.kind ?? 'forged'}`) })
          }
          description={
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">
                {report.publishedHead
                  ? t('audit.verify.head', { seq: report.publishedHead.seq, at: formatDateTime(report.publishedHead.at, language) })
                  : t('audit.verify.noHead')}
              </Typography.Text>
              {report.legacy.sealedAt && report.legacy.throughId !== null && (
                <Typography.Text type="secondary">{t('audit.verify.legacy', { id: report.legacy.throughId, at: formatDateTime(report.legacy.sealedAt, language) })}</Typography.Text>
              )}
              {report.legacy.unsealed > 0 && <Typography.Text type="secondary">{t('audit.verify.unsealed', { count: report.legacy.unsealed })}</Typography.Text>}
            </Flex>
          }
        />
      )}
    </Flex>
  );
}
