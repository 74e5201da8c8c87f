import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput } from '../../../shared/contract';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const toInput = (v: PasswordValues): ChannelInput<'accounts/change-password'> => ({ oldPassword: v.oldPassword, newPassword: v.newPassword });

/** 我的账号: change one's own password (the core checks the old one and the strength). */
export function AccountTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, rules, submit, submitting, formError } = useContractForm<'accounts/change-password', PasswordValues>('accounts/change-password', { toInput });

  const onFinish = async (values: PasswordValues) => {
    if (!(await submit(values))) return;
    form.resetFields();
    void message.success(t('settings.account.changed'));
  };

  return (
    <div style={{ maxWidth: 420 }}>
      <FormError message={formError} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} name="change-password">
        <Form.Item name="oldPassword" label={t('settings.account.oldPassword')} required rules={rules('oldPassword')}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('settings.account.newPassword')} required rules={rules('newPassword')} extra={t('setup.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('settings.account.confirmPassword')}
          required
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.requiredShort') },
            ({ getFieldValue }) => ({
              validator: async (_r, value: unknown) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('setup.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('settings.account.submit')}
        </Button>
      </Form>
    </div>
  );
}
