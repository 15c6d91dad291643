import { App, Button, Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/FormModal';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { GENDERS, type Gender } from '../../app/types';
import { useCreateCase, useMediators } from './api';
import { placeFieldIssues, useMediationErrorText } from './errors';
import { CASE_KINDS, PARTY_ROLES, type CaseDetail, type CaseKind, type PartyRole } from './types';

interface PartyValues {
  role: PartyRole;
  name?: string;
  gender?: Gender;
  ethnicity?: string;
  address?: string;
}

interface CaseFormValues {
  unitId?: string;
  title: string;
  kind: CaseKind;
  facts: string;
  dispute: string;
  /** A volunteer's id, or STAFF for a named staff member. */
  mediator?: string;
  mediatorName?: string;
  issueId?: number | null;
  parties: PartyValues[];
}

const STAFF = 'staff';
const FIELDS = ['unitId', 'title', 'kind', 'facts', 'dispute', 'mediatorName', 'issueId', 'parties'];
const UNIT_LEVELS = ['community', 'compound', 'building'] as const;

interface CaseFormModalProps {
  open: boolean;
  /** Pre-selects the unit when the list is filtered to one. */
  unitId?: string;
  onClose: () => void;
  onCreated: (detail: CaseDetail) => void;
}

/** 立案: a new case with its parties (at least one applicant and one respondent) and its mediator. */
export function CaseFormModal({ open, unitId, onClose, onCreated }: CaseFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CaseFormValues>();
  const { message } = App.useApp();
  const errorText = useMediationErrorText();
  const create = useCreateCase();
  const mediators = useMediators(open);
  const mediator = Form.useWatch('mediator', form);

  const initial: Partial<CaseFormValues> = {
    unitId,
    kind: 'neighbour',
    parties: [{ role: 'applicant' }, { role: 'respondent' }],
  };

  const submit = (values: CaseFormValues) => {
    if (!values.unitId) return;
    const staff = values.mediator === STAFF;
    create.mutate(
      {
        unitId: Number(values.unitId),
        issueId: values.issueId ?? null,
        title: values.title.trim(),
        kind: values.kind,
        facts: values.facts.trim(),
        dispute: values.dispute.trim(),
        mediatorVolunteerId: staff || !values.mediator ? null : Number(values.mediator),
        mediatorName: staff ? (values.mediatorName ?? '').trim() : null,
        parties: values.parties.map((party) => ({
          role: party.role,
          name: (party.name ?? '').trim(),
          gender: party.gender ?? null,
          ethnicity: party.ethnicity?.trim() || null,
          address: party.address?.trim() || null,
        })),
      },
      {
        onSuccess: (detail) => {
          void message.success(t('mediation.form.created'));
          onClose();
          onCreated(detail);
        },
        onError: (error) => {
          if (!placeFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
        },
      },
    );
  };

  const mediatorOptions = [
    ...(mediators.data ?? []).map((v) => ({ value: String(v.id), label: `${v.name} · ${v.unitName}` })),
    { value: STAFF, label: t('mediation.form.staffMediator') },
  ];
  const required = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <FormModal<CaseFormValues>
      open={open}
      title={t('mediation.form.newCase')}
      form={form}
      onClose={onClose}
      pending={create.isPending}
      okText={t('mediation.form.create')}
      initialValues={initial}
      onFinish={submit}
      data-testid="case-form"
    >
      <Form.Item name="unitId" label={t('mediation.fields.unit')} rules={[{ required: true, message: t('mediation.form.unitRequired') }]}>
        <UnitTreeSelect selectable={UNIT_LEVELS} testId="case-unit" />
      </Form.Item>
      <Form.Item name="title" label={t('mediation.fields.title')} rules={[...required(t('mediation.form.required')), { max: 100 }]}>
        <Input autoComplete="off" maxLength={100} data-testid="case-title" placeholder={t('mediation.form.titleHint')} />
      </Form.Item>
      <Form.Item name="kind" label={t('mediation.fields.kind')} rules={[{ required: true }]}>
        <Select data-testid="case-kind" options={CASE_KINDS.map((kind) => ({ value: kind, label: t(`mediation.kinds.${kind}`) }))} />
      </Form.Item>

      <Form.List
        name="parties"
        rules={[
          {
            validator: async (_, parties: PartyValues[] | undefined) => {
              const roles = (parties ?? []).map((party) => party.role);
              if (!roles.includes('applicant') || !roles.includes('respondent')) throw new Error(t('mediation.form.bothSides'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                data-testid="party-card"
                title={t('mediation.form.partyN', { n: index + 1 })}
                extra={
                  fields.length > 2 ? (
                    <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('mediation.form.removeParty')} onClick={() => remove(field.name)} />
                  ) : null
                }
              >
                <Flex gap={8} wrap>
                  <Form.Item name={[field.name, 'role']} label={t('mediation.fields.role')} rules={[{ required: true }]} style={{ flex: '1 1 120px', minWidth: 0, marginBottom: 8 }}>
                    <Select data-testid={`party-role-${index}`} options={PARTY_ROLES.map((role) => ({ value: role, label: t(`mediation.roles.${role}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('mediation.fields.name')}
                    rules={[...required(t('mediation.form.required')), { max: 60 }]}
                    style={{ flex: '1 1 140px', minWidth: 0, marginBottom: 8 }}
                  >
                    <Input autoComplete="off" maxLength={60} data-testid={`party-name-${index}`} />
                  </Form.Item>
                </Flex>
                <Flex gap={8} wrap>
                  <Form.Item name={[field.name, 'gender']} label={t('mediation.fields.gender')} style={{ flex: '1 1 100px', minWidth: 0, marginBottom: 8 }}>
                    <Select allowClear options={GENDERS.map((gender) => ({ value: gender, label: t(`domain.genders.${gender}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'ethnicity']} label={t('mediation.fields.ethnicity')} rules={[{ max: 20 }]} style={{ flex: '1 1 100px', minWidth: 0, marginBottom: 8 }}>
                    <Input autoComplete="off" maxLength={20} placeholder={t('mediation.form.ethnicityHint')} />
                  </Form.Item>
                </Flex>
                <Form.Item name={[field.name, 'address']} label={t('mediation.fields.address')} rules={[{ max: 200 }]} style={{ marginBottom: 0 }}>
                  <Input autoComplete="off" maxLength={200} data-testid={`party-address-${index}`} />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'respondent' })} data-testid="add-party" disabled={fields.length >= 20}>
              {t('mediation.form.addParty')}
            </Button>
          </Flex>
        )}
      </Form.List>

      <Form.Item name="facts" label={t('mediation.fields.facts')} rules={[...required(t('mediation.form.required')), { max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="case-facts" />
      </Form.Item>
      <Form.Item name="dispute" label={t('mediation.fields.dispute')} rules={[...required(t('mediation.form.required')), { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="case-dispute" />
      </Form.Item>
      <Form.Item name="mediator" label={t('mediation.fields.mediator')} rules={[{ required: true, message: t('mediation.form.mediatorRequired') }]}>
        <Select data-testid="case-mediator" loading={mediators.isPending} options={mediatorOptions} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      {mediator === STAFF ? (
        <Form.Item name="mediatorName" label={t('mediation.fields.mediatorName')} rules={[...required(t('mediation.form.required')), { max: 60 }]}>
          <Input autoComplete="off" maxLength={60} data-testid="case-mediator-name" />
        </Form.Item>
      ) : null}
      <Form.Item name="issueId" label={t('mediation.fields.issueId')} extra={t('mediation.form.issueHint')}>
        <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
