import { useEffect, useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useErrorText } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import { useCan } from '../../app/session';
import type { Resident } from '../../app/types';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useCreateVolunteer, useResidentSearch } from './api';
import { toVolunteerInput, type VolunteerFormValues } from './form';
import { NAME_MAX, NOTE_MAX, VOLUNTEER_TEAMS } from './types';

const FIELDS = ['unitId', 'team', 'residentId', 'name', 'note'];
// A team serves a community, a compound or one building; the street has no teams of its own.
const UNIT_LEVELS = ['community', 'compound', 'building'] as const;
/** How long typing pauses before the residents are searched. */
const SEARCH_DELAY_MS = 300;

function useDebounced(value: string, delay: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

interface VolunteerFormModalProps {
  open: boolean;
  /** Pre-selected when the list is filtered to one unit or one team. */
  unitId?: string;
  team?: string;
  onClose: () => void;
}

/** 登记志愿者: a volunteer of a team at a unit, optionally linked to a resident of that unit. */
export function VolunteerFormModal({ open, unitId, team, onClose }: VolunteerFormModalProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<VolunteerFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateVolunteer();
  const chosenUnit = Form.useWatch('unitId', form);
  const [search, setSearch] = useState('');
  // The linked resident stays among the options once the search text changes or is cleared.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const query = useDebounced(search, SEARCH_DELAY_MS);
  // Linking a resident needs the resident list; without it the name is typed by hand.
  const canLink = can('people.read');
  const residents = useResidentSearch(chosenUnit, query, open && canLink);

  const close = () => {
    setSearch('');
    setPicked(null);
    onClose();
  };

  const submit = (values: VolunteerFormValues) => {
    const input = toVolunteerInput(values);
    if (!input) return;
    create.mutate(input, {
      onSuccess: (volunteer) => {
        void message.success(t('volunteers.form.registered', { name: volunteer.name }));
        close();
      },
      onError: (error) => {
        // The unit comes from the caller's own tree, so a 404 with a linked resident means the resident
        // does not live within the chosen unit (or no longer exists).
        if (error instanceof ApiError && error.code === 'NOT_FOUND' && input.residentId) {
          form.setFields([{ name: 'residentId', errors: [t('volunteers.form.residentOutside')] }]);
          return;
        }
        if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
      },
    });
  };

  const onValuesChange = (changed: Partial<VolunteerFormValues>) => {
    // A resident belongs to one unit: choosing another unit unlinks them.
    if ('unitId' in changed) {
      form.setFieldValue('residentId', undefined);
      setSearch('');
      setPicked(null);
    }
  };

  const residentLabel = (r: Resident) => (r.householdLabel ? `${r.name} · ${r.householdLabel}` : r.name);

  const pickResident = (id: string | undefined) => {
    const resident = residents.data?.find((r) => String(r.id) === id);
    setPicked(resident ? { value: String(resident.id), label: residentLabel(resident) } : null);
    // The volunteer is that resident: their registered name is the one to use.
    if (resident) form.setFields([{ name: 'name', value: resident.name, errors: [] }]);
  };

  const initial: VolunteerFormValues = { unitId, team };
  const found = (residents.data ?? []).map((r) => ({ value: String(r.id), label: residentLabel(r) }));
  const residentOptions = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  return (
    <FormModal<VolunteerFormValues>
      open={open}
      title={t('volunteers.form.title')}
      form={form}
      onClose={close}
      pending={create.isPending}
      okText={t('volunteers.form.submit')}
      initialValues={initial}
      onValuesChange={onValuesChange}
      onFinish={submit}
      data-testid="volunteer-form"
    >
      <Form.Item name="unitId" label={t('volunteers.fields.unit')} rules={[{ required: true, message: t('volunteers.form.unitRequired') }]}>
        <UnitTreeSelect selectable={UNIT_LEVELS} testId="volunteer-unit" />
      </Form.Item>
      <Form.Item name="team" label={t('volunteers.fields.team')} rules={[{ required: true, message: t('volunteers.form.teamRequired') }]}>
        <Select data-testid="volunteer-team" options={VOLUNTEER_TEAMS.map((code) => ({ value: code, label: t(`volunteers.teams.${code}`) }))} />
      </Form.Item>
      {canLink ? (
        <Form.Item name="residentId" label={t('volunteers.fields.resident')} extra={t('volunteers.form.residentHint')}>
          <Select
            data-testid="volunteer-resident"
            allowClear
            disabled={!chosenUnit}
            placeholder={chosenUnit ? t('volunteers.form.residentSearch') : t('volunteers.form.pickUnitFirst')}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={residents.isFetching}
            notFoundContent={query.trim() && !residents.isFetching ? t('volunteers.form.noResident') : null}
            options={residentOptions}
            onChange={pickResident}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('volunteers.fields.name')}
        rules={[
          { required: true, whitespace: true, message: t('volunteers.form.nameRequired') },
          { max: NAME_MAX, message: t('volunteers.form.tooLong', { max: NAME_MAX }) },
        ]}
      >
        <Input autoComplete="off" maxLength={NAME_MAX} data-testid="volunteer-name" />
      </Form.Item>
      <Form.Item name="note" label={t('volunteers.fields.note')} rules={[{ max: NOTE_MAX, message: t('volunteers.form.tooLong', { max: NOTE_MAX }) }]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={NOTE_MAX}
          showCount
          data-testid="volunteer-note"
          placeholder={t('volunteers.form.noteHint')}
        />
      </Form.Item>
    </FormModal>
  );
}
