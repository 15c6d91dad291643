import { App, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UseMutationResult } from '@tanstack/react-query';
import { FormModal } from '../../app/FormModal';
import { useMe } from '../../app/session';
import { useAddSession, useRecordAgreement, useRecordFailure, useRecordVisit } from './api';
import { placeFieldIssues, todayText, useMediationErrorText } from './errors';
import type { AgreementInput, CaseDetail, FailureInput, SessionInput, VisitInput } from './types';

// The four steps on a case, each a dialog. Every one sends the case version the user saw.

export type StepName = 'addSession' | 'recordAgreement' | 'recordFailure' | 'recordVisit';

interface StepProps {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}

type StepMutation<I> = UseMutationResult<CaseDetail, Error, { detail: CaseDetail; input: I }>;

/** Sends a step and reports the outcome; field problems go under their fields. */
function useStepSubmit<I, V>(mutation: StepMutation<I>, form: ReturnType<typeof Form.useForm<V>>[0], fields: string[], detail: CaseDetail, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useMediationErrorText();
  return (input: I) =>
    mutation.mutate(
      { detail, input },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          if (!placeFieldIssues(form, error, fields, t)) void message.error(errorText(error));
        },
      },
    );
}

const dateInput = (testId: string) => <Input type="date" data-testid={testId} style={{ width: '100%' }} />;

export function SessionModal({ detail, open, onClose }: StepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SessionInput>();
  const mutation = useAddSession();
  const submit = useStepSubmit(mutation, form, ['heldOn', 'place', 'summary'], detail, onClose);
  return (
    <FormModal<SessionInput>
      open={open}
      title={t('mediation.actions.addSession')}
      form={form}
      onClose={onClose}
      pending={mutation.isPending}
      initialValues={{ heldOn: todayText() }}
      onFinish={(v) => submit({ heldOn: v.heldOn, place: v.place.trim(), summary: v.summary.trim() })}
      data-testid="session-form"
    >
      <Form.Item name="heldOn" label={t('mediation.fields.heldOn')} rules={[{ required: true, message: t('mediation.form.required') }]}>
        {dateInput('session-date')}
      </Form.Item>
      <Form.Item name="place" label={t('mediation.fields.place')} rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 100 }]}>
        <Input autoComplete="off" maxLength={100} data-testid="session-place" />
      </Form.Item>
      <Form.Item name="summary" label={t('mediation.fields.summary')} rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="session-summary" />
      </Form.Item>
    </FormModal>
  );
}

export function AgreementModal({ detail, open, onClose }: StepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgreementInput>();
  const mutation = useRecordAgreement();
  const submit = useStepSubmit(mutation, form, ['terms', 'performance', 'performBy', 'agreedOn'], detail, onClose);
  return (
    <FormModal<AgreementInput>
      open={open}
      title={t('mediation.actions.recordAgreement')}
      form={form}
      onClose={onClose}
      pending={mutation.isPending}
      initialValues={{ agreedOn: todayText() }}
      onFinish={(v) => submit({ terms: v.terms.trim(), performance: v.performance.trim(), performBy: v.performBy, agreedOn: v.agreedOn })}
      data-testid="agreement-form"
    >
      <Form.Item
        name="terms"
        label={t('mediation.fields.terms')}
        extra={t('mediation.form.termsHint')}
        rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 4000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} data-testid="agreement-terms" />
      </Form.Item>
      <Form.Item name="performance" label={t('mediation.fields.performance')} rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="agreement-performance" />
      </Form.Item>
      <Form.Item name="performBy" label={t('mediation.fields.performBy')} rules={[{ required: true, message: t('mediation.form.required') }]}>
        {dateInput('agreement-perform-by')}
      </Form.Item>
      <Form.Item name="agreedOn" label={t('mediation.fields.agreedOn')} rules={[{ required: true, message: t('mediation.form.required') }]}>
        {dateInput('agreement-agreed-on')}
      </Form.Item>
    </FormModal>
  );
}

export function FailureModal({ detail, open, onClose }: StepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FailureInput>();
  const mutation = useRecordFailure();
  const submit = useStepSubmit(mutation, form, ['reason'], detail, onClose);
  return (
    <FormModal<FailureInput>
      open={open}
      title={t('mediation.actions.recordFailure')}
      form={form}
      onClose={onClose}
      pending={mutation.isPending}
      onFinish={(v) => submit({ reason: v.reason.trim() })}
      data-testid="failure-form"
    >
      <Form.Item
        name="reason"
        label={t('mediation.fields.failureReason')}
        extra={t('mediation.form.failureHint')}
        rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 2000 }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="failure-reason" />
      </Form.Item>
    </FormModal>
  );
}

interface VisitValues {
  visitedOn: string;
  visitorName: string;
  honoured: 'yes' | 'no';
  note?: string;
}

export function VisitModal({ detail, open, onClose }: StepProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<VisitValues>();
  const mutation = useRecordVisit();
  const submit = useStepSubmit<VisitInput, VisitValues>(mutation, form, ['visitedOn', 'visitorName', 'honoured', 'note'], detail, onClose);
  return (
    <FormModal<VisitValues>
      open={open}
      title={t('mediation.actions.recordVisit')}
      form={form}
      onClose={onClose}
      pending={mutation.isPending}
      initialValues={{ visitedOn: todayText(), visitorName: me.displayName, honoured: 'yes' }}
      onFinish={(v) => submit({ visitedOn: v.visitedOn, visitorName: v.visitorName.trim(), honoured: v.honoured === 'yes', note: v.note?.trim() || null })}
      data-testid="visit-form"
    >
      <Form.Item name="visitedOn" label={t('mediation.fields.visitedOn')} rules={[{ required: true, message: t('mediation.form.required') }]}>
        {dateInput('visit-date')}
      </Form.Item>
      <Form.Item name="visitorName" label={t('mediation.fields.visitorName')} rules={[{ required: true, whitespace: true, message: t('mediation.form.required') }, { max: 60 }]}>
        <Input autoComplete="off" maxLength={60} />
      </Form.Item>
      <Form.Item name="honoured" label={t('mediation.fields.honoured')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="visit-honoured"
          options={[
            { value: 'yes', label: t('mediation.visit.honoured') },
            { value: 'no', label: t('mediation.visit.notHonoured') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('mediation.fields.visitNote')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <p style={{ margin: 0, color: 'rgba(0,0,0,0.45)' }}>{t('mediation.form.visitCloses')}</p>
    </FormModal>
  );
}
