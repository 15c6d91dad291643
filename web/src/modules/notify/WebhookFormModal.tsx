import { App, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/FormModal';
import { useErrorText } from '../../app/errors';
import { showFieldIssues } from '../../app/formErrors';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useCreateWebhook, useUpdateWebhook } from './api';
import { ALL_EVENTS, WEBHOOK_EVENTS, type Webhook } from './types';
import { isWebhookUrl } from './url';

interface Values {
  unitId?: string;
  name: string;
  url: string;
  events: string[];
}

const FIELDS = ['unitId', 'name', 'url', 'events'];

interface WebhookFormModalProps {
  open: boolean;
  /** The webhook to edit, or null to set up a new one. */
  webhook: Webhook | null;
  /** The unit a new webhook starts on (the page's current filter). */
  defaultUnitId?: string;
  onClose: () => void;
}

/** Set up or change a webhook: where it listens, its address and the events it is told about. */
export function WebhookFormModal({ open, webhook, defaultUnitId, onClose }: WebhookFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const events = Form.useWatch('events', form) ?? [];
  const everything = events.includes(ALL_EVENTS);

  const handlers = {
    onSuccess: () => {
      void message.success(webhook ? t('common.saved') : t('notify.webhooks.created'));
      onClose();
    },
    onError: (error: unknown) => {
      if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
    },
  };

  const submit = (values: Values) => {
    // "All events" stands alone: it also covers events added later.
    const chosen = values.events.includes(ALL_EVENTS) ? [ALL_EVENTS] : values.events;
    const fields = { name: values.name.trim(), url: values.url.trim(), events: chosen };
    if (webhook) update.mutate({ id: webhook.id, changes: fields }, handlers);
    else create.mutate({ ...fields, unitId: Number(values.unitId) }, handlers);
  };

  return (
    <FormModal<Values>
      open={open}
      title={webhook ? t('notify.webhooks.edit') : t('notify.webhooks.create')}
      form={form}
      onClose={onClose}
      pending={create.isPending || update.isPending}
      onFinish={submit}
      initialValues={
        webhook
          ? { name: webhook.name, url: webhook.url, events: webhook.events }
          : { unitId: defaultUnitId, events: [ALL_EVENTS] }
      }
      data-testid="webhook-form"
    >
      {webhook ? (
        <Form.Item label={t('notify.webhooks.fields.unit')}>
          <Typography.Text>{webhook.unitName}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item
          name="unitId"
          label={t('notify.webhooks.fields.unit')}
          extra={t('notify.webhooks.unitHint')}
          rules={[{ required: true, message: t('notify.webhooks.unitRequired') }]}
        >
          <UnitTreeSelect testId="webhook-unit" />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('notify.webhooks.fields.name')}
        rules={[
          { required: true, whitespace: true, message: t('notify.webhooks.nameRequired') },
          { max: 60, message: t('notify.webhooks.nameTooLong') },
        ]}
      >
        <Input autoComplete="off" placeholder={t('notify.webhooks.namePlaceholder')} data-testid="webhook-name" />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('notify.webhooks.fields.url')}
        extra={t('notify.webhooks.urlHint')}
        rules={[
          { required: true, whitespace: true, message: t('notify.webhooks.urlRequired') },
          {
            validator: (_, value: string | undefined) =>
              !value?.trim() || isWebhookUrl(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('notify.webhooks.urlInvalid'))),
          },
        ]}
      >
        <Input autoComplete="off" inputMode="url" placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" data-testid="webhook-url" />
      </Form.Item>
      <Form.Item
        name="events"
        label={t('notify.webhooks.fields.events')}
        rules={[{ required: true, type: 'array', min: 1, message: t('notify.webhooks.eventsRequired') }]}
      >
        <Checkbox.Group style={{ width: '100%' }} data-testid="webhook-events">
          <Flex vertical gap={6}>
            <Checkbox value={ALL_EVENTS}>{t('notify.events.all')}</Checkbox>
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox key={event} value={event} disabled={everything} style={{ marginInlineStart: 24 }}>
                {t(`notify.events.${event}`)}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
