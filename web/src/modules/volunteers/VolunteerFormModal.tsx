import { useEffect, useState } from 'react';
import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import { useCan } from '../../app/session';
import type { Resident } from '../../app/types';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useCreateVolunteer, useLinkedResident, useResidentSearch, useUpdateVolunteer } from './api';
import { useVolunteerErrorText } from './errors';
import { toVolunteerChanges, toVolunteerInput, type VolunteerFormValues } from './form';
import { isVolunteerTeam, NAME_MAX, NOTE_MAX, VOLUNTEER_TEAMS, type Volunteer } from './types';

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
  /** The volunteer to change, or null to register a new one. */
  volunteer: Volunteer | null;
  /** Pre-selected for a new volunteer when the list is filtered to one unit or one team. */
  unitId?: string;
  team?: string;
  onClose: () => void;
}

/**
 * 登记志愿者: a volunteer of a team at a unit, optionally linked to a resident of that unit. Given a volunteer,
 * the same form changes them (their unit stays: someone serving elsewhere is registered there).
 */
export function VolunteerFormModal({ open, volunteer, unitId, team, onClose }: VolunteerFormModalProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [form] = Form.useForm<VolunteerFormValues>();
  const { message } = App.useApp();
  const errorText = useVolunteerErrorText();
  const create = useCreateVolunteer();
  const update = useUpdateVolunteer();
  const watchedUnit = Form.useWatch('unitId', form);
  const chosenUnit = volunteer ? String(volunteer.unitId) : watchedUnit;
  const [search, setSearch] = useState('');
  // The linked resident stays among the options once the search text changes or is cleared.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const query = useDebounced(search, SEARCH_DELAY_MS);
  // Linking a resident needs the resident list; without it the name is typed by hand.
  const canLink = can('people.read');
  const residents = useResidentSearch(chosenUnit, query, open && canLink);
  // The resident a volunteer is already linked to, to name them among the options.
  const linked = useLinkedResident(volunteer?.residentId ?? null, open && canLink);

  const close = () => {
    setSearch('');
    setPicked(null);
    onClose();
  };

  const onError = (residentSent: boolean) => (error: unknown) => {
    // The unit comes from the caller's own tree, so a 404 with a linked resident means the resident
    // does not live within the chosen unit (or no longer exists).
    if (error instanceof ApiError && error.code === 'NOT_FOUND' && residentSent) {
      form.setFields([{ name: 'residentId', errors: [t('volunteers.form.residentOutside')] }]);
      return;
    }
    if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
    if (error instanceof ApiError && error.code === 'VOLUNTEER_ENDED') close();
  };

  const submit = (values: VolunteerFormValues) => {
    if (volunteer) {
      const changes = toVolunteerChanges(values, volunteer, canLink);
      if (!changes) return;
      if (Object.keys(changes).length === 0) {
        close();
        return;
      }
      update.mutate(
        { id: volunteer.id, changes },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            close();
          },
          onError: onError(Boolean(changes.residentId)),
        },
      );
      return;
    }
    const input = toVolunteerInput(values);
    if (!input) return;
    create.mutate(input, {
      onSuccess: (created) => {
        void message.success(t('volunteers.form.registered', { name: created.name }));
        close();
      },
      onError: onError(Boolean(input.residentId)),
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

  const initial: VolunteerFormValues = volunteer
    ? {
        // A team from before teams were checked is not offered: the form asks for a current one.
        team: isVolunteerTeam(volunteer.team) ? volunteer.team : undefined,
        residentId: volunteer.residentId === null ? undefined : String(volunteer.residentId),
        name: volunteer.name,
        note: volunteer.note ?? undefined,
      }
    : { unitId, team };
  // Until another resident is picked, the linked one is named as the resident record has them.
  const linkedId = volunteer?.residentId ?? null;
  const current = volunteer && linkedId !== null ? { value: String(linkedId), label: linked.data ? residentLabel(linked.data) : volunteer.name } : null;
  const kept = picked ?? current;
  const found = (residents.data ?? []).map((r) => ({ value: String(r.id), label: residentLabel(r) }));
  const residentOptions = kept && !found.some((o) => o.value === kept.value) ? [kept, ...found] : found;

  return (
    <FormModal<VolunteerFormValues>
      open={open}
      title={volunteer ? t('volunteers.form.editTitle') : t('volunteers.form.title')}
      form={form}
      onClose={close}
      pending={create.isPending || update.isPending}
      okText={volunteer ? undefined : t('volunteers.form.submit')}
      initialValues={initial}
      onValuesChange={onValuesChange}
      onFinish={submit}
      data-testid="volunteer-form"
    >
      {volunteer ? (
        <Form.Item label={t('volunteers.fields.unit')}>
          <Typography.Text data-testid="volunteer-unit-name">{volunteer.unitName}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item name="unitId" label={t('volunteers.fields.unit')} rules={[{ required: true, message: t('volunteers.form.unitRequired') }]}>
          <UnitTreeSelect selectable={UNIT_LEVELS} testId="volunteer-unit" />
        </Form.Item>
      )}
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
