import { App, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { showFieldIssues } from '../../app/formErrors';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import type { Household, Id } from '../../app/types';
import { useCreateHousehold, useUpdateHousehold } from './api';
import { FormModal } from '../../app/FormModal';

interface HouseholdFormValues {
  buildingId?: string;
  unitNo: number;
  floor: number;
  room: string;
  area: number;
}

const FIELDS = ['buildingId', 'unitNo', 'floor', 'room', 'area'];
const BUILDING_ONLY = ['building'] as const;

interface HouseholdFormModalProps {
  open: boolean;
  household?: Household | null;
  /** Pre-selects the building when creating from a building page. */
  buildingId?: Id;
  onClose: () => void;
}

export function HouseholdFormModal({ open, household, buildingId, onClose }: HouseholdFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HouseholdFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateHousehold();
  const update = useUpdateHousehold();

  const initial: Partial<HouseholdFormValues> = household
    ? {
        unitNo: Number(household.unitNo),
        floor: household.floor,
        room: String(household.room),
        area: household.area ?? undefined,
      }
    : { buildingId: buildingId === undefined ? undefined : String(buildingId), unitNo: 1, floor: 1 };

  const fail = (error: unknown) => {
    if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
  };
  const done = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const submit = (values: HouseholdFormValues) => {
    const fields = { unitNo: values.unitNo, floor: values.floor, room: values.room.trim(), area: values.area };
    if (household) update.mutate({ id: household.id, changes: fields }, { onSuccess: done, onError: fail });
    else if (values.buildingId) create.mutate({ buildingId: Number(values.buildingId), ...fields }, { onSuccess: done, onError: fail });
  };

  return (
    <FormModal<HouseholdFormValues>
      open={open}
      title={household ? t('people.form.editHousehold') : t('people.form.newHousehold')}
      form={form}
      onClose={onClose}
      pending={create.isPending || update.isPending}
      initialValues={initial}
      onFinish={submit}
      data-testid="household-form"
    >
      {household ? null : (
        <Form.Item
          name="buildingId"
          label={t('people.fields.building')}
          rules={[{ required: true, message: t('people.form.buildingRequired') }]}
        >
          <UnitTreeSelect selectable={BUILDING_ONLY} />
        </Form.Item>
      )}
      <Form.Item name="unitNo" label={t('people.fields.unitNo')} rules={[{ required: true }]}>
        <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="floor" label={t('people.fields.floor')} rules={[{ required: true }]}>
        <InputNumber min={-5} max={120} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="room"
        label={t('people.fields.room')}
        rules={[
          { required: true, whitespace: true, message: t('people.form.roomRequired') },
          { max: 20, message: t('people.form.tooLong', { max: 20 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="area" label={t('people.fields.area')} rules={[{ required: true, message: t('people.form.areaRequired') }]}>
        <InputNumber min={0.01} max={100000} step={0.5} suffix="m²" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
