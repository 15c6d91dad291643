import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import { showFieldIssues } from '../../app/formErrors';
import { LANGUAGES } from '../../app/types';
import { LANGUAGE_NAMES } from '../../i18n';
import { useCreateAccount, type NewAccount } from './api';
import { PASSWORD_MIN, passwordRules } from './password';
import { FormModal } from '../../app/FormModal';

const FIELDS = ['username', 'displayName', 'password', 'language'];

export function CreateAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewAccount>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateAccount();

  const submit = (values: NewAccount) =>
    create.mutate(
      { ...values, username: values.username.trim(), displayName: values.displayName.trim() },
      {
        onSuccess: () => {
          void message.success(t('accounts.created'));
          onClose();
        },
        onError: (error) => {
          if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
        },
      },
    );

  return (
    <FormModal<NewAccount>
      open={open}
      title={t('accounts.create')}
      form={form}
      onClose={onClose}
      pending={create.isPending}
      initialValues={{ language: 'zh-CN' }}
      onFinish={submit}
      data-testid="account-form"
    >
      <Form.Item
        name="username"
        label={t('accounts.fields.username')}
        extra={t('accounts.usernameHint')}
        rules={[
          { required: true, whitespace: true, message: t('accounts.usernameRequired') },
          { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('accounts.usernamePattern') },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('accounts.fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('accounts.fields.password')}
        extra={t('accounts.passwordHint', { min: PASSWORD_MIN })}
        rules={passwordRules(t)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="language" label={t('accounts.fields.language')}>
        <Select options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))} />
      </Form.Item>
    </FormModal>
  );
}
