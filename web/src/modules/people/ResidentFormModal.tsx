import { App, AutoComplete, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { showFieldIssues } from '../../app/formErrors';
import { GENDERS, RELATIONS, type Id, type Resident } from '../../app/types';
import { useCreateResident, useUpdateResident } from './api';
import { HouseholdSelect } from './HouseholdSelect';
import { changedFields, initialValues, newResident, RESIDENT_FIELDS, type ResidentFormValues } from './residentForm';
import { isValidIdNumber, isValidPhone } from './validators';
import { FormModal } from '../../app/FormModal';

/** The ethnic groups met most in Lhasa; any other can be typed. Values are what the server stores. */
const COMMON_ETHNICITIES = ['藏族', '汉族', '回族', '门巴族', '珞巴族', '纳西族'];

interface ResidentFormModalProps {
  open: boolean;
  /** Editing this resident; without it a new resident is created. */
  resident?: Resident;
  /** Creating into this household (from the household drawer): the household is not asked for. */
  householdId?: Id;
  onClose: () => void;
}

export function ResidentFormModal({ open, resident, householdId, onClose }: ResidentFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResidentFormValues>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateResident();
  const update = useUpdateResident();
  const initial = initialValues(resident);
  const editing = resident !== undefined;

  const fail = (error: unknown) => {
    if (!showFieldIssues(form, error, RESIDENT_FIELDS, t)) void message.error(errorText(error));
  };
  const done = () => {
    void message.success(t('common.saved'));
    onClose();
  };

  const submit = (values: ResidentFormValues) => {
    if (resident) {
      const changes = changedFields(values, initial);
      if (Object.keys(changes).length === 0) return onClose();
      update.mutate({ id: resident.id, changes }, { onSuccess: done, onError: fail });
      return;
    }
    const target = householdId ?? values.householdId;
    if (target === undefined) return;
    const input = newResident(values, target);
    create.mutate(input, { onSuccess: done, onError: fail });
  };

  const keepHint = editing && resident.masked ? t('people.form.keepMasked') : undefined;

  return (
    <FormModal<ResidentFormValues>
      open={open}
      title={editing ? t('people.form.editResident') : t('people.form.newResident')}
      form={form}
      onClose={onClose}
      pending={create.isPending || update.isPending}
      initialValues={initial}
      onFinish={submit}
      data-testid="resident-form"
    >
      {!editing && householdId === undefined ? (
        <Form.Item
          name="householdId"
          label={t('people.fields.household')}
          rules={[{ required: true, message: t('people.form.householdRequired') }]}
        >
          <HouseholdSelect />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('people.fields.name')}
        rules={[
          { required: true, whitespace: true, message: t('people.form.nameRequired') },
          { max: 60, message: t('people.form.tooLong', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="gender" label={t('people.fields.gender')} extra={t('people.form.genderHint')}>
        <Radio.Group
          options={GENDERS.map((gender) => ({ value: gender, label: t(`domain.genders.${gender}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="ethnicity"
        label={t('people.fields.ethnicity')}
        rules={[{ max: 20, message: t('people.form.tooLong', { max: 20 }) }]}
      >
        <AutoComplete
          options={COMMON_ETHNICITIES.map((value) => ({
            value,
            label: t(`domain.ethnicities.${value}`, { defaultValue: value }),
          }))}
        />
      </Form.Item>
      <Form.Item name="birthDate" label={t('people.fields.birthDate')}>
        <Input type="date" max="9999-12-31" />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('people.fields.phone')}
        extra={keepHint}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              !value || isValidPhone(value) ? Promise.resolve() : Promise.reject(new Error(t('people.form.badPhone'))),
          },
        ]}
      >
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('people.fields.idNumber')}
        extra={keepHint}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              !value || isValidIdNumber(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('people.form.badIdNumber'))),
          },
        ]}
      >
        <Input autoComplete="off" maxLength={24} />
      </Form.Item>
      <Form.Item name="relation" label={t('people.fields.relation')} rules={[{ required: true }]}>
        <Select
          options={RELATIONS.map((relation) => ({ value: relation, label: t(`domain.relations.${relation}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
