import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Spin, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { authStore, useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';

type Settings = Output<'settings/get'>;

/** Workstation settings (idle lock, lockout, updater, daily backup); only the admin edits. */
export function WorkstationTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const isAdmin = session?.user.roles.includes('admin') ?? false;
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { form, rules, required, submit, submitting, formError } = useContractForm<'settings/update', Settings>('settings/update');

  useEffect(() => {
    let live = true;
    invoke('settings/get', {})
      .then((s) => {
        if (!live) return;
        setLoaded(s);
        form.setFieldsValue(s);
      })
      .catch((e: unknown) => live && setLoadError(toClientError(e).message));
    return () => {
      live = false;
    };
  }, [form]);

  const onFinish = async (values: Settings) => {
    const saved = await submit(values);
    if (!saved) return;
    authStore.setIdleLockMinutes(saved.idleLockMinutes);
    void message.success(t('settings.workstation.saved'));
  };

  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  if (!loaded) return <Spin />;
  return (
    <div style={{ maxWidth: 560 }}>
      {!isAdmin ? <Alert type="info" showIcon title={t('settings.workstation.adminOnly')} style={{ marginBottom: 16 }} /> : null}
      <FormError message={formError} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} disabled={!isAdmin} initialValues={loaded} name="workstation">
        <Form.Item name="idleLockMinutes" label={t('settings.workstation.idleLockMinutes')} required={required('idleLockMinutes')} rules={rules('idleLockMinutes')}>
          <InputNumber autoFocus precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="lockoutMinutes" label={t('settings.workstation.lockoutMinutes')} required={required('lockoutMinutes')} rules={rules('lockoutMinutes')}>
          <InputNumber precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="updaterUrl" label={t('settings.workstation.updaterUrl')} rules={rules('updaterUrl')}>
          <Input placeholder={t('settings.workstation.updaterUrlPlaceholder')} />
        </Form.Item>
        <Form.Item name="dailyBackup" label={t('settings.workstation.dailyBackup')} valuePropName="checked" rules={rules('dailyBackup')}>
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('settings.workstation.save')}
        </Button>
      </Form>
    </div>
  );
}
