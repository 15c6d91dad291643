import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import type { Account } from '../../app/types';
import { useUpdateAccount } from './api';
import { PASSWORD_MIN, passwordRules } from './password';
import { FormModal } from '../../app/FormModal';

interface ResetPasswordModalProps {
  account: Account | null;
  onClose: () => void;
}

export function ResetPasswordModal({ account, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateAccount();

  return (
    <FormModal<{ password: string }>
      open={account !== null}
      title={t('accounts.resetPasswordFor', { name: account?.displayName ?? '' })}
      form={form}
      onClose={onClose}
      pending={update.isPending}
      onFinish={({ password }) => {
        if (!account) return;
        update.mutate(
          { id: account.id, changes: { password } },
          {
            onSuccess: () => {
              void message.success(t('accounts.passwordReset'));
              onClose();
            },
            onError: (error) => void message.error(errorText(error)),
          },
        );
      }}
    >
      <Form.Item
        name="password"
        label={t('accounts.fields.newPassword')}
        extra={t('accounts.passwordHint', { min: PASSWORD_MIN })}
        rules={passwordRules(t)}
      >
        <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
      </Form.Item>
    </FormModal>
  );
}
