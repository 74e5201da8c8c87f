import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { authStore, useAuth } from '../auth';
import { logout } from '../auth/actions';
import { FormError } from '../components/FormError';
import { useContractForm } from '../forms/contractForm';

interface UnlockValues {
  password: string;
}

/** The idle lock: an opaque overlay over the (inert) shell; the password unlocks. */
export function LockScreen() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const { form, rules, submit, submitting, formError } = useContractForm<'auth/unlock', UnlockValues>('auth/unlock', {
    onSuccess: (s) => authStore.unlocked(s),
  });
  return (
    <div className="owb-lock" role="dialog" aria-modal="true" aria-labelledby="owb-lock-title" data-testid="lock-screen">
      <Card className="owb-auth-card">
        <Typography.Title level={3} id="owb-lock-title">
          <LockOutlined /> {t('lock.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('lock.body', { name: session?.user.displayName ?? '' })}</Typography.Paragraph>
        <FormError message={formError} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="password" label={t('lock.password')} rules={rules('password')}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('lock.submit')}
          </Button>
        </Form>
        <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
          {t('lock.switchUser')}
        </Button>
      </Card>
    </div>
  );
}
