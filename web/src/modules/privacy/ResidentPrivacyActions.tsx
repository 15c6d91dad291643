import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { useCan } from '../../app/session';
import type { Id } from '../../app/types';
import { useAnonymise, useExportRecord } from './api';
import { exportFileName, saveJson } from './download';

interface Target {
  id: Id;
  name: string;
}

function ExportModal({ resident, open, onClose }: { resident: Target; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const exportRecord = useExportRecord();
  return (
    <FormModal<{ purpose: string }>
      open={open}
      title={t('privacy.export.title', { name: resident.name })}
      form={form}
      onClose={onClose}
      pending={exportRecord.isPending}
      okText={t('privacy.export.ok')}
      onFinish={({ purpose }) =>
        exportRecord.mutate(
          { residentId: resident.id, purpose: purpose.trim() },
          {
            onSuccess: (record) => {
              saveJson(exportFileName(resident.id, record.generatedAt), record);
              void message.success(t('privacy.export.done'));
              onClose();
            },
            onError: (error) => void message.error(errorText(error)),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('privacy.export.note')}</Typography.Paragraph>
      <Form.Item
        name="purpose"
        label={t('privacy.export.purpose')}
        extra={t('privacy.export.purposeHint')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('errors.fieldReason.required') }]}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="export-purpose" />
      </Form.Item>
    </FormModal>
  );
}

interface AnonymiseForm {
  reason: string;
  confirmName: string;
}

function AnonymiseModal({ resident, open, onClose, onDone }: { resident: Target; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AnonymiseForm>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const anonymise = useAnonymise();
  return (
    <FormModal<AnonymiseForm>
      open={open}
      title={t('privacy.anonymise.title', { name: resident.name })}
      form={form}
      onClose={onClose}
      pending={anonymise.isPending}
      okText={t('privacy.anonymise.ok')}
      onFinish={({ reason, confirmName }) =>
        anonymise.mutate(
          { residentId: resident.id, reason: reason.trim(), confirmName },
          {
            onSuccess: (result) => {
              void message.success(t('privacy.anonymise.done', { pseudonym: result.pseudonym }));
              onClose();
              onDone();
            },
            onError: (error) => void message.error(errorText(error)),
          },
        )
      }
    >
      <Alert type="error" showIcon title={t('privacy.anonymise.warning')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('privacy.anonymise.reason')}
        extra={t('privacy.anonymise.reasonHint')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('errors.fieldReason.required') }]}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="anonymise-reason" />
      </Form.Item>
      <Form.Item
        name="confirmName"
        label={t('privacy.anonymise.confirm', { name: resident.name })}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              (value ?? '').normalize('NFC').trim() === resident.name.normalize('NFC') ? Promise.resolve() : Promise.reject(new Error(t('privacy.anonymise.mismatch'))),
          },
        ]}
      >
        <Input autoComplete="off" data-testid="anonymise-confirm" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * A resident's rights carried out by staff (PIPL): export the full record with a stated purpose, and
 * anonymise it on request. Shown to roles that may reveal (and change) the register; the server decides.
 */
export function ResidentPrivacyActions({ resident, onAnonymised }: { resident: Target; onAnonymised: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  if (!can('people.reveal')) return null;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('privacy.staffNote')}
      </Typography.Text>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="export-record">
          {t('privacy.export.button')}
        </Button>
        {can('people.write') ? (
          <Button danger icon={<DeleteOutlined />} onClick={() => setErasing(true)} data-testid="anonymise-resident">
            {t('privacy.anonymise.button')}
          </Button>
        ) : null}
      </Flex>
      <ExportModal resident={resident} open={exporting} onClose={() => setExporting(false)} />
      {can('people.write') ? <AnonymiseModal resident={resident} open={erasing} onClose={() => setErasing(false)} onDone={onAnonymised} /> : null}
    </Flex>
  );
}
