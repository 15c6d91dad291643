import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/FormModal';
import { useBulkAssign } from './api';
import { useIssueErrorText } from './errorText';
import { TargetPicker, targetRequired } from './TargetPicker';
import type { Target } from './types';

interface BulkAssignModalProps {
  open: boolean;
  items: { id: number; version: number }[];
  /** The compound all selected issues share, offered first in the target picker. */
  compoundId: number | null;
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  target: Target;
  comment?: string;
}

/** 批量派单: one target for many waiting issues; the server answers per issue. */
export function BulkAssignModal({ open, items, compoundId, onClose, onDone }: BulkAssignModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const errorText = useIssueErrorText();
  const assign = useBulkAssign();

  const submit = (values: Values) =>
    assign.mutate(
      { items, target: values.target, comment: values.comment?.trim() || undefined },
      {
        onSuccess: ({ results }) => {
          const failed = results.filter((r) => !r.ok);
          onDone();
          onClose();
          if (failed.length === 0) {
            void message.success(t('issues.bulk.done', { n: results.length }));
            return;
          }
          modal.warning({
            title: t('issues.bulk.partly', { ok: results.length - failed.length, failed: failed.length }),
            content: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {failed.map((r) => (
                  <li key={r.id}>
                    #{r.id}: {t(`issues.errors.${r.error ?? 'INTERNAL'}`, { defaultValue: r.error ?? '' })}
                  </li>
                ))}
              </ul>
            ),
          });
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );

  return (
    <FormModal<Values>
      open={open}
      title={t('issues.bulk.title', { n: items.length })}
      form={form}
      onClose={onClose}
      pending={assign.isPending}
      okText={t('issues.bulk.submit')}
      onFinish={submit}
      data-testid="bulk-assign-form"
    >
      <Typography.Paragraph type="secondary">{t('issues.bulk.hint')}</Typography.Paragraph>
      <Form.Item name="target" label={t('issues.fields.target')} rules={[targetRequired(t('issues.target.required'))]}>
        <TargetPicker compoundId={compoundId} />
      </Form.Item>
      <Form.Item name="comment" label={t('issues.fields.dispatchComment')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
