import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { formatDate } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useCalendarDays, useDeleteDay, useSaveDay } from './api';
import { useIssueErrorText } from './errorText';
import type { CalendarDay } from './types';

/**
 * 节假日与调休: the days that differ from Monday–Friday, per year, as the State Council's notice sets them
 * each December. Deadlines skip holidays and count 调休 weekend workdays.
 */
export function CalendarTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const days = useCalendarDays(year);
  const saveDay = useSaveDay();
  const deleteDay = useDeleteDay();
  const [form] = Form.useForm<CalendarDay>();

  const add = (values: CalendarDay) =>
    saveDay.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          form.resetFields(['day', 'name']);
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );

  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('issues.settings.calendar.notice')} />
      <Flex gap={8} align="center" wrap>
        <Select
          data-testid="calendar-year"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
        />
      </Flex>
      <Form<CalendarDay>
        form={form}
        layout="inline"
        onFinish={add}
        initialValues={{ kind: 'holiday' }}
        data-testid="calendar-form"
        style={{ rowGap: 8 }}
      >
        <Form.Item name="day" rules={[{ required: true, message: t('issues.form.required') }]}>
          <Input type="date" min={`${year}-01-01`} max={`${year}-12-31`} aria-label={t('issues.settings.calendar.day')} data-testid="calendar-day" />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'holiday', label: t('issues.settings.calendar.holiday') },
              { value: 'workday', label: t('issues.settings.calendar.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('issues.form.required') }]}>
          <Input maxLength={40} placeholder={t('issues.settings.calendar.name')} data-testid="calendar-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saveDay.isPending} data-testid="calendar-add">
            {t('issues.settings.calendar.add')}
          </Button>
        </Form.Item>
      </Form>
      {days.isError ? (
        <ErrorAlert error={days.error} onRetry={() => void days.refetch()} />
      ) : (
        <Table<CalendarDay>
          data-testid="calendar-table"
          size="small"
          rowKey="day"
          loading={days.isPending}
          dataSource={[...(days.data ?? [])].sort((a, b) => a.day.localeCompare(b.day))}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'day', title: t('issues.settings.calendar.day'), render: (_, d) => formatDate(d.day, language) },
            {
              key: 'kind',
              title: t('issues.settings.calendar.kind'),
              render: (_, d) =>
                d.kind === 'holiday' ? (
                  <Tag color="red">{t('issues.settings.calendar.holiday')}</Tag>
                ) : (
                  <Tag color="blue">{t('issues.settings.calendar.workday')}</Tag>
                ),
            },
            { key: 'name', title: t('issues.settings.calendar.name'), dataIndex: 'name' },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, d) => (
                <Popconfirm
                  title={t('issues.settings.calendar.removeConfirm', { day: formatDate(d.day, language) })}
                  onConfirm={() => deleteDay.mutate(d.day, { onError: (error) => void message.error(errorText(error)) })}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('issues.settings.calendar.remove')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
