import { useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, Modal, Progress, Row, Select, Table, Tag, Typography, Upload } from 'antd';
import type { FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, validationIssues } from '../../app/api';
import { ErrorAlert } from '../../app/errors';
import { useMe } from '../../app/session';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { ORDER_FILE_ACCEPT, useCreateSource, usePreview, useUpdateSource } from './api';
import { useHotlineErrorText } from './errors';
import { cleanMapping, headerChoices, REQUIRED_FIELDS, startingMapping } from './mapping';
import { MAPPING_FIELDS, type HotlineSource, type Mapping, type MappingField, type Preview } from './types';

interface Values {
  unitId?: string;
  name: string;
  mapping: Mapping;
}

/** 12345 work orders come to a community or a street office. */
const SOURCE_LEVELS = ['street', 'community'] as const;
const FORM_FIELDS = new Set(['unitId', 'name', ...MAPPING_FIELDS.map((field) => `mapping.${field}`)]);

/** Puts the server's per-field problems under the fields (mapping fields are nested); true when all found one. */
function showIssues(form: FormInstance<Values>, error: unknown, t: TFunction): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const issues = validationIssues(error);
  const placed = issues.filter((issue) => FORM_FIELDS.has(issue.path));
  form.setFields(
    placed.map((issue) => ({
      name: issue.path.split('.'),
      errors: [t(`errors.fieldReason.${issue.reason ?? 'invalid'}`)],
    })) as Parameters<typeof form.setFields>[0],
  );
  return issues.length > 0 && placed.length === issues.length;
}

/** The first rows of the sample, each column headed by its header and the field it is mapped to. */
function SampleTable({ preview, mapping }: { preview: Preview; mapping: Mapping }) {
  const { t } = useTranslation();
  const fieldOf = (header: string): MappingField | undefined => MAPPING_FIELDS.find((field) => mapping[field] === header);
  return (
    <Table<{ key: number; cells: string[] }>
      data-testid="hotline-sample"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={preview.sample.map((cells, i) => ({ key: i, cells }))}
      locale={{ emptyText: t('hotline.source.noSampleRows') }}
      columns={preview.headers.map((header, i) => {
        const field = fieldOf(header);
        return {
          key: String(i),
          title: (
            <Flex vertical gap={2}>
              <span>{header}</span>
              {field ? (
                <Tag color="blue" style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
                  {t(`hotline.fields.${field}`)}
                </Tag>
              ) : null}
            </Flex>
          ),
          render: (_: unknown, row: { cells: string[] }) => (
            <Typography.Text style={{ display: 'block', maxWidth: 220, whiteSpace: 'nowrap' }} ellipsis={{ tooltip: true }}>
              {row.cells[i] ?? ''}
            </Typography.Text>
          ),
        };
      })}
    />
  );
}

interface SourceFieldsProps {
  form: FormInstance<Values>;
  source: HotlineSource | null;
  onFinish: (values: Values) => void;
}

