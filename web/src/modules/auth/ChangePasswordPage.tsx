import { Alert, App, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorText } from '../../app/errors';
import { useChangePassword, useLogout, useMe } from '../../app/session';
import { PASSWORD_MIN, passwordRules } from '../accounts/password';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Changing one's own password: from the user menu, or straight after signing in when a manager set the
 * password (then nothing else opens until it is changed).
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const change = useChangePassword();
  const logout = useLogout();
  const [form] = Form.useForm<ChangePasswordForm>();
  const forced = me.mustChangePassword;

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 440, marginTop: '8vh' }} data-testid="password-page">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auth.changePassword')}
        </Typography.Title>
        {forced ? (
          <Alert data-testid="password-forced" type="warning" showIcon title={t('auth.mustChange')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<ChangePasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={change.isPending}
          onFinish={({ currentPassword, newPassword }) =>
            change.mutate(
              { currentPassword, newPassword },
              {
                onSuccess: () => {
                  void message.success(t('auth.passwordChanged'));
                  void navigate('/', { replace: true });
                },
              },
            )
          }
        >
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
            {t('auth.signedInAs', { name: me.displayName, username: me.username })}
          </Typography.Text>
          <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password data-testid="password-current" prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item name="newPassword" label={t('auth.newPassword')} extra={t('accounts.passwordHint', { min: PASSWORD_MIN })} rules={passwordRules(t)}>
            <Input.Password data-testid="password-new" prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password data-testid="password-confirm" prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          {change.isError ? (
            <Alert data-testid="password-error" type="error" showIcon role="alert" title={errorText(change.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <Flex gap={8} wrap justify="space-between">
            <Button data-testid="password-submit" type="primary" htmlType="submit" loading={change.isPending}>
              {t('auth.changePassword')}
            </Button>
            {forced ? (
              <Button data-testid="password-logout" loading={logout.isPending} onClick={() => logout.mutate()}>
                {t('auth.logout')}
              </Button>
            ) : (
              <Link to="/">
                <Button data-testid="password-back">{t('common.home')}</Button>
              </Link>
            )}
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
