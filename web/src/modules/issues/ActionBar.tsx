import { useMemo, useState } from 'react';
import { App, AutoComplete, Button, Flex, Form, Input, InputNumber, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, validationIssues } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { useLanguage } from '../../i18n';
import { ACTION_FIELDS, buildActionBody, DANGER_ACTIONS, formFieldFor, PRIMARY_ACTIONS, type ActionValues } from './actionForm';
import { useCategories, useIssueAction } from './api';
import { activeTree, categoryOptions, categoryTree } from './categories';
import { isStale, useIssueErrorText } from './errorText';
import { PhotoPicker } from './PhotoPicker';
import { TargetPicker, targetRequired } from './TargetPicker';
import { RATINGS, REJECT_REASONS, type Action, type IssueDetail } from './types';

const RETURN_REASONS = ['notMine', 'needsCompound', 'wrongCategory', 'missingInfo'] as const;
const ESCALATE_REASONS = ['beyondLevel', 'needsFunds', 'needsDepartment', 'manyParties'] as const;

interface ActionModalProps {
  issue: IssueDetail;
  action: Action | null;
  workingDayMinutes: number;
  onClose: () => void;
  /** The issue changed under the user (409): the page reloads it and says so. */
  onStale: () => void;
}

function ActionModal({ issue, action, workingDayMinutes, onClose, onStale }: ActionModalProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<ActionValues>();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const act = useIssueAction(issue.id);
  const categories = useCategories();
  const tree = useMemo(() => categoryOptions(activeTree(categoryTree(categories.data ?? [])), language), [categories.data, language]);
  if (!action) return null;
  const fields = ACTION_FIELDS[action];
  const has = (field: (typeof fields)[number]) => fields.includes(field);
  const required = { required: true, whitespace: true, message: t('issues.form.required') };

  const submit = (values: ActionValues) =>
    act.mutate(
      { action, body: buildActionBody(action, values, issue.version, workingDayMinutes) },
      {
        onSuccess: () => {
          void message.success(t('issues.actionDone', { action: t(`issues.actions.${action}`) }));
          onClose();
        },
        onError: (error) => {
          if (isStale(error)) {
            onClose();
            onStale();
            return;
          }
          if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
            const shown = new Set<string>([...fields, ...(has('extension') ? ['extensionAmount'] : [])]);
            const placed = validationIssues(error).flatMap((problem) => {
              const field = formFieldFor(action, problem.path);
              return field && shown.has(field) ? [{ field: field as keyof ActionValues, reason: problem.reason }] : [];
            });
            if (placed.length > 0) {
              form.setFields(placed.map((p) => ({ name: p.field, errors: [t(`errors.fieldReason.${p.reason ?? 'invalid'}`)] })));
              return;
            }
          }
          void message.error(errorText(error));
        },
      },
    );

  const reasonPresets = action === 'return' ? RETURN_REASONS : ESCALATE_REASONS;
  return (
    <FormModal<ActionValues>
      open
      title={t(`issues.actions.${action}`)}
      form={form}
      onClose={onClose}
      pending={act.isPending}
      okText={t(`issues.actions.${action}`)}
      onFinish={submit}
      initialValues={{ extensionUnit: 'hours' }}
      data-testid="action-form"
    >
      {has('target') ? (
        <Form.Item name="target" label={t('issues.fields.target')} rules={[targetRequired(t('issues.target.required'))]}>
          <TargetPicker compoundId={issue.compoundId} />
        </Form.Item>
      ) : null}
      {has('reply') ? (
        <Form.Item name="reply" label={t('issues.fields.reply')} extra={t('issues.form.replyHint')} rules={[required]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="action-reply" />
        </Form.Item>
      ) : null}
      {has('closing') ? (
        <Form.Item name="closing" label={t('issues.fields.closing')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="action-closing" />
        </Form.Item>
      ) : null}
      {has('rating') ? (
        <Form.Item name="rating" label={t('issues.fields.rating')} rules={[{ required: true, message: t('issues.form.pickRating') }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={RATINGS.map((r) => ({ value: r, label: t(`issues.rating.${r}`) }))}
          />
        </Form.Item>
      ) : null}
      {has('rejectReason') ? (
        <Form.Item name="rejectReason" label={t('issues.fields.rejectReason')} rules={[{ required: true, message: t('issues.form.required') }]}>
          <Select
            data-testid="action-reject-reason"
            options={REJECT_REASONS.map((r) => ({ value: r, label: t(`issues.rejectReason.${r}`) }))}
          />
        </Form.Item>
      ) : null}
      {has('extension') ? (
        <Form.Item label={t('issues.fields.extension')} required extra={t('issues.form.extensionHint')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="extensionAmount" noStyle rules={[{ required: true, message: t('issues.form.required') }]}>
              <InputNumber min={0.5} max={20 * 8} step={0.5} style={{ width: '60%' }} data-testid="action-extension" />
            </Form.Item>
            <Form.Item name="extensionUnit" noStyle>
              <Select
                style={{ width: '40%' }}
                options={[
                  { value: 'hours', label: t('issues.form.workingHours') },
                  { value: 'days', label: t('issues.form.workingDays') },
                ]}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      ) : null}
      {has('reason') ? (
        <Form.Item name="reason" label={t(action === 'request_extension' ? 'issues.fields.extensionReason' : 'issues.fields.reason')} rules={[required]}>
          {action === 'request_extension' ? (
            <Input.TextArea rows={2} maxLength={500} data-testid="action-reason" />
          ) : (
            <AutoComplete
              data-testid="action-reason"
              options={reasonPresets.map((r) => ({ value: t(`issues.reasons.${r}`) }))}
              maxLength={500}
              placeholder={t('issues.form.reasonPlaceholder')}
            />
          )}
        </Form.Item>
      ) : null}
      {has('intoId') ? (
        <Form.Item name="intoId" label={t('issues.fields.intoId')} rules={[{ required: true, message: t('issues.form.required') }]}>
          <InputNumber min={1} precision={0} prefix="#" style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {has('categoryId') ? (
        <Form.Item name="categoryId" label={t('issues.fields.category')} rules={[{ required: true, message: t('issues.form.required') }]}>
          <TreeSelect treeData={tree} treeDefaultExpandAll popupMatchSelectWidth={false} />
        </Form.Item>
      ) : null}
      {has('comment') ? (
        <Form.Item
          name="comment"
          label={t(action === 'rate' ? 'issues.fields.ratingComment' : 'issues.fields.comment')}
          extra={action === 'rate' ? undefined : t('issues.form.commentHint')}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="action-comment" />
        </Form.Item>
      ) : null}
      {has('photos') ? (
        <Form.Item name="photos" label={t('issues.fields.photos')}>
          <PhotoPicker />
        </Form.Item>
      ) : null}
      {has('requiredNote') ? (
        <Form.Item name="requiredNote" label={t('issues.fields.note')} extra={t('issues.form.noteHint')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
        </Form.Item>
      ) : null}
      {has('note') ? (
        <Form.Item name="note" label={t('issues.fields.note')} extra={t('issues.form.noteHint')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

interface ActionBarProps {
  issue: IssueDetail;
  workingDayMinutes: number;
  onStale: () => void;
}

/** Exactly the buttons the server says this user may press now (`actions`); nothing is re-derived here. */
export function ActionBar({ issue, workingDayMinutes, onStale }: ActionBarProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  if (issue.actions.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-actions">
        {t('issues.noActions')}
      </Typography.Text>
    );
  }
  return (
    <>
      <Flex gap={8} wrap data-testid="action-bar">
        {issue.actions.map((action) => (
          <Button
            key={action}
            data-testid={`action-${action}`}
            type={PRIMARY_ACTIONS.includes(action) ? 'primary' : 'default'}
            danger={DANGER_ACTIONS.includes(action)}
            onClick={() => setOpen(action)}
          >
            {t(`issues.actions.${action}`)}
          </Button>
        ))}
      </Flex>
      <ActionModal
        key={open ?? ''}
        issue={issue}
        action={open}
        workingDayMinutes={workingDayMinutes}
        onClose={() => setOpen(null)}
        onStale={onStale}
      />
    </>
  );
}
