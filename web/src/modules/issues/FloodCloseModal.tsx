import { App, Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { useBulkMerge, useBulkReject } from './api';
import { useIssueErrorText } from './errorText';
import { REJECT_REASONS, type IssueItem, type RejectReason } from './types';

interface FloodCloseModalProps {
  /** Reject as a flood (不予受理), or merge into one issue they duplicate (合并重复). */
  mode: 'reject' | 'merge' | null;
  items: { id: number; version: number }[];
  /** Open issues of the same place, offered as the one the selected reports duplicate. */
  candidates: IssueItem[];
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  reason?: RejectReason;
  intoId?: number;
  comment?: string;
  note?: string;
}

/**
 * 批量不予受理 / 批量合并 for a flood of anonymous reports: all selected reports change together or none does
 * (the server names the first it refused). Reporters see only the reply; the reason and the note stay internal.
 */
export function FloodCloseModal({ mode, items, candidates, onClose, onDone }: FloodCloseModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const reject = useBulkReject();
  const merge = useBulkMerge();
  const selected = new Set(items.map((i) => i.id));
  const suggestions = candidates.filter((c) => !selected.has(c.id)).slice(0, 6);

  const failed = (error: unknown) => {
    const id = error instanceof ApiError ? error.details?.id : undefined;
    const text = errorText(error);
    void message.error(typeof id === 'number' ? t('issues.flood.failed', { id, reason: text }) : text);
  };
  const finished = (text: string) => {
    onDone();
    onClose();
    void message.success(text);
  };

  const submit = (values: Values) => {
    const comment = values.comment?.trim() || undefined;
    const note = values.note?.trim() || undefined;
    if (mode === 'reject') {
      reject.mutate(
        { items, reason: values.reason ?? 'spam', comment, note },
        { onSuccess: ({ results }) => finished(t('issues.flood.rejected', { n: results.length })), onError: failed },
      );
    } else if (mode === 'merge' && values.intoId) {
      const intoId = values.intoId;
      merge.mutate(
        { items, intoId, comment, note },
        { onSuccess: ({ results }) => finished(t('issues.flood.merged', { n: results.length, id: intoId })), onError: failed },
      );
    }
  };

  return (
    <FormModal<Values>
      open={mode !== null}
      title={t(mode === 'merge' ? 'issues.flood.mergeTitle' : 'issues.flood.rejectTitle', { n: items.length })}
      form={form}
      onClose={onClose}
      pending={reject.isPending || merge.isPending}
      okText={t(mode === 'merge' ? 'issues.flood.merge' : 'issues.flood.reject')}
      onFinish={submit}
      initialValues={{ reason: 'spam' }}
      data-testid="flood-close-form"
    >
      <Typography.Paragraph type="secondary">{t(mode === 'merge' ? 'issues.flood.mergeHint' : 'issues.flood.rejectHint')}</Typography.Paragraph>
      {mode === 'reject' ? (
        <Form.Item name="reason" label={t('issues.fields.rejectReason')} rules={[{ required: true, message: t('issues.form.required') }]}>
          <Select data-testid="flood-reason" options={REJECT_REASONS.map((r) => ({ value: r, label: t(`issues.rejectReason.${r}`) }))} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="intoId" label={t('issues.flood.into')} rules={[{ required: true, message: t('issues.flood.intoRequired') }]}>
            <InputNumber data-testid="flood-into" min={1} precision={0} prefix="#" style={{ width: '100%' }} />
          </Form.Item>
          {suggestions.length > 0 ? (
            <Flex vertical gap={2} style={{ marginTop: -12, marginBottom: 16 }}>
              <Typography.Text type="secondary">{t('issues.flood.suggestions')}</Typography.Text>
              {suggestions.map((c) => (
                <Button
                  key={c.id}
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto', alignSelf: 'flex-start', textAlign: 'start', whiteSpace: 'normal', overflowWrap: 'anywhere' }}
                  onClick={() => form.setFieldValue('intoId', c.id)}
                  data-testid="flood-into-suggestion"
                >
                  #{c.id} {c.title}
                </Button>
              ))}
            </Flex>
          ) : null}
        </>
      )}
      <Form.Item name="comment" label={t('issues.flood.reply')}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={mode === 'reject' ? t('issues.flood.replyDefault') : undefined} />
      </Form.Item>
      <Form.Item name="note" label={t('issues.flood.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
