import { useMemo } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput } from '../../../shared/contract';
import { authStore } from '../../auth';
import { useAppInfo } from '../../app/appInfo';
import { DamagedAlert } from '../../app/DamagedAlert';
import { AuthLayout } from '../../components/AuthLayout';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';

interface SetupValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

const toInput = (v: SetupValues): ChannelInput<'auth/setup-admin'> => ({ username: v.username, displayName: v.displayName, password: v.password });

/** First start: create the administrator (the core refuses weak passwords; no defaults). */
export function SetupAdminPage() {
  const { t } = useTranslation();
  const { info, reload } = useAppInfo();
  const messages = useMemo(() => ({ username: { invalid_format: t('validation.username') } }), [t]);
  const { form, rules, required, submit, submitting, formError } = useContractForm<'auth/setup-admin', SetupValues>('auth/setup-admin', { toInput, messages });

  const onFinish = async (values: SetupValues) => {
    const session = await submit(values);
    if (!session) return;
    await reload();
    authStore.signedIn(session);
  };

  return (
    <AuthLayout
      title={t('setup.title')}
      subtitle={t('setup.intro')}
      projectName={info.projectName}
      version={info.version}
      testId="setup-page"
      top={info.dbState === 'damaged' ? <DamagedAlert showAction={false} /> : null}
    >
      <FormError message={formError} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} autoComplete="off" name="setup">
        <Form.Item name="username" label={t('setup.username')} required={required('username')} rules={rules('username')}>
          <Input autoFocus placeholder={t('setup.usernamePlaceholder')} autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('setup.displayName')} required={required('displayName')} rules={rules('displayName')}>
          <Input placeholder={t('setup.displayNamePlaceholder')} autoComplete="name" />
        </Form.Item>
        <Form.Item name="password" label={t('setup.password')} required={required('password')} rules={rules('password')} extra={t('setup.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirmPassword')}
          required
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.requiredShort') },
            ({ getFieldValue }) => ({
              validator: async (_r, value: unknown) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('setup.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
