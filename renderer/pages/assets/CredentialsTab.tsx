import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Credential } from '../../../shared/contract/assets';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { useContractForm } from '../../forms/contractForm';
import { fmtAt, useLoad } from '../faults/common';
import { useCanWrite } from '../inspections/common';

/** 登录凭据: who the SSH probes log in as. The secret is typed in, never shown again. */
export function CredentialsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { canWrite } = useCanWrite();
  const list = useLoad(() => invoke('assets/credentials', {}), []);
  const [editing, setEditing] = useState<Credential | 'new' | null>(null);
  const remove = async (c: Credential) => {
    try {
      await invoke('assets/credential-delete', { id: c.id });
      list.reload();
    } catch (e) {
      void message.error(toClientError(e).message);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon icon={<LockOutlined />} title={t('assets.credentials.note')} />
      {canWrite ? (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="credential-add">
            {t('assets.credentials.add')}
          </Button>
        </div>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<Credential>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('assets.credentials.empty') }}
        columns={[
          { title: t('assets.credentials.label'), dataIndex: 'label' },
          { title: t('assets.credentials.kind'), dataIndex: 'kind', width: 100, render: (k: string) => (k === 'password' ? t('assets.credentials.kindPassword') : t('assets.credentials.kindKey')) },
          { title: t('assets.credentials.username'), dataIndex: 'username', width: 140 },
          { title: t('assets.credentials.secret'), dataIndex: 'hasSecret', width: 110, render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('assets.credentials.hasSecret') : t('assets.credentials.noSecret')}</Tag> },
          { title: t('assets.credentials.usedBy'), dataIndex: 'usedBy', width: 90 },
          { title: t('assets.col.lastProbeAt'), dataIndex: 'updatedAt', width: 180, render: (v: string) => fmtAt(v) },
          ...(canWrite
            ? [
                {
                  title: t('assets.col.actions'),
                  key: 'a',
                  width: 120,
                  render: (_: unknown, c: Credential) => (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('assets.credentials.edit')} />
                      <Popconfirm title={t('assets.credentials.deleteConfirm', { label: c.label })} onConfirm={() => void remove(c)} okText={t('assets.delete')} cancelText={t('assets.cancel')}>
                        <Button size="small" danger disabled={c.usedBy > 0}>
                          {t('assets.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CredentialModal
        value={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </Flex>
  );
}

interface Values {
  label: string;
  kind: 'password' | 'private_key';
  username: string;
  secret?: string;
  passphrase?: string;
}

function CredentialModal({ value, onClose, onSaved }: { value: Credential | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const editing = value && value !== 'new' ? value : null;
  const { form, rules, submit, submitting, formError } = useContractForm<'assets/credential-save', Values>('assets/credential-save', {
    toInput: (v) => ({
      ...(editing ? { id: editing.id } : {}),
      label: v.label,
      kind: v.kind,
      username: v.username,
      ...(v.secret ? { secret: v.secret } : {}),
      ...(v.passphrase ? { passphrase: v.passphrase } : {}),
    }),
    onSuccess: onSaved,
  });
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={value !== null} title={editing ? t('assets.credentials.edit') : t('assets.credentials.add')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ? { label: editing.label, kind: editing.kind, username: editing.username } : { kind: 'password' }}
        onFinish={(v) => void submit(v)}
        autoComplete="off"
        data-testid="credential-form"
      >
        <Form.Item name="label" label={t('assets.credentials.label')} rules={rules('label')} required>
          <Input data-testid="credential-label" />
        </Form.Item>
        <Form.Item name="kind" label={t('assets.credentials.kind')}>
          <Radio.Group
            options={[
              { value: 'password', label: t('assets.credentials.kindPassword') },
              { value: 'private_key', label: t('assets.credentials.kindKey') },
            ]}
          />
        </Form.Item>
        <Form.Item name="username" label={t('assets.credentials.username')} rules={rules('username')} required>
          <Input autoComplete="off" data-testid="credential-username" />
        </Form.Item>
        <Form.Item name="secret" label={t('assets.credentials.secret')} extra={editing ? t('assets.credentials.secretKeep') : undefined} required={!editing}>
          {kind === 'private_key' ? (
            <Input.TextArea rows={5} autoComplete="off" spellCheck={false} data-testid="credential-secret" />
          ) : (
            <Input.Password autoComplete="new-password" data-testid="credential-secret" />
          )}
        </Form.Item>
        {kind === 'private_key' ? (
          <Form.Item name="passphrase" label={t('assets.credentials.passphrase')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <FormError message={formError} />
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('assets.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="credential-save">
            {t('assets.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
