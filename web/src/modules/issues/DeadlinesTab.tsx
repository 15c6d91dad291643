import { useMemo, useState } from 'react';
import { App, Button, Flex, Form, InputNumber, Radio, Select, Table, TreeSelect, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { useLanguage } from '../../i18n';
import { useCategories, useDeadlines, useSaveDeadline } from './api';
import { categoryOptions, categoryPath, categoryTree } from './categories';
import { fromRule, toRule, type DeadlineValues } from './deadlineForm';
import { useIssueErrorText } from './errorText';
import { HANDLING_LEVELS, type DeadlineRule } from './types';
import { dayMinutes, makeCalendar } from './workTime';

/** 办理时限: per handling level, optionally per category, in working time; the most specific rule applies. */
export function DeadlinesTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const deadlines = useDeadlines();
  const categories = useCategories();
  const save = useSaveDeadline();
  const [form] = Form.useForm<DeadlineValues>();
  const [editing, setEditing] = useState<DeadlineValues | null>(null);
  const unit = Form.useWatch('unit', form);
  const perDay = dayMinutes(makeCalendar(deadlines.data?.officeHours));
  const tree = useMemo(() => categoryOptions(categoryTree(categories.data ?? []), language), [categories.data, language]);

  if (deadlines.isError) return <ErrorAlert error={deadlines.error} onRetry={() => void deadlines.refetch()} />;
  const limitText = (rule: DeadlineRule) => {
    const v = fromRule(rule, perDay);
    if (v.unit === 'sameDay') return t('issues.settings.deadlines.sameDay');
    return t(v.unit === 'days' ? 'issues.settings.deadlines.nDays' : 'issues.settings.deadlines.nHours', { n: v.amount });
  };
  const rows = [...(deadlines.data?.items ?? [])].sort(
    (a, b) => HANDLING_LEVELS.indexOf(a.level) - HANDLING_LEVELS.indexOf(b.level) || (a.categoryId ?? 0) - (b.categoryId ?? 0),
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {t('issues.settings.deadlines.hint', { hours: deadlines.data?.officeHours ?? '—' })}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ level: 'building', categoryId: null, unit: 'sameDay', remindHours: 1 })}
          data-testid="deadline-add"
        >
          {t('issues.settings.deadlines.add')}
        </Button>
      </Flex>
      <Table<DeadlineRule>
        data-testid="deadlines-table"
        size="small"
        rowKey={(r) => `${r.level}:${r.categoryId ?? ''}`}
        loading={deadlines.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'level', title: t('issues.fields.level'), render: (_, r) => t(`issues.level.${r.level}`) },
          {
            key: 'category',
            title: t('issues.fields.category'),
            render: (_, r) =>
              r.categoryId === null ? t('issues.settings.deadlines.allCategories') : categoryPath(categories.data ?? [], r.categoryId, language),
          },
          { key: 'limit', title: t('issues.settings.deadlines.limit'), render: (_, r) => limitText(r) },
          {
            key: 'remind',
            title: t('issues.settings.deadlines.remind'),
            render: (_, r) => t('issues.settings.deadlines.nHours', { n: Math.round((r.remindBeforeMinutes / 60) * 100) / 100 }),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(fromRule(r, perDay))}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <FormModal<DeadlineValues>
        key={JSON.stringify(editing)}
        open={editing !== null}
        title={t('issues.settings.deadlines.add')}
        form={form}
        onClose={() => setEditing(null)}
        pending={save.isPending}
        initialValues={editing ?? undefined}
        onFinish={(values) =>
          save.mutate(toRule(values, perDay), {
            onSuccess: () => {
              void message.success(t('common.saved'));
              setEditing(null);
            },
            onError: (error) => void message.error(errorText(error)),
          })
        }
        data-testid="deadline-form"
      >
        <Form.Item name="level" label={t('issues.fields.level')}>
          <Select options={HANDLING_LEVELS.map((l) => ({ value: l, label: t(`issues.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('issues.fields.category')}>
          <TreeSelect treeData={tree} allowClear treeDefaultExpandAll placeholder={t('issues.settings.deadlines.allCategories')} />
        </Form.Item>
        <Form.Item name="unit" label={t('issues.settings.deadlines.limit')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'sameDay', label: t('issues.settings.deadlines.sameDay') },
              { value: 'hours', label: t('issues.form.workingHours') },
              { value: 'days', label: t('issues.form.workingDays') },
            ]}
          />
        </Form.Item>
        {unit && unit !== 'sameDay' ? (
          <Form.Item
            name="amount"
            label={t('issues.settings.deadlines.amount')}
            rules={[{ required: true, message: t('issues.form.required') }]}
            extra={t('issues.settings.deadlines.minimum')}
          >
            <InputNumber min={unit === 'hours' ? 0.5 : 1} max={unit === 'hours' ? 200 : 60} step={unit === 'hours' ? 0.5 : 1} />
          </Form.Item>
        ) : null}
        <Form.Item name="remindHours" label={t('issues.settings.deadlines.remindHours')}>
          <InputNumber min={0} max={48} step={0.5} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
