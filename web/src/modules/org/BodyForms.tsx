import { App, DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import type { Body, BodyKind, Id } from '../../app/types';
import { BODY_POSITIONS, useAddBodyMember, useCreateBody, type BodyInput } from './api';

/** What a DatePicker holds (a Dayjs); only its formatting is needed here. */
export interface DateValue {
  format: (template: string) => string;
}

/** A picked date as the API's YYYY-MM-DD, or nothing. */
export function dateText(value: DateValue | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

interface MemberFormValues {
  name: string;
  position: string;
}

const MEMBER_FIELDS = ['name', 'position'];

export function AddMemberModal({ body, title, onClose }: { body: Body | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MemberFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddBodyMember();
  const positions = body ? BODY_POSITIONS[body.kind] : [];

  const submit = (values: MemberFormValues) => {
    if (!body) return;
    add.mutate(
      { bodyId: body.id, name: values.name.trim(), position: values.position },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          if (!showFieldIssues(form, error, MEMBER_FIELDS, t)) void message.error(errorText(error));
        },
      },
    );
  };

  return (
    <FormModal<MemberFormValues>
      open={body !== null}
      title={`${t('org.platform.addMember')} · ${title}`}
      form={form}
      onClose={onClose}
      pending={add.isPending}
      onFinish={submit}
      data-testid="body-member-form"
    >
      <Form.Item
        name="name"
        label={t('org.platform.memberName')}
        rules={[
          { required: true, whitespace: true, message: t('org.platform.nameRequired') },
          { max: 60, message: t('people.form.tooLong', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" data-testid="body-member-name" />
      </Form.Item>
      <Form.Item name="position" label={t('org.platform.position')} rules={[{ required: true, message: t('org.platform.positionRequired') }]}>
        <Select
          data-testid="body-member-position"
          options={positions.map((position) => ({ value: position, label: t(`domain.positions.${position}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}

interface FoundFormValues {
  name: string;
  foundedOn?: DateValue | null;
  termStart?: DateValue | null;
  termEnd?: DateValue | null;
  company?: string;
  contractStart?: DateValue | null;
  contractEnd?: DateValue | null;
}

const FOUND_FIELDS = ['name', 'foundedOn', 'termStart', 'termEnd', 'company', 'contractStart', 'contractEnd'];

interface FoundBodyModalProps {
  unitId: Id;
  kind: BodyKind | null;
  title: string;
  onClose: () => void;
}

export function FoundBodyModal({ unitId, kind, title, onClose }: FoundBodyModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FoundFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateBody();

  const submit = (values: FoundFormValues) => {
    if (!kind) return;
    const input: BodyInput = { unitId: Number(unitId), kind, name: values.name.trim(), foundedOn: dateText(values.foundedOn) };
    if (kind === 'owners_committee') {
      input.termStart = dateText(values.termStart);
      input.termEnd = dateText(values.termEnd);
    }
    if (kind === 'property') {
      input.company = values.company?.trim() || undefined;
      input.contractStart = dateText(values.contractStart);
      input.contractEnd = dateText(values.contractEnd);
    }
    create.mutate(input, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => {
        if (!showFieldIssues(form, error, FOUND_FIELDS, t)) void message.error(errorText(error));
      },
    });
  };

  const date = (name: keyof FoundFormValues, label: string) => (
    <Form.Item name={name} label={label}>
      <DatePicker style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <FormModal<FoundFormValues>
      open={kind !== null}
      title={t('org.platform.foundTitle', { body: title })}
      form={form}
      onClose={onClose}
      pending={create.isPending}
      onFinish={submit}
      data-testid="found-body-form"
    >
      <Form.Item
        name="name"
        label={t('org.platform.name')}
        rules={[
          { required: true, whitespace: true, message: t('org.platform.bodyNameRequired') },
          { max: 80, message: t('people.form.tooLong', { max: 80 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      {kind === 'property' ? (
        <Form.Item name="company" label={t('org.platform.company')} rules={[{ max: 120, message: t('people.form.tooLong', { max: 120 }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
      ) : null}
      {date('foundedOn', t('org.platform.foundedOn'))}
      {kind === 'owners_committee' ? (
        <>
          {date('termStart', t('org.platform.termStart'))}
          {date('termEnd', t('org.platform.termEnd'))}
        </>
      ) : null}
      {kind === 'property' ? (
        <>
          {date('contractStart', t('org.platform.contractStart'))}
          {date('contractEnd', t('org.platform.contractEnd'))}
        </>
      ) : null}
    </FormModal>
  );
}
