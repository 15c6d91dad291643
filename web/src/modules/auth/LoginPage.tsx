import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRef } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useErrorText } from '../../app/errors';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useLogin, useMeQuery } from '../../app/session';
import type { Language } from '../../app/types';
import { safeNext } from './next';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMeQuery();
  const login = useLogin();
  const errorText = useErrorText();
  // A language picked here, before signing in, is saved to the account once signed in.
  const picked = useRef<Language | undefined>(undefined);

  if (me.data) return <Navigate to={next} replace />;

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400 }}>
        <LanguageSwitch onChange={(language) => (picked.current = language)} />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400, marginTop: '10vh' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>
            小区 <span style={{ fontWeight: 400, fontSize: '0.7em' }}>xiaoqu</span>
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth.tagline')}</Typography.Text>
        </Flex>
        <Form<LoginForm>
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) => login.mutate({ ...values, language: picked.current }, { onSuccess: () => void navigate(next, { replace: true }) })}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {login.isError ? (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              role="alert"
              title={errorText(login.error)}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
