import { Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/types';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        padding: 8,
        background: 'rgba(0, 0, 0, 0.03)',
        borderRadius: 6,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        fontSize: 12,
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The recorded state before and after the change, side by side (stacked on a phone). */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="audit-changes">
      <Col xs={24} md={12}>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={entry.before} />
        </Flex>
      </Col>
      <Col xs={24} md={12}>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={entry.after} />
        </Flex>
      </Col>
    </Row>
  );
}
