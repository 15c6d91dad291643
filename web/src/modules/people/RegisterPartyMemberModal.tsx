import { useQuery } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../app/api';
import { useErrorText } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import type { Resident, Unit } from '../../app/types';
import { useBodies } from '../org/api';
import { dateText, type DateValue } from '../org/BodyForms';
import { useCreatePartyMember } from './api';

interface PartyMemberFormValues {
  branchId?: string;
  partyGroup?: string;
  joinedOn?: DateValue | null;
  status: 'full' | 'probationary';
}

const FIELDS = ['branchId', 'partyGroup', 'joinedOn', 'status'];
const STATUSES = ['full', 'probationary'] as const;

/**
 * The party branches a resident may join: those of the compound they live in. A resident's unit is their
 * building, and the branch belongs to the compound above it, so the compound is looked up first.
 */
function useCompoundBranches(resident: Resident, enabled: boolean) {
  const unitId = String(resident.unitId);
  const unit = useQuery({
    queryKey: ['org', 'unit', unitId],
    queryFn: () => apiGet<Unit>(`/org/units/${encodeURIComponent(unitId)}`),
    enabled,
  });
  const compound = unit.data
    ? unit.data.level === 'compound'
      ? unit.data
      : (unit.data.ancestors.find((ancestor) => ancestor.level === 'compound') ?? null)
    : null;
  const compoundId = compound ? String(compound.id) : null;
  const bodies = useBodies(compoundId);
  const branches = bodies.data?.filter((body) => body.kind === 'party_branch');
  return { branches, pending: unit.isPending || bodies.isPending, error: unit.error ?? bodies.error };
}

interface RegisterPartyMemberModalProps {
  open: boolean;
  resident: Resident;
  onClose: () => void;
}

export function RegisterPartyMemberModal({ open, resident, onClose }: RegisterPartyMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PartyMemberFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreatePartyMember();
  const { branches, pending, error } = useCompoundBranches(resident, open);

  const submit = (values: PartyMemberFormValues) => {
    if (!values.branchId) return;
    create.mutate(
      {
        residentId: Number(resident.id),
        branchId: Number(values.branchId),
        partyGroup: values.partyGroup?.trim() || undefined,
        joinedOn: dateText(values.joinedOn),
        status: values.status,
      },
      {
        onSuccess: () => {
          void message.success(t('people.partyMembers.registered'));
          onClose();
        },
        onError: (failure) => {
          if (!showFieldIssues(form, failure, FIELDS, t)) void message.error(errorText(failure));
        },
      },
    );
  };

  const options = (branches ?? []).map((branch) => ({ value: String(branch.id), label: branch.name }));
  const initial: Partial<PartyMemberFormValues> = { status: 'full' };

  return (
    <FormModal<PartyMemberFormValues>
      open={open}
      title={t('people.partyMembers.registerTitle', { name: resident.name })}
      form={form}
      onClose={onClose}
      pending={create.isPending}
      okText={t('people.partyMembers.register')}
      initialValues={initial}
      onFinish={submit}
      data-testid="party-member-form"
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      {!pending && !error && options.length === 0 ? (
        <Alert type="warning" showIcon title={t('people.partyMembers.noBranch')} style={{ marginBottom: 16 }} />
      ) : null}
      {pending ? (
        <Form.Item label={t('people.partyMembers.branch')} required>
          <Select loading disabled />
        </Form.Item>
      ) : (
        // Shown once the branches are known, so that the compound's one branch is chosen already.
        <Form.Item
          name="branchId"
          label={t('people.partyMembers.branch')}
          initialValue={options.length === 1 ? options[0].value : undefined}
          rules={[{ required: true, message: t('people.partyMembers.branchRequired') }]}
        >
          <Select options={options} data-testid="party-member-branch" />
        </Form.Item>
      )}
      <Form.Item name="partyGroup" label={t('people.partyMembers.group')} rules={[{ max: 40, message: t('people.form.tooLong', { max: 40 }) }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="joinedOn" label={t('people.partyMembers.joinedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="status" label={t('people.partyMembers.status')} rules={[{ required: true }]}>
        <Select options={STATUSES.map((status) => ({ value: status, label: t(`domain.partyStatus.${status}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
