import { Button, Col, Form, Input, Row, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { AUDIT_ACTIONS, SUBJECT_TYPES } from './actions';
import type { AuditFilter } from './api';

/** Date inputs are native: they fit a 360 px screen, unlike a two-month range picker. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilter>();

  const apply = (values: AuditFilter) => {
    const filter: AuditFilter = {};
    for (const [key, value] of Object.entries(values) as [keyof AuditFilter, string | undefined][]) {
      const trimmed = value?.trim();
      if (trimmed) filter[key] = trimmed;
    }
    onApply(filter);
  };

  return (
    <Form<AuditFilter> form={form} layout="vertical" onFinish={apply} data-testid="audit-filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="unitId" label={t('audit.fields.unit')}>
            <UnitTreeSelect allowClear placeholder={t('audit.anyUnit')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="action" label={t('audit.fields.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.any')}
              options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
              data-testid="audit-action"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="subjectType" label={t('audit.fields.subjectType')}>
            <Select
              allowClear
              placeholder={t('audit.any')}
              options={SUBJECT_TYPES.map((type) => ({ value: type, label: t(`audit.subjects.${type}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="actor" label={t('audit.fields.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} lg={8}>
          <Form.Item name="from" label={t('audit.fields.from')}>
            <Input type="date" max="9999-12-31" />
          </Form.Item>
        </Col>
        <Col xs={12} lg={8}>
          <Form.Item name="to" label={t('audit.fields.to')}>
            <Input type="date" max="9999-12-31" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-apply">
        {t('audit.apply')}
      </Button>
      <Button
        style={{ marginInlineStart: 8 }}
        onClick={() => {
          form.resetFields();
          onApply({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Form>
  );
}