/** The form itself; mounted only while the dialog is open, so a new dialog starts without the last sample. */
function SourceFields({ form, source, onFinish }: SourceFieldsProps) {
  const { t } = useTranslation();
  const me = useMe();
  const preview = usePreview();
  const [sample, setSample] = useState<Preview | null>(null);
  const mapping = Form.useWatch('mapping', form) ?? source?.mapping ?? {};
  const choices = headerChoices(sample?.headers ?? null, source?.mapping ?? {});
  const noHeaders = choices.length === 0;
  // A member of staff at one community or street office sets up sources there: start on that unit.
  const homeUnit = me.roles.find((role) => SOURCE_LEVELS.some((level) => level === role.unitLevel));

  const readSample = (file: File) =>
    preview.mutate(file, {
      onSuccess: (read) => {
        setSample(read);
        const current = (form.getFieldValue('mapping') as Mapping | undefined) ?? {};
        const next = startingMapping(read.headers, read.guessed, current);
        // Every field is set, so a field the new file cannot fill is cleared rather than left on an old header.
        form.setFieldsValue({ mapping: Object.fromEntries(MAPPING_FIELDS.map((field) => [field, next[field]])) as Mapping });
      },
    });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      preserve={false}
      onFinish={onFinish}
      initialValues={
        source
          ? { name: source.name, mapping: source.mapping }
          : { unitId: homeUnit ? String(homeUnit.unitId) : undefined, mapping: {} }
      }
      data-testid="hotline-source-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          {source ? (
            <Form.Item label={t('hotline.source.unit')}>
              <Typography.Text>{source.unitName}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name="unitId"
              label={t('hotline.source.unit')}
              extra={t('hotline.source.unitHint')}
              rules={[{ required: true, message: t('hotline.source.unitRequired') }]}
            >
              <UnitTreeSelect testId="hotline-source-unit" selectable={SOURCE_LEVELS} maxLevel="community" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('hotline.source.name')}
            rules={[
              { required: true, whitespace: true, message: t('hotline.source.nameRequired') },
              { max: 80, message: t('hotline.source.nameTooLong') },
            ]}
          >
            <Input autoComplete="off" placeholder={t('hotline.source.namePlaceholder')} data-testid="hotline-source-name" />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('hotline.source.mappingTitle')}
      </Typography.Title>
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {source ? t('hotline.source.sampleHintEdit') : t('hotline.source.sampleHint')}
        </Typography.Paragraph>
        <Upload
          accept={ORDER_FILE_ACCEPT}
          showUploadList={false}
          disabled={preview.isPending}
          beforeUpload={(file) => {
            readSample(file);
            // Our own request sends the file (with the CSRF header and progress), not Upload's.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={preview.isPending} data-testid="hotline-sample-upload">
            {sample ? t('hotline.source.sampleAgain') : t('hotline.source.sampleUpload')}
          </Button>
        </Upload>
        {preview.isPending ? <Progress percent={preview.progress} size="small" /> : null}
        {preview.isError ? <ErrorAlert error={preview.error} /> : null}
        {sample ? (
          <>
            <Typography.Text type="secondary">
              {t('hotline.source.sampleRead', { columns: sample.headers.length, rows: sample.sample.length })}
            </Typography.Text>
            <SampleTable preview={sample} mapping={mapping} />
          </>
        ) : null}
        {noHeaders ? <Alert type="info" showIcon title={t('hotline.source.sampleFirst')} /> : null}
      </Flex>

      <Row gutter={12}>
        {MAPPING_FIELDS.map((field) => {
          const required = REQUIRED_FIELDS.includes(field);
          return (
            <Col xs={24} sm={12} md={8} key={field}>
              <Form.Item
                name={['mapping', field]}
                label={t(`hotline.fields.${field}`)}
                required={required}
                rules={required ? [{ required: true, message: t('hotline.source.columnRequired') }] : []}
                extra={field === 'address' ? t('hotline.source.addressHint') : undefined}
              >
                <Select
                  data-testid={`hotline-map-${field}`}
                  allowClear={!required}
                  disabled={noHeaders}
                  placeholder={required ? t('hotline.source.pickColumn') : t('hotline.source.notInFile')}
                  options={choices.map((header) => ({ value: header, label: header }))}
                  popupMatchSelectWidth={false}
                  styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
                />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </Form>
  );
}

interface SourceFormModalProps {
  open: boolean;
  /** The source to change, or null to set up a new one. */
  source: HotlineSource | null;
  onClose: () => void;
  onSaved: (source: HotlineSource) => void;
}

/** Set up a 12345 source or change its column mapping, from a sample of what the hotline exports. */
export function SourceFormModal({ open, source, onClose, onSaved }: SourceFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useHotlineErrorText();
  const [form] = Form.useForm<Values>();
  const create = useCreateSource();
  const update = useUpdateSource();

  const handlers = {
    onSuccess: (saved: HotlineSource) => {
      void message.success(source ? t('common.saved') : t('hotline.source.created'));
      onSaved(saved);
      onClose();
    },
    onError: (error: unknown) => {
      if (error instanceof ApiError && error.code === 'HOTLINE_SOURCE_EXISTS') {
        form.setFields([{ name: 'name', errors: [errorText(error)] }]);
        return;
      }
      if (!showIssues(form, error, t)) void message.error(errorText(error));
    },
  };

  const submit = (values: Values) => {
    const input = { name: values.name.trim(), mapping: cleanMapping(values.mapping) };
    if (source) update.mutate({ id: source.id, input }, handlers);
    else create.mutate({ ...input, unitId: Number(values.unitId) }, handlers);
  };

  return (
    <Modal
      open={open}
      title={source ? t('hotline.source.edit') : t('hotline.source.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={860}
    >
      <SourceFields form={form} source={source} onFinish={submit} />
    </Modal>
  );
}
