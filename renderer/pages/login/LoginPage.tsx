import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { authStore, useAuth } from '../../auth';
import { useAppInfo } from '../../app/appInfo';
import { DamagedAlert } from '../../app/DamagedAlert';
import { AuthLayout } from '../../components/AuthLayout';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';

interface LoginValues {
  username: string;
  password: string;
}

/** Sign in; the core's Chinese message (wrong password, attempts left, lockout) is shown as is. */
export function LoginPage() {
  const { t } = useTranslation();
  const { info } = useAppInfo();
  const { notice } = useAuth();
  const { form, rules, submit, submitting, formError } = useContractForm<'auth/login', LoginValues>('auth/login', {
    onSuccess: (session) => authStore.signedIn(session),
  });

  return (
    <AuthLayout
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      projectName={info.projectName}
      version={info.version}
      testId="login-page"
      top={info.dbState === 'damaged' ? <DamagedAlert showAction={false} /> : null}
    >
      {notice && !formError ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" /> : null}
      <FormError message={formError} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="login" requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={rules('username')}>
          <Input autoFocus prefix={<UserOutlined />} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={rules('password')}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
