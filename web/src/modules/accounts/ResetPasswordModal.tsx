import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors';
import type { Account } from '../../app/types';
import { useUpdateAccount } from './api';
import { PASSWORD_MIN, passwordRules } from './password';

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
    <Modal
      open={account !== null}
      title={t('accounts.resetPasswordFor', { name: account?.displayName ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        preserve={false}
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
      </Form>
    </Modal>
  );
}
